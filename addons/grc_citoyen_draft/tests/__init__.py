from . import test_citizen_draft
