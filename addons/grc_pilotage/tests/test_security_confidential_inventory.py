# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every model that points at a request, a service or a citizen has a verdict.

A record that points at a confidential request (social services...) is as
secret as the request: its notes, its citizen, even that it exists. The
models come from the registry: those of the GRC addons (or extended by them)
with a many2one to ``helpdesk.ticket``, ``helpdesk.ticket.team`` or
``res.partner``, transient and SQL-view models included. A new one fails the
test until it gets a verdict here:

- ``rule``: record rules (xmlids) that keep it within the services allowed
  to read the request, and the test class proving that a user outside them
  (front desk, agent of another service, steering) neither reads nor writes
  such records;
- ``excluded``: why no such rule is needed.
"""

import importlib

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

GRC_ADDONS = ("grc_citoyen", "grc_reclamations", "grc_pilotage")


def _is_grc(module):
    """The suite's addons, feature addons of grc_citoyen included."""
    return module in GRC_ADDONS or (module or "").startswith(
        ("grc_citoyen_", "grc_pilotage_")
    )


LINK_TARGETS = ("helpdesk.ticket", "helpdesk.ticket.team", "res.partner")
THIS = "odoo.addons.grc_pilotage.tests.test_security_confidential_inventory"

CONFIG = "configuration, read by agents to work; holds no citizen data"

