from . import grc_citizen_timeline
