from . import test_satisfaction_timeline
