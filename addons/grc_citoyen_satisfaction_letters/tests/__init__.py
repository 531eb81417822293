from . import test_satisfaction_letter
