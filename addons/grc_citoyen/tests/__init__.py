from . import test_request_reference
from . import test_request_intake
from . import test_mail_gateway
from . import test_portal
from . import test_portal_tour
