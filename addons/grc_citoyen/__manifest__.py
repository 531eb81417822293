# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne",
    "summary": "Citizen relationship management for French local authorities: "
    "citizens, public services, request types and requests on every channel",
    "version": "18.0.3.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": [
        "helpdesk_mgmt",
        "contacts",
        "website",
        "portal",
        "phone_validation",
        "resource",
        "mail",
    ],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/grc_citoyen_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/res_company_data.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "data/grc_support_need_data.xml",
        "data/grc_routing_data.xml",
        "data/grc_holidays_data.xml",
        "data/mail_template_sla.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_sla.xml",
        "data/grc_email_change_mail_template_data.xml",
        "data/website_menu_data.xml",
        "views/grc_support_need_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_company_views.xml",
        "views/resource_calendar_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_team_sla_views.xml",
        "views/grc_request_type_views.xml",
        "views/grc_request_type_sla_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_sla_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/grc_interaction_views.xml",
        "views/grc_routing_rule_views.xml",
        "wizards/grc_ticket_transfer_views.xml",
        "views/grc_citoyen_menus.xml",
        "views/mail_canned_response_views.xml",
        # This adds menus under the application's menus.
        "views/res_config_settings_views.xml",
        # Notifications.
        "data/mail_template_data.xml",
        "data/ir_cron_notification.xml",
        "views/helpdesk_ticket_notification_views.xml",
        # Identity: e-mail changes and citizens to confirm.
        "views/res_partner_email_views.xml",
        # Accessibility fixes of the website's components.
        "views/grc_accessibility_templates.xml",
        "views/portal_page_titles_templates.xml",
        "views/website_homepage_templates.xml",
        # No third party: no connection to Google's font server.
        "views/website_layout_templates.xml",
        # Security: what citizens may change on their own account.
        "views/portal_my_details_templates.xml",
    ],
    "assets": {
        "web._assets_primary_variables": [
            (
                "before",
                "website/static/src/scss/options/user_values.scss",
                "grc_citoyen/static/src/scss/system_fonts.scss",
            ),
        ],
        "web.assets_backend": [
            "grc_citoyen/static/src/views/*.js",
            "grc_citoyen/static/src/views/*.xml",
            "grc_citoyen/static/src/views/*.scss",
        ],
        # Graphs are drawn by Odoo's lazy bundle: their patch goes with them.
        "web.assets_backend_lazy": [
            "grc_citoyen/static/src/views/graph/*.js",
        ],
        "web.assets_tests": [
            "grc_citoyen/static/tests/tours/*.js",
        ],
        "web.assets_frontend": [
            "grc_citoyen/static/src/scss/grc_portal.scss",
            "grc_citoyen/static/src/js/grc_focus_message.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
