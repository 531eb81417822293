# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import grc_reclamation_stage
from . import grc_reclamation_reason
from . import grc_reclamation_root_cause
from . import grc_reclamation_deadline_rule
from . import grc_reclamation_workflow
from . import grc_reclamation_escalation
from . import grc_reclamation_intake
from . import grc_reclamation
from . import grc_reclamation_action
from . import grc_reclamation_irritant
from . import helpdesk_ticket
from . import res_partner
from . import grc_reclamation_internal
from . import res_users
