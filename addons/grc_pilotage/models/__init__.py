# First: the views read its column (models are set up in this order).
from . import helpdesk_ticket
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
from . import grc_kpi_mixin
from . import grc_kpi_request
from . import grc_kpi_request_flow
from . import grc_kpi_request_delay
from . import grc_kpi_interaction
from . import grc_kpi_xlsx
from . import grc_kpi_monthly_export
from . import grc_public_statistics
from . import digest_digest
from . import grc_kpi_reclamation
from . import grc_kpi_irritant
from . import grc_kpi_xlsx_reclamation
from . import res_users
