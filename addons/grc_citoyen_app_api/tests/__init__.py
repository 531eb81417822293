from . import test_app_api
