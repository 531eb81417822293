from . import grc_ticket_transfer
