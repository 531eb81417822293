from . import grc_mail_failure
from . import ir_http
from . import ir_http_errors
from . import mail_thread_failure
from . import mail_thread_portal
