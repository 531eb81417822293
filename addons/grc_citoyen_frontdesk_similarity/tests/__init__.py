from . import test_frontdesk_similarity
