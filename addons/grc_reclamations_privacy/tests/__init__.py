from . import test_reclamation_retention
from . import test_reclamation_portal_fields
from . import test_reclamation_register
