from . import grc_retention_engine
