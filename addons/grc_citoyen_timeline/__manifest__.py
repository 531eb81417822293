# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Citizen timeline",
    "summary": "One timeline per citizen across channels (requests, contacts, "
    'messages, and what feature addons add); "My history" on the portal',
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_citizen_timeline_security.xml",
        "views/grc_citizen_timeline_views.xml",
    ],
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
