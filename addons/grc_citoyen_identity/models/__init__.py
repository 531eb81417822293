from . import auth_oauth_provider
from . import res_partner
from . import res_users
from . import res_config_settings
