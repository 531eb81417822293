# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def uninstall_hook(env):
    """The chain head and the append-only trigger are not ORM objects."""
    env.cr.execute("DROP TABLE IF EXISTS grc_access_log_head")
    env.cr.execute("DROP FUNCTION IF EXISTS grc_access_log_append_only() CASCADE")
