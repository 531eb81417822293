from . import grc_request_similarity
from . import grc_request_type_similarity
from . import helpdesk_ticket_similarity
from . import helpdesk_ticket_similarity_portal
from . import grc_request_type_delay
from . import res_company_delay
from . import res_config_settings_delay
