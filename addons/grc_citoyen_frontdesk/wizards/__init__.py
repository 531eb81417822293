from . import grc_letter_register
from . import grc_frontdesk_completion
