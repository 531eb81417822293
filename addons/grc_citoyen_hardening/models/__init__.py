from . import ir_http
from . import ir_http_errors
from . import mail_thread_portal
