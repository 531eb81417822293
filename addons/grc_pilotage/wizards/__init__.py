from . import grc_kpi_export_wizard
