from . import test_accessibility_statement
from . import test_legal_pages
from . import test_accessibility_audit
