from . import grc_api_v1
