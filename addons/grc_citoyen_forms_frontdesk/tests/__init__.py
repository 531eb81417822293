from . import test_forms_frontdesk
from . import test_forms_desk_tour
