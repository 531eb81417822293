from . import grc_kpi_mixin
from . import grc_kpi_request
from . import grc_kpi_interaction
from . import grc_kpi_xlsx
from . import grc_kpi_monthly_export
from . import grc_public_statistics
from . import digest_digest
