from . import models
from . import tools
from . import controllers
from . import wizards
from .hooks import uninstall_hook
