from . import test_security_confidential
from . import test_security_portal_fields
from . import test_sla_escalation
