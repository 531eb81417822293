from . import base_geocoder
from . import grc_request_type
from . import helpdesk_ticket
from . import res_company
from . import res_config_settings
from . import ir_http
from . import website
