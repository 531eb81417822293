from . import test_satisfaction
from . import test_satisfaction_routes
from . import test_security_portal_fields
