from . import test_oidc_checks
from . import test_citizen_link
from . import test_proconnect
from . import test_totp_policy
