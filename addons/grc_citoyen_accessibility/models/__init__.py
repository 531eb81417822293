from . import res_company_accessibility
from . import res_company_legal
from . import website
