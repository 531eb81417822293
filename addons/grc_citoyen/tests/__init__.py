from . import test_request_reference
from . import test_request_lifecycle
from . import test_request_reference_concurrency
from . import test_request_backoffice
from . import test_security
from . import test_security_portal
