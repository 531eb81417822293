from . import test_letter
