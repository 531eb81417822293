from . import grc_consent_record
