from . import test_district
from . import test_geocoding
from . import test_security_portal_fields
