from . import test_privacy_drafts
