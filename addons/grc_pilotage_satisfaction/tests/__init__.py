from . import test_kpi_satisfaction
