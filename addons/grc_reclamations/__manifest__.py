# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Complaints",
    "summary": "Complaints about the authority's services: admissibility, deadlines "
    "in working time, analysis, corrective actions, answer letters and irritants",
    "version": "18.0.1.1.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # Citizens write on complaints through Odoo's chatter routes too: the
    # hardening addon puts them under the rules of the request form.
    "depends": ["grc_citoyen", "grc_citoyen_hardening"],
    "data": [
        "security/grc_reclamations_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/grc_reclamation_stage_data.xml",
        "data/grc_reclamation_reason_data.xml",
        "data/grc_reclamation_root_cause_data.xml",
        "data/grc_reclamation_deadline_rule_data.xml",
        "report/grc_reclamation_answer_report.xml",
        "report/grc_reclamation_answer_templates.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/grc_reclamation_views.xml",
        "views/grc_reclamation_action_views.xml",
        "views/grc_reclamation_irritant_views.xml",
        "views/grc_reclamation_stage_views.xml",
        "views/grc_reclamation_reason_views.xml",
        "views/grc_reclamation_root_cause_views.xml",
        "views/grc_reclamation_deadline_rule_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/grc_reclamation_portal_templates.xml",
        "views/grc_reclamations_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "grc_reclamations/static/src/views/list_renderer_patch.js",
        ],
        "web.assets_tests": [
            "grc_reclamations/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
