from . import fastapi_endpoint
from . import grc_request_type
from . import helpdesk_ticket
