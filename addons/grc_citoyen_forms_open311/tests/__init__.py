from . import test_forms_open311
