from . import grc_mandate
from . import grc_frontdesk_console
from . import grc_frontdesk_console_outcome
from . import helpdesk_ticket_frontdesk
from . import res_partner_frontdesk
from . import res_users_frontdesk
