from . import grc_request_draft
from . import helpdesk_ticket
