from . import res_company_accessibility
