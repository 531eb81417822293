from . import fastapi_endpoint
from . import helpdesk_ticket
from . import res_company
from . import grc_request_type
