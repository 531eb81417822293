from . import report_grc_request_letter
