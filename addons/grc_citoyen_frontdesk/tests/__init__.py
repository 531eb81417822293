from . import test_frontdesk
from . import test_frontdesk_tour
from . import test_letter_register
from . import test_mandate
from . import test_mandate_access
from . import test_mandate_portal
from . import test_security_portal_fields
from . import test_frontdesk_completion
