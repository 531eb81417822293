# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne: hardening",
    "summary": "Narrows the routes of Odoo and helpdesk_mgmt that citizens and "
    "visitors reach (server information, link previews, follow, contact "
    "form, chatter, helpdesk forms), limits what portal accounts post by "
    "RPC, sends security headers and hides tracebacks from visitors",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": [
        "grc_citoyen",
        "auth_signup",
        "html_editor",
        "mail",
        "portal",
        "website",
        # Its public follow route is closed to visitors (controllers/security.py).
        "website_mail",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/grc_mail_failure_views.xml",
    ],
    # Answers 503 while the database is unreachable (availability.py): also
    # list the addon in server_wide_modules so that it holds from the start.
    "post_load": "post_load",
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
