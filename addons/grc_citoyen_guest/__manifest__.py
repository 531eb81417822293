# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Requests without an account",
    "summary": "Visitors file an online request without an account: it is kept "
    "as a draft until they confirm their e-mail address by a mailed link",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "data/grc_request_draft_data.xml",
        "data/mail_template_data.xml",
        "views/grc_request_draft_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "grc_citoyen_guest/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
