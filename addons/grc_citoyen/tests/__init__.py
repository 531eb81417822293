from . import test_request_reference
