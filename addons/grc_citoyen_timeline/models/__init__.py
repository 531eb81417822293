from . import grc_citizen_timeline
from . import res_partner
