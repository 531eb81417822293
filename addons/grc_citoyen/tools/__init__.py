from . import migration
from . import normalize
