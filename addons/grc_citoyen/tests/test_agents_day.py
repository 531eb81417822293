# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import GrcCommon
from .french_screens import FrenchScreensMixin


class TestHomeAction(GrcCommon):
    """Each role lands on its work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.env.ref("grc_citoyen.action_grc_home")
        cls.agent = new_test_user(
            cls.env, login="home-agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.manager = new_test_user(
            cls.env, login="home-manager", groups="grc_citoyen.group_grc_manager"
        )
        cls.team_voirie.write(
            {"user_id": cls.manager.id, "user_ids": [(4, cls.agent.id)]}
        )

    def _landing(self, user):
        return self.env["res.users"].with_user(user)._grc_home_action()

    def test_home_action_set_for_roles(self):
        """A user given a GRC role opens Odoo on the GRC home, not on Discuss;
        a home chosen by hand is kept."""
        self.assertEqual(self.agent.action_id.id, self.home.id)
        self.assertEqual(self.manager.action_id.id, self.home.id)
        other = new_test_user(self.env, login="home-other", groups="base.group_user")
        self.assertFalse(other.action_id)
        other.groups_id = [(4, self.env.ref("grc_citoyen.group_grc_frontdesk").id)]
        self.assertEqual(other.action_id.id, self.home.id)
        chosen = self.env.ref("grc_citoyen.helpdesk_ticket_action_grc")
        kept = new_test_user(self.env, login="home-kept", groups="base.group_user")
        kept.action_id = chosen.id
        kept.groups_id = [(4, self.env.ref("grc_citoyen.group_grc_agent").id)]
        self.assertEqual(kept.action_id.id, chosen.id)
        self.assertEqual(
            self.env.ref("grc_citoyen.grc_citoyen_menu_root").action, self.home
        )

    def test_agent_lands_on_their_queue(self):
        action = self._landing(self.agent)
        self.assertEqual(action["xml_id"], "grc_citoyen.helpdesk_ticket_action_grc_my")

    def test_manager_lands_on_their_service(self):
        action = self._landing(self.manager)
        context = action["context"]
        if isinstance(context, str):
            context = safe_eval(context, {"uid": self.manager.id})
        self.assertEqual(context.get("search_default_team_id"), self.team_voirie.id)

    def test_home_server_action_runs(self):
        """The home opens through the root menu's server action."""
        result = self.home.with_user(self.agent).run()
        self.assertEqual(result["res_model"], "helpdesk.ticket")


