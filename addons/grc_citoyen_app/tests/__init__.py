from . import test_app_install
from . import test_public_map
from . import test_report_form
from . import test_report_tour
from . import test_push
