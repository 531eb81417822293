# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def uninstall_hook(env):
    """The numbered working days (resource.calendar) are not an ORM table;
    the views reading them go with it (the ORM drops the others). The
    histogram aggregate of the monthly indicators is not the ORM's either."""
    env.cr.execute("DROP TABLE IF EXISTS grc_kpi_working_day CASCADE")
    env.cr.execute("DROP AGGREGATE IF EXISTS grc_kpi_histogram(double precision)")
    env.cr.execute(
        "DROP FUNCTION IF EXISTS grc_kpi_histogram_add(integer[], double precision)"
    )
