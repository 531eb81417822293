from . import test_api_drafts
