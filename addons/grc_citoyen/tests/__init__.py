from . import test_request_reference
from . import test_citizen_normalization
from . import test_citizen_dedup
from . import test_citizen_360
from . import test_interaction
