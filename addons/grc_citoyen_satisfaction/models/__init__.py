from . import helpdesk_ticket
from . import survey_user_input
from . import res_config_settings
from . import grc_citizen_timeline
