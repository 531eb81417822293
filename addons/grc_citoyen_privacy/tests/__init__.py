from . import test_retention
from . import test_privacy_erasure
from . import test_privacy_portal
from . import test_privacy_rpc
from . import test_privacy_portal_fields
from . import test_privacy_accessibility
from . import test_processing_register
from . import test_consent
