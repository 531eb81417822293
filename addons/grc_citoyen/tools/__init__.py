from . import intake
from . import migration
from . import normalize
