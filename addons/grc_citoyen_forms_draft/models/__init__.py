from . import grc_citizen_draft
