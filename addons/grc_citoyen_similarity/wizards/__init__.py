from . import grc_request_merge
