from . import test_guest_portal
from . import test_request_draft
from . import test_security_hostile
from . import test_tour_anonymous
