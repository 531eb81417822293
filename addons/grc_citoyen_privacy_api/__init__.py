from . import models
from . import routers
