from . import test_satisfaction_api
