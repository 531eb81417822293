# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - SMS to citizens",
    "summary": "Acknowledgements, stage news and agents' messages by SMS to the "
    "citizens who agreed to them",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # sms: templates, the SMS queue and the credits of Odoo's SMS provider.
    "depends": ["grc_citoyen", "sms"],
    "data": [
        "data/sms_template_data.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
