# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Satisfaction survey",
    "summary": "Citizens invited to a satisfaction survey when their request is "
    "closed, online or on paper; scores on the request, complaints offered "
    "after a low score",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # survey: the questionnaire, its invitations (answer tokens) and pages.
    "depends": ["grc_citoyen", "survey"],
    "data": [
        "data/survey_data.xml",
        "data/mail_template_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_config_settings_views.xml",
        "views/grc_satisfaction_templates.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
