# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Mails sent again",
    "summary": "Mails the outgoing server refused for a while (no connection, "
    "SMTP 4xx) are sent again with a growing delay; administrators told",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "data/ir_cron_data.xml",
    ],
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
