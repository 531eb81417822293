from . import test_forms_api
