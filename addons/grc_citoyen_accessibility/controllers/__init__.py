from . import portal_accessibility
