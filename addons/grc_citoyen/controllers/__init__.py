from . import myaccount
from . import portal
from . import privacy
from . import portal_accessibility
from . import portal_email
from . import throttle
