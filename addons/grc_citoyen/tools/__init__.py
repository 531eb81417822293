from . import intake
from . import normalize
