from . import grc_sla_escalation
from . import helpdesk_ticket
from . import helpdesk_ticket_team
