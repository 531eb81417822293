from . import grc_frontdesk_console
from . import helpdesk_ticket
