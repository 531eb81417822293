# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Satisfaction survey on letters",
    "summary": "Closure letters invite postal citizens to the satisfaction survey "
    "and print its questionnaire",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen_satisfaction", "grc_citoyen_letters"],
    "data": [
        "report/report_grc_request_letter.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
