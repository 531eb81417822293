from . import test_request_reference
from . import test_sla_engine
from . import test_sla_request
from . import test_sla_cron
