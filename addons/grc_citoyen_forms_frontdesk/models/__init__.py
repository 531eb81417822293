from . import grc_request_type
from . import grc_frontdesk_form_file
from . import grc_frontdesk_console
