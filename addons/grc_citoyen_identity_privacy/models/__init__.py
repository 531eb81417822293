from . import grc_retention_engine
from . import res_partner
