from . import helpdesk_ticket
from . import helpdesk_ticket_stage
from . import res_config_settings
