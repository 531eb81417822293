from . import test_anonymisation
