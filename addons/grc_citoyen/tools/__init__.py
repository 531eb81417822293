from . import normalize
