# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Saved démarches",
    "summary": "Signed-in citizens save a démarche to finish later, on any "
    'device or with an agent: "My drafts", autosave, reminder, retention',
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_citizen_draft_security.xml",
        "data/grc_citizen_draft_data.xml",
        "views/grc_citizen_draft_views.xml",
        "views/grc_citizen_draft_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "grc_citoyen_draft/static/src/js/grc_draft_autosave.js",
        ],
    },
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
