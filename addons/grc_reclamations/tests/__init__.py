# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_reclamation_lifecycle
from . import test_reclamation_deadline
from . import test_reclamation_escalation
from . import test_reclamation_irritant
from . import test_reclamation_report
from . import test_reclamation_security
from . import test_reclamation_links
from . import test_reclamation_portal
from . import test_tours
from . import test_reclamation_satisfaction
from . import test_reclamation_rpc_security
from . import test_reclamation_labels
from . import test_reclamation_chatter_security
from . import test_reclamation_hostile
from . import test_reclamation_portal_fields
from . import test_reclamation_intake
from . import test_reclamation_home
