from . import grc_letter_register
from . import grc_frontdesk_completion
from . import grc_phone_call_import
