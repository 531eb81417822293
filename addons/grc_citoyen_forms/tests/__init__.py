from . import (
    test_form_export,
    test_form_portal,
    test_form_search,
    test_form_security,
    test_form_tour,
    test_form_validation,
    test_form_validation_table,
    test_form_versions,
)
