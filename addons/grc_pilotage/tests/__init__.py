from . import test_kpi_request
from . import test_kpi_interaction
from . import test_kpi_security
from . import test_kpi_export
from . import test_monthly_export
from . import test_digest
from . import test_public_statistics
