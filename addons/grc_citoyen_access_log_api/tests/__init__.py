from . import test_access_log_api