VERDICTS = {
    # --- Records of a request: follow its confidentiality ---------------
    "helpdesk.ticket": (
        "rule",
        [
            "helpdesk_mgmt.helpdesk_ticket_user_rule",
            "helpdesk_mgmt.helpdesk_ticket_team_rule",
            "grc_citoyen.helpdesk_ticket_rule_frontdesk",
            "grc_citoyen.helpdesk_ticket_rule_manager",
            "grc_citoyen_frontdesk.helpdesk_ticket_rule_portal_mandate",
        ],
        "odoo.addons.grc_citoyen.tests.test_security.TestRequestAccessRights",
    ),
    "grc.citizen.draft": (
        "rule",
        [
            "grc_citoyen_draft.grc_citizen_draft_rule_portal",
            "grc_citoyen_draft.grc_citizen_draft_rule_frontdesk",
            "grc_citoyen_draft.grc_citizen_draft_rule_manager",
        ],
        "odoo.addons.grc_citoyen_draft.tests.test_citizen_draft."
        "TestCitizenDraftAccess",
    ),
    "grc.citizen.timeline": (
        "rule",
        [
            "grc_citoyen_timeline.grc_citizen_timeline_rule_confidential",
            "grc_citoyen_timeline.grc_citizen_timeline_rule_manager",
            "grc_reclamations_timeline.grc_citizen_timeline_rule_officer",
        ],
        "odoo.addons.grc_citoyen_timeline.tests.test_citizen_timeline."
        "TestCitizenTimeline",
    ),
    "grc.phone.call": (
        "rule",
        [
            "grc_citoyen_frontdesk.grc_phone_call_rule_confidential",
            "grc_citoyen_frontdesk.grc_phone_call_rule_confidential_manager",
        ],
        "odoo.addons.grc_citoyen_frontdesk.tests.test_phone_call.TestPhoneCall",
    ),
    "grc.spplus.assessment": (
        "rule",
        [
            "grc_pilotage_spplus.grc_spplus_assessment_rule_read",
            "grc_pilotage_spplus.grc_spplus_assessment_rule_manager",
        ],
        "odoo.addons.grc_pilotage_spplus.tests.test_spplus.TestSpplus",
    ),
    "grc.spplus.assessment.line": (
        "rule",
        [
            "grc_pilotage_spplus.grc_spplus_assessment_line_rule_read",
            "grc_pilotage_spplus.grc_spplus_assessment_line_rule_manager",
        ],
        "odoo.addons.grc_pilotage_spplus.tests.test_spplus.TestSpplus",
    ),
    "grc.interaction": (
        "rule",
        [
            "grc_citoyen.grc_interaction_rule_confidential",
            "grc_citoyen.grc_interaction_rule_confidential_manager",
        ],
        "odoo.addons.grc_citoyen.tests.test_security_confidential"
        ".TestInteractionConfidentiality",
    ),
    "grc.sla.escalation": (
        "rule",
        [
            "grc_citoyen_sla_escalation.grc_sla_escalation_rule_confidential",
            "grc_citoyen_sla_escalation"
            ".grc_sla_escalation_rule_confidential_frontdesk",
        ],
        "odoo.addons.grc_citoyen_sla_escalation.tests.test_security_confidential"
        ".TestSlaEscalationConfidentiality",
    ),
    "grc.reclamation": (
        "rule",
        [
            "grc_reclamations.grc_reclamation_rule_frontdesk",
            "grc_reclamations.grc_reclamation_rule_agent",
            "grc_reclamations.grc_reclamation_rule_manager",
            "grc_reclamations.grc_reclamation_rule_portal",
        ],
        "odoo.addons.grc_reclamations.tests.test_reclamation_security"
        ".TestReclamationSecurity",
    ),
    "grc.reclamation.action": (
        "rule",
        ["grc_reclamations.grc_reclamation_action_rule_agent"],
        "odoo.addons.grc_reclamations.tests.test_reclamation_security"
        ".TestReclamationSecurity",
    ),
    "grc.reclamation.irritant": (
        "rule",
        ["grc_reclamations.grc_reclamation_irritant_rule_manager"],
        "odoo.addons.grc_reclamations.tests.test_reclamation_security"
        ".TestReclamationSecurity",
    ),
    # --- Indicator views: rows of a confidential service stay with it -----
    "grc.kpi.request": (
        "rule",
        ["grc_pilotage.grc_kpi_request_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_security.TestKpiSecurity",
    ),
    "grc.kpi.request.flow": (
        "rule",
        ["grc_pilotage.grc_kpi_request_flow_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_trust.TestKpiTrust",
    ),
    "grc.kpi.request.monthly": (
        "rule",
        ["grc_pilotage.grc_kpi_request_monthly_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_monthly.TestKpiMonthly",
    ),
    "grc.kpi.request.flow.monthly": (
        "rule",
        ["grc_pilotage.grc_kpi_request_flow_monthly_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_monthly.TestKpiMonthly",
    ),
    "grc.kpi.request.delay": (
        "rule",
        ["grc_pilotage.grc_kpi_request_delay_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_trust.TestKpiTrust",
    ),
    "grc.kpi.satisfaction": (
        "rule",
        ["grc_pilotage_satisfaction.grc_kpi_satisfaction_rule_steering"],
        "odoo.addons.grc_pilotage_satisfaction.tests.test_kpi_satisfaction"
        ".TestKpiSatisfaction",
    ),
    "grc.kpi.interaction": (
        "rule",
        ["grc_pilotage.grc_kpi_interaction_rule_steering"],
        f"{THIS}.TestKpiInteractionConfidentiality",
    ),
    "grc.kpi.reclamation": (
        "rule",
        ["grc_pilotage.grc_kpi_reclamation_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_reclamation_security"
        ".TestKpiReclamationSecurity",
    ),
    "grc.kpi.irritant": (
        "rule",
        ["grc_pilotage.grc_kpi_irritant_rule_steering"],
        "odoo.addons.grc_pilotage.tests.test_kpi_reclamation_security"
        ".TestKpiReclamationSecurity",
    ),
    # --- Screens (transient): each agent reads their own ---------------
    "grc.frontdesk.console": (
        "rule",
        ["grc_citoyen_frontdesk.grc_frontdesk_console_rule_own"],
        f"{THIS}.TestWizardsStayWithTheirAgent",
    ),
    "grc.frontdesk.completion": (
        "rule",
        ["grc_citoyen_frontdesk.grc_frontdesk_completion_rule_own"],
        f"{THIS}.TestWizardsStayWithTheirAgent",
    ),
    "grc.letter.register": (
        "rule",
        ["grc_citoyen_frontdesk.grc_letter_register_rule_own"],
        f"{THIS}.TestWizardsStayWithTheirAgent",
    ),
    "grc.ticket.transfer": (
        "rule",
        ["grc_citoyen.grc_ticket_transfer_rule_own"],
        f"{THIS}.TestWizardsStayWithTheirAgent",
    ),
    "grc.request.merge": (
        "rule",
        ["grc_citoyen_similarity.grc_request_merge_rule_own"],
        f"{THIS}.TestWizardsStayWithTheirAgent",
    ),
    "grc.appointment": (
        "rule",
        [
            "grc_citoyen_appointment.grc_appointment_rule_portal",
            "grc_citoyen_appointment.grc_appointment_rule_agent",
            "grc_citoyen_appointment.grc_appointment_rule_manager",
        ],
        "odoo.addons.grc_citoyen_appointment.tests.test_appointment"
        ".TestAppointmentAccess",
    ),
    "grc.callback": (
        "rule",
        [
            "grc_citoyen_appointment.grc_callback_rule_portal",
            "grc_citoyen_appointment.grc_callback_rule_agent",
            "grc_citoyen_appointment.grc_callback_rule_manager",
        ],
        "odoo.addons.grc_citoyen_appointment.tests.test_callback.TestCallback",
    ),
    "grc.kpi.appointment": (
        "rule",
        ["grc_pilotage_appointment.grc_kpi_appointment_rule_steering"],
        "odoo.addons.grc_pilotage_appointment.tests.test_kpi_appointment"
        ".TestKpiAppointment",
    ),
    # --- Exclusions -----------------------------------------------------
    "grc.kpi.mixin": ("excluded", "abstract: no table, no rows"),
    "grc.kpi.monthly.mixin": ("excluded", "abstract: no table, no rows"),
    "grc.mandate": (
        "excluded",
        "a citizen's consent, about no request: the front desk reads every "
        "mandate to file on a citizen's behalf; the requests filed under it "
        "follow it (helpdesk_ticket_rule_portal_mandate)",
    ),
    "grc.api.token": (
        "excluded",
        "a citizen's app session, about no request nor service; its rights "
        "are the identity part's (grc_api_token_rule_company, ACL)",
    ),
    "grc.consent": (
        "excluded",
        "a citizen's consents (channel, date, text agreed to), about no "
        "request: the front desk reads and records them (ACL), citizens "
        "their own (grc_consent_rule_portal), per company",
    ),
    "grc.elimination.list.line": (
        "excluded",
        "GRC administrators and archivists only (ACL), per company "
        "(grc_elimination_list_line_rule_company): a request's reference and "
        "dates on an elimination list, no personal data; the archives decide "
        "on every record, confidential ones included, as the law requires",
    ),
    "grc.consent.record": (
        "excluded",
        "the front desk's form recording a citizen's consent (ACL), about no "
        "request; what it records is a grc.consent",
    ),
    "grc.erasure.request": (
        "excluded",
        "GRC administrators only (ACL), citizens their own "
        "(grc_erasure_request_rule_portal); about no request",
    ),
    "grc.form.answer": (
        "rule",
        [
            "grc_citoyen_forms.grc_form_answer_rule_portal",
            "grc_citoyen_forms.grc_form_answer_rule_user",
        ],
        "odoo.addons.grc_citoyen_forms.tests.test_form_security.TestFormSecurity",
    ),
    "grc.request.document": (
        "rule",
        [
            "grc_citoyen_forms.grc_request_document_rule_portal",
            "grc_citoyen_forms.grc_request_document_rule_user",
        ],
        "odoo.addons.grc_citoyen_forms.tests.test_form_security.TestFormSecurity",
    ),
    "grc.access.log": (
        "rule",
        # The access log auditor (the DPO) reads every entry by design
        # (grc_access_log_rule_auditor); agents read none (ACL).
        ["grc_citoyen_access_log.grc_access_log_rule_manager"],
        "odoo.addons.grc_citoyen_access_log.tests.test_access_log_security"
        ".TestAccessLogSecurity",
    ),
    "grc.letter": (
        "excluded",
        "GRC administrators only (ACL; grc_letter_rule_company): the queue of "
        "letters to render; agents read the letters on the request's chatter "
        "(TestLetterQueue.test_queue_is_for_administrators)",
    ),
    "grc.request.draft": (
        "excluded",
        "GRC administrators only (ACL): a citizen's form before it is filed",
    ),
    "survey.user_input": (
        "excluded",
        "survey officers only (survey's own ACL and rules); no GRC group "
        "implies them; agents see the score on the request, as it allows",
    ),
    "helpdesk.ticket.team": ("excluded", CONFIG),
    "grc.request.type": ("excluded", CONFIG),
    "grc.routing.rule": ("excluded", CONFIG),
    "grc.routing.test": ("excluded", CONFIG + " (administrators' test screen)"),
    "res.company": ("excluded", CONFIG),
    "res.config.settings": ("excluded", CONFIG + " (administrators)"),
}

# What a rule following confidentiality looks at: the flag, the user's
# services, or the user themself (own screens, own records).
RULE_MARKERS = (
    "is_confidential",
    "helpdesk_team_ids",
    "user.id",
    "user.partner_id",
    "user.commercial_partner_id",
)


class TestConfidentialInventory(TransactionCase):
    def _linked_models(self):
        models = set()
        for name in self.env.registry:
            Model = self.env.registry[name]
            ours = _is_grc(Model._original_module)
            for field in Model._fields.values():
                if field.type != "many2one" or field.comodel_name not in LINK_TARGETS:
                    continue
                if ours or _is_grc(field._module):
                    models.add(name)
                    break
        return models

    def _installed(self, module):
        return bool(
            self.env["ir.module.module"].search_count(
                [("name", "=", module), ("state", "=", "installed")]
            )
        )

    def test_every_linked_model_has_a_verdict(self):
        linked = self._linked_models()
        self.assertIn("grc.interaction", linked)
        self.assertIn("grc.kpi.interaction", linked)
        self.assertFalse(
            linked - set(VERDICTS),
            "Models linked to a request, a service or a citizen without a "
            "verdict in VERDICTS: give them a record rule and a test, or a "
            "reason.",
        )
        # Models of a feature addon that is not installed have no verdict to
        # check here.
        installed = set(VERDICTS) & set(self.env.registry)
        self.assertFalse(installed - linked, "Verdicts of models no longer linked.")

    def test_rules_exist_and_follow_confidentiality(self):
        for model, (verdict, *details) in VERDICTS.items():
            if model not in self.env.registry:
                continue
            if verdict != "rule":
                self.assertIn(verdict, ("rule", "excluded"))
                self.assertTrue(details[0].strip(), f"{model}: no reason")
                continue
            xmlids, test_path = details
            for xmlid in xmlids:
                if not self._installed(xmlid.split(".")[0]):
                    # A rule of a feature addon that is not installed.
                    continue
                with self.subTest(model=model, rule=xmlid):
                    rule = self.env.ref(xmlid, raise_if_not_found=False)
                    self.assertTrue(rule, f"{xmlid} missing")
                    self.assertEqual(rule._name, "ir.rule")
                    self.assertEqual(rule.model_id.model, model)
                    self.assertTrue(rule.active)
                    self.assertTrue(
                        any(marker in rule.domain_force for marker in RULE_MARKERS),
                        f"{xmlid} does not follow confidentiality",
                    )
            with self.subTest(model=model, test=test_path):
                module_path, class_name = test_path.rsplit(".", 1)
                test_class = getattr(importlib.import_module(module_path), class_name)
                self.assertTrue(
                    [name for name in dir(test_class) if name.startswith("test_")],
                    f"{test_path} has no test",
                )


class TestKpiInteractionConfidentiality(GrcCommon):
    """A contact about a confidential request was counted in the rows every
    steering user reads, under the service that logged it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.steering = new_test_user(
            cls.env, login="kpi-conf-steering", groups="grc_citoyen.group_grc_steering"
        )
        cls.agent_ccas = new_test_user(
            cls.env, login="kpi-conf-ccas", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_ccas.user_ids = [(4, cls.agent_ccas.id)]
        request_ccas = cls._create_request(team_id=cls.team_ccas.id)
        channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.contact = cls.env["grc.interaction"].create(
            {
                "name": "Relance dossier",
                "partner_id": cls.citizen.id,
                "channel_id": channel.id,
                # Logged by the front desk's service, about a CCAS request.
                "team_id": cls.team_voirie.id,
                "ticket_id": request_ccas.id,
            }
        )
        cls.env.flush_all()

    def _rows(self, user):
        return (
            self.env["grc.kpi.interaction"]
            .with_user(user)
            .search([("id", "=", self.contact.id)])
        )

    def test_steering_does_not_read_the_row(self):
        self.assertFalse(self._rows(self.steering))
        self.assertFalse(
            self.env["grc.kpi.interaction"]
            .with_user(self.steering)
            .read_group([("id", "=", self.contact.id)], ["__count"], ["team_id"])
        )

    def test_row_is_confidential(self):
        self.assertTrue(self._rows(self.env.user).is_confidential)


class TestWizardsStayWithTheirAgent(GrcCommon):
    """A screen (console, letter, transfer, merge) is read by its agent only:
    another agent reading it by id saw the citizen and the request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_a = new_test_user(
            cls.env, login="wiz-agent-a", groups="grc_citoyen.group_grc_agent"
        )
        cls.agent_b = new_test_user(
            cls.env, login="wiz-agent-b", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_voirie.user_ids = [(4, cls.agent_a.id), (4, cls.agent_b.id)]
        cls.request = cls._create_request()
        cls.other = cls._create_request(name="Autre lampadaire")

    def _screens(self):
        env_a = self.env(user=self.agent_a)
        screens = {
            "grc.ticket.transfer": env_a["grc.ticket.transfer"].create(
                {
                    "ticket_id": self.request.id,
                    "team_id": self.team_ccas.id,
                    "reason": "Relève de l'aide sociale.",
                }
            ),
        }
        if "grc.frontdesk.console" in env_a:
            screens["grc.frontdesk.console"] = env_a["grc.frontdesk.console"].create({})
        if "grc.frontdesk.completion" in env_a:
            screens["grc.frontdesk.completion"] = env_a[
                "grc.frontdesk.completion"
            ].create({"ticket_id": self.request.id, "partner_id": self.citizen.id})
        if "grc.letter.register" in env_a:
            screens["grc.letter.register"] = env_a["grc.letter.register"].create(
                {
                    "partner_id": self.citizen.id,
                    "request_type_id": self.type_lamp.id,
                    "description": "Le lampadaire du 12 est éteint.",
                    "scan": "JVBERi0xLjQK",
                }
            )
        if "grc.request.merge" in env_a:
            screens["grc.request.merge"] = env_a["grc.request.merge"].create(
                {
                    "ticket_ids": [(6, 0, (self.request | self.other).ids)],
                    "target_id": self.request.id,
                }
            )
        return screens

    def test_another_agent_cannot_read_nor_write(self):
        for model, screen in self._screens().items():
            with self.subTest(model=model):
                screen.check_access("read")
                as_b = screen.with_user(self.agent_b)
                self.assertFalse(as_b.search([("id", "=", screen.id)]))
                with self.assertRaises(AccessError):
                    as_b.read(["display_name"])
                with self.assertRaises(AccessError):
                    as_b.check_access("write")
