# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Access log",
    "summary": "Who read or changed a citizen's data and confidential requests: "
    "a hash-chained, sealed, append-only log, shown to the citizen",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/grc_access_log_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_access_log.xml",
        "views/grc_access_log_views.xml",
        "views/grc_access_log_seal_views.xml",
        "views/res_config_settings_views.xml",
        "views/grc_access_log_menus.xml",
        "views/grc_access_log_templates.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
