from . import grc_request_draft
