from . import portal_similarity
