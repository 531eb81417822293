from . import test_forms_frontdesk
