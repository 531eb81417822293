from . import test_forms_location
