from . import test_mail_retry
