from . import test_accessibility_statement
