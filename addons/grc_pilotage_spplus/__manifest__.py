# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Services Publics+ and use of the channels",
    "summary": "The Services Publics+ commitments as the programme measures them "
    "(answers within the announced delay, satisfied answers, phone pick-up rate, "
    "first answer to e-mails and letters), the yearly self-assessment with its "
    "PDF and workbook, and the use of the online channels by month",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": [
        "grc_pilotage",
        "grc_citoyen_satisfaction",
        "grc_citoyen_frontdesk",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/grc_pilotage_spplus_security.xml",
        "report/report_grc_spplus_assessment.xml",
        "views/grc_spplus_assessment_views.xml",
        "views/grc_channel_usage_views.xml",
        "data/ir_cron_data.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with its three sides, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
