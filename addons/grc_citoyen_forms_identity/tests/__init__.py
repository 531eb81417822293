from . import test_forms_identity
