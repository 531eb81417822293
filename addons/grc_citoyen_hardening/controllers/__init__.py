from . import auth_signup
from . import helpdesk_ticket
from . import mail_chatter
from . import security
