from . import grc_kpi_satisfaction
from . import grc_kpi_xlsx
