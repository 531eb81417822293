from . import test_forms_privacy
