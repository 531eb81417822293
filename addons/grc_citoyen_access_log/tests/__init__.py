from . import (
    test_access_log_chain,
    test_access_log_http,
    test_access_log_portal,
    test_access_log_read,
    test_access_log_security,
    test_access_log_write,
)
