from . import grc_retention_engine
from . import grc_retention_log
