from . import test_consents_api
