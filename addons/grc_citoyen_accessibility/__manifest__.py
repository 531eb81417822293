# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Accessibility statement",
    "summary": "The accessibility statement the law requires of the citizen "
    "portal (RGAA): compliance status and audit of the authority, the "
    "statement page and its mention in the footer of every page",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_accessibility_security.xml",
        "views/res_company_accessibility_views.xml",
        "views/grc_accessibility_audit_views.xml",
        "views/grc_accessibility_statement_templates.xml",
        "views/grc_legal_templates.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
