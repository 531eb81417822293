# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Appointments by SMS",
    "summary": "Confirmation and reminder of appointments and call-backs by SMS "
    "to the citizens whose channel is SMS",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen_appointment", "grc_citoyen_sms"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
