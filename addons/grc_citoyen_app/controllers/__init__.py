from . import app
from . import public_map
from . import report
from . import push
