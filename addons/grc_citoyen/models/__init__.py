from . import grc_support_need
from . import res_partner
from . import helpdesk_ticket_team
from . import helpdesk_ticket_stage
from . import grc_request_type
from . import helpdesk_ticket
from . import grc_interaction
from . import grc_demo_generator