class TestAgentQueue(GrcCommon):
    """ "My requests": a list, the most urgent first, one filter for the late
    and the at-risk ones."""

    def test_my_requests_opens_as_list_by_deadline(self):
        action = self.env.ref("grc_citoyen.helpdesk_ticket_action_grc_my")
        self.assertEqual(action.view_mode.split(",")[0], "list")
        view = action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        arch = self.env["helpdesk.ticket"].get_views([(view.id, "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn('default_order="grc_sla_deadline', arch)

    def test_late_or_at_risk_filter_includes_late(self):
        """The late requests are in the filter, with the at-risk ones; the
        others not."""
        now = fields.Datetime.now()
        late, at_risk, on_track = (
            self._create_request(name=name) for name in ("late", "risk", "fine")
        )
        # The statuses as the scheduled check left them: a late request the
        # check has not seen yet is still "on track" but past its risk date.
        statuses = (
            (late, "on_track", now - timedelta(days=3)),
            (at_risk, "at_risk", now + timedelta(days=1)),
            (on_track, "on_track", now + timedelta(days=3)),
        )
        breached = self._create_request(name="breached")
        self.env.flush_all()
        for ticket, status, risk_date in statuses:
            self.env.cr.execute(
                "UPDATE helpdesk_ticket SET sla_status = %s, sla_at_risk_date = %s "
                "WHERE id = %s",
                (status, risk_date, ticket.id),
            )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET sla_status = 'breached' WHERE id = %s",
            (breached.id,),
        )
        self.env.invalidate_all()
        late |= breached
        search = self.env["helpdesk.ticket"].get_views([(False, "search")])
        arch = etree.fromstring(search["views"]["search"]["arch"])
        (node,) = arch.xpath("//filter[@name='sla_late_or_at_risk']")
        # The same domain, "now" aside (the filter evaluates it in the browser).
        self.assertEqual(
            node.get("domain").replace(
                "datetime.datetime.now().to_utc().strftime('%Y-%m-%d %H:%M:%S')",
                "now",
            ),
            "['|', ('sla_status', 'in', ('at_risk', 'breached')), '&', '&', "
            "('closed', '=', False), ('sla_at_risk_date', '!=', False), "
            "('sla_at_risk_date', '<=', now)]",
        )
        domain = [
            "|",
            ("sla_status", "in", ("at_risk", "breached")),
            "&",
            "&",
            ("closed", "=", False),
            ("sla_at_risk_date", "!=", False),
            ("sla_at_risk_date", "<=", fields.Datetime.to_string(now)),
        ]
        found = self.env["helpdesk.ticket"].search(
            domain + [("id", "in", (late | at_risk | on_track).ids)]
        )
        self.assertEqual(found, late | at_risk)


@tagged("post_install", "-at_install")
class TestFrenchScreens(FrenchScreensMixin, GrcCommon):
    """The agents' main screens read French: no English word, no raw date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grc_load_french()

    def test_request_screens_in_french(self):
        self.assertScreensInFrench(
            views=[
                ("helpdesk.ticket", "helpdesk_mgmt.ticket_view_form", "form"),
                (
                    "helpdesk.ticket",
                    "grc_citoyen.helpdesk_ticket_view_list_queue",
                    "list",
                ),
                (
                    "helpdesk.ticket",
                    "helpdesk_mgmt.helpdesk_ticket_view_search",
                    "search",
                ),
                ("grc.ticket.transfer", None, "form"),
            ],
            actions=[
                "grc_citoyen.helpdesk_ticket_action_grc",
                "grc_citoyen.helpdesk_ticket_action_grc_my",
                "grc_citoyen.helpdesk_ticket_action_grc_my_services",
                "grc_citoyen.helpdesk_ticket_action_grc_to_assign",
                "grc_citoyen.action_grc_home",
            ],
        )

    def test_scan_finds_english(self):
        """The scan itself catches an English label and an ISO date."""
        self.assertEqual(
            self._grc_english("Request missed its deadline (2026-07-15 17:00)"),
            {"Request", "missed", "deadline", "2026-07-15"},
        )
        self.assertFalse(self._grc_english("La demande a dépassé son échéance"))


class TestCannedAnswers(GrcCommon):
    """The canned answers of a service are its agents'."""

    def test_service_answers_for_its_members_only(self):
        agent_group = self.env.ref("grc_citoyen.group_grc_agent")
        voirie = new_test_user(
            self.env, login="canned-voirie", groups="grc_citoyen.group_grc_agent"
        )
        ccas = new_test_user(
            self.env, login="canned-ccas", groups="grc_citoyen.group_grc_agent"
        )
        self.team_voirie.user_ids = [(4, voirie.id)]
        self.team_ccas.user_ids = [(4, ccas.id)]
        answers = self.env["mail.canned.response"].create(
            [
                {
                    "source": "nidpoule",
                    "substitution": "Nous rebouchons sous 48 heures.",
                    "group_ids": [(4, agent_group.id)],
                    "grc_team_ids": [(4, self.team_voirie.id)],
                },
                {
                    "source": "bonjour",
                    "substitution": "Bonjour,",
                    "group_ids": [(4, agent_group.id)],
                },
            ]
        )
        Canned = self.env["mail.canned.response"]
        domain = [("id", "in", answers.ids)]
        self.assertEqual(Canned.with_user(voirie).search(domain), answers)
        self.assertEqual(Canned.with_user(ccas).search(domain), answers[1])
        with self.assertRaises(AccessError):
            answers[0].with_user(ccas).read(["substitution"])
