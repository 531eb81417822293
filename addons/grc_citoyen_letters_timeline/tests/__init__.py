from . import test_letter_timeline
