from . import test_identity_privacy
