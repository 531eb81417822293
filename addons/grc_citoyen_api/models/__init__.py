from . import grc_api_token
from . import res_partner_api
from . import res_users
from . import helpdesk_ticket_api
from . import fastapi_endpoint
from . import res_config_settings_api
from . import grc_request_type_api
