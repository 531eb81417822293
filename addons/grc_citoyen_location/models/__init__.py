from . import base_geocoder
from . import grc_district
from . import helpdesk_ticket_location
from . import res_company_location
from . import res_config_settings_location
