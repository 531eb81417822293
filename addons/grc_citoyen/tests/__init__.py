from . import test_request_reference
from . import test_sla_engine
