from . import grc_access_log
from . import grc_access_log_seal
from . import grc_access_log_mixin
from . import helpdesk_ticket
from . import res_partner
from . import res_config_settings
