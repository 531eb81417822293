from . import grc_ticket_transfer
from . import grc_routing_test
