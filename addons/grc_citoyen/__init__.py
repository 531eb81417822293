from . import models
from . import tools
from . import controllers
from . import wizards
from . import report
from .hooks import uninstall_hook
