from . import grc_kpi_satisfaction
