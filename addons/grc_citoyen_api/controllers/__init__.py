from . import api_token_portal
