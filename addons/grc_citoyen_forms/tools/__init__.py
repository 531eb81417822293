from . import checks
