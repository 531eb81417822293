from . import test_request_reference
from . import test_demo_generator
