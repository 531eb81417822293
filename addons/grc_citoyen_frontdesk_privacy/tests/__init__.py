from . import test_retention_mandate
