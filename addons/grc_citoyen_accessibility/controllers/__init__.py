from . import portal_accessibility
from . import portal_legal
