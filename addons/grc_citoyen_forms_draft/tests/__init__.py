from . import test_form_draft
