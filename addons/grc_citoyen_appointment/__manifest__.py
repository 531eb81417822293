# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Appointments",
    "summary": "Need help? Citizens book an appointment with a service on its "
    "agents' real availability, or ask to be called back; it lands in the "
    "agent's calendar or call queue",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # calendar: the agents' calendar (calendar.event), its alarms and the
    # reminder mails of its cron (Community; not Enterprise's appointment).
    "depends": ["grc_citoyen", "grc_citoyen_draft", "calendar"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/grc_appointment_security.xml",
        "security/ir.model.access.csv",
        "data/calendar_alarm_data.xml",
        "data/mail_template_data.xml",
        "views/grc_appointment_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/grc_appointment_templates.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
