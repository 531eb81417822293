from . import test_request_reference
from . import test_routing
from . import test_assignment
