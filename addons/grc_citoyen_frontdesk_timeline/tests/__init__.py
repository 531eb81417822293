from . import test_mandate_timeline
