from . import myaccount
from . import portal
from . import portal_draft
from . import portal_history
from . import portal_email
from . import throttle
