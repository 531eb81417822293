from . import test_open311
