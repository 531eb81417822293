from . import fastapi_endpoint
from . import helpdesk_ticket
