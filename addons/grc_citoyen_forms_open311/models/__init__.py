from . import grc_request_type
from . import helpdesk_ticket
