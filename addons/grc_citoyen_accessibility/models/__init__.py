from . import res_company_accessibility
from . import res_company_legal
from . import website
from . import grc_accessibility_audit
