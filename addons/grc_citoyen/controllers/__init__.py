from . import myaccount
from . import portal
from . import portal_email
from . import throttle
