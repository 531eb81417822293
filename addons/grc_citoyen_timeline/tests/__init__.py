from . import test_citizen_timeline
