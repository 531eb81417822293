# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Letters by post",
    "summary": "Letters to the citizens who prefer post: acknowledgements, stage "
    "news and agents' messages generated as PDF on the request for the mail room",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_letters_security.xml",
        # The report first: the stages' settings and the print action use it.
        "report/report_grc_request_letter.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/grc_letter_views.xml",
        "data/ir_cron_data.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
