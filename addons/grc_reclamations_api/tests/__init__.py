from . import test_complaints_api
