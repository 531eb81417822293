from . import test_reclamation_timeline
