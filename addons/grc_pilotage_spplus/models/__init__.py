from . import grc_spplus_figures
from . import grc_spplus_assessment
from . import grc_channel_usage
from . import res_users
