from . import helpdesk_ticket_stage
from . import helpdesk_ticket
from . import grc_letter
