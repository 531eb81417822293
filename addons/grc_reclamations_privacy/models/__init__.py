from . import grc_reclamation
from . import res_company
from . import res_config_settings
from . import res_partner
from . import grc_elimination_list
from . import grc_retention_engine
from . import grc_retention_log
from . import grc_processing_register
