from . import api_token_portal
from . import oauth
