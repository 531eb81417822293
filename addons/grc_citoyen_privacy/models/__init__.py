from . import grc_request_type_retention
from . import helpdesk_ticket_retention
from . import grc_interaction_retention
from . import res_partner_retention
from . import res_company_retention
from . import res_config_settings_retention
from . import res_users_retention
from . import grc_retention_engine
from . import grc_retention_log
from . import grc_elimination_list
from . import grc_processing_register
from . import grc_consent
from . import res_partner_consent
from . import res_company_consent
from . import grc_erasure_request
from . import website

# Mandates (still in grc_citoyen): their retention, erasure and export, in one
# file so that they move together with the mandates.
