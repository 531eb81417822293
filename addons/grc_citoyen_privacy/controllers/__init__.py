from . import portal_accessibility
from . import privacy
