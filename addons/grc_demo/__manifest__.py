# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Demo commune",
    "summary": "Ville de Saint-Exemple: a French demo commune with its services, "
    "agents, citizens, requests and complaints, and the generator that builds it",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": [
        "grc_citoyen",
        "grc_citoyen_api",
        "grc_citoyen_open311",
        "grc_citoyen_hardening",
        "grc_citoyen_guest",
        "grc_citoyen_location",
        "grc_citoyen_similarity",
        "grc_citoyen_frontdesk",
        # The console's similar requests (bridge; installed with both anyway).
        "grc_citoyen_frontdesk_similarity",
        "grc_citoyen_letters",
        "grc_citoyen_privacy",
        "grc_citoyen_sla_escalation",
        # The town hall's accessibility audit (demo/website_demo.xml).
        "grc_citoyen_accessibility",
        "grc_citoyen_app",
        # Push devices and the public map in the app's API (bridge).
        "grc_citoyen_app_api",
        "grc_citoyen_identity",
        "grc_citoyen_identity_privacy",
        # Who read or changed a citizen's data (and the API bridge).
        "grc_citoyen_access_log",
        "grc_citoyen_access_log_api",
        # The démarches' own forms (demo/grc_form_demo.xml).
        "grc_citoyen_forms",
        # ... through the mobile app's API and at the front desk too.
        "grc_citoyen_forms_api",
        "grc_citoyen_forms_frontdesk",
        # ... pre-filled by FranceConnect, addresses suggested (bridges).
        "grc_citoyen_forms_identity",
        "grc_citoyen_forms_location",
        # "Need help?": appointments with the services (agents' calendar),
        # call-backs; by SMS for citizens on SMS (bridge).
        "grc_citoyen_appointment",
        "grc_citoyen_appointment_sms",
        "grc_reclamations",
        # Complaints in the mobile app's API (bridge).
        "grc_reclamations_api",
        "grc_citoyen_satisfaction_api",
        "grc_citoyen_forms_open311",
        # Consents given and withdrawn from the mobile app (bridge).
        "grc_citoyen_privacy_api",
        # Démarches saved to finish later, and their bridges (the démarche's
        # form, the data download, the app's API).
        "grc_citoyen_draft",
        "grc_citoyen_forms_draft",
        "grc_citoyen_privacy_draft",
        "grc_citoyen_api_draft",
        # Mails the mail server refused for a while sent again.
        "grc_citoyen_mail_retry",
        # One timeline per citizen, with mandates, letters and complaints.
        "grc_citoyen_timeline",
        "grc_citoyen_frontdesk_timeline",
        "grc_citoyen_letters_timeline",
        "grc_reclamations_timeline",
        # The screen that tries the routing rules (and districts in it).
        "grc_citoyen_routing_test",
        "grc_citoyen_location_routing_test",
        # Appointments, no-shows and call-backs in the indicators (bridge).
        "grc_pilotage_appointment",
        # Appointments, call-backs and satisfaction answers on the timeline.
        "grc_citoyen_appointment_timeline",
        "grc_citoyen_satisfaction_timeline",
    ],
    # Demo only: installed with --without-demo, the addon creates nothing (its
    # generator stays available to tests/benchmarks/generate.py).
    "demo": [
        "demo/res_company_demo.xml",
        "demo/mail_alias_domain_demo.xml",
        "demo/upstream_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/helpdesk_ticket_category_demo.xml",
        "demo/helpdesk_ticket_team_demo.xml",
        "demo/grc_request_type_demo.xml",
        "demo/grc_app_demo.xml",
        "demo/grc_form_demo.xml",
        "demo/grc_routing_rule_demo.xml",
        "demo/grc_demo_commune.xml",
        "demo/website_demo.xml",
        "demo/grc_district_demo.xml",
        "demo/grc_reclamation_demo.xml",
    ],
    # One citizen across channels (tests/test_journey_tour.py).
    "assets": {
        "web.assets_tests": ["grc_demo/static/tests/tours/*.js"],
    },
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
