from . import test_forms_guest
