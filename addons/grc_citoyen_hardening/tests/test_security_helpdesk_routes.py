# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPortalCloseRoute(HttpCase):
    """helpdesk_mgmt's /ticket/close, secured for citizens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen_a = new_test_user(
            cls.env, login="citizen_close_a", groups="base.group_portal"
        )
        cls.citizen_b = new_test_user(
            cls.env, login="citizen_close_b", groups="base.group_portal"
        )
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_cancelled = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )
        cls.stage_closed = cls.env.ref("grc_citoyen.helpdesk_ticket_stage_closed")
        # Citizens may withdraw a request; closing is not a move from "in progress".
        (cls.stage_cancelled | cls.stage_closed).close_from_portal = True
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Voirie"})
        Ticket = cls.env["helpdesk.ticket"]
        cls.request_b = Ticket.create(
            {
                "name": "Banc cassé",
                "description": "<p>Square Jean Moulin</p>",
                "partner_id": cls.citizen_b.partner_id.id,
                "team_id": cls.team.id,
                "stage_id": cls.stage_in_progress.id,
            }
        )

    def _close(self, ticket, stage, csrf=True):
        data = {"ticket_id": ticket.id, "stage_id": stage.id}
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/ticket/close", data=data, allow_redirects=False)

    def test_citizen_cannot_close_another_citizens_request(self):
        """Another citizen's request cannot be closed: 404 and stage unchanged."""
        self.authenticate("citizen_close_a", "citizen_close_a")
        response = self._close(self.request_b, self.stage_cancelled)
        self.assertEqual(response.status_code, 404)
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_in_progress)

    def test_follower_cannot_close_the_request(self):
        """Reading a request is not owning it: a citizen who follows it (in
        copy of a mail, for instance) cannot close it."""
        self.request_b.message_subscribe(partner_ids=self.citizen_a.partner_id.ids)
        self.authenticate("citizen_close_a", "citizen_close_a")
        response = self._close(self.request_b, self.stage_cancelled)
        self.assertEqual(response.status_code, 404)
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_in_progress)

    def test_close_writes_the_stage_only(self):
        """The model method writes the stage and nothing the citizen sends
        along; it refuses any other citizen."""
        ticket = self.request_b.with_user(self.citizen_b)
        ticket._grc_portal_close(self.stage_cancelled)
        self.assertEqual(self.request_b.stage_id, self.stage_cancelled)
        self.assertEqual(self.request_b.name, "Banc cassé")
        self.request_b.message_subscribe(partner_ids=self.citizen_a.partner_id.ids)
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.citizen_a)._grc_portal_close(
                self.stage_closed
            )

    def test_unknown_request_looks_like_a_foreign_one(self):
        """A request id that does not exist gets the same 404."""
        self.authenticate("citizen_close_a", "citizen_close_a")
        response = self.url_open(
            "/ticket/close",
            data={
                "ticket_id": self.request_b.id + 100000,
                "stage_id": self.stage_cancelled.id,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)

    def test_citizen_closes_own_request(self):
        """The citizen withdraws their own request to a portal-closing stage."""
        self.authenticate("citizen_close_b", "citizen_close_b")
        response = self._close(self.request_b, self.stage_cancelled)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/requests/{self.request_b.id}")
        )
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_cancelled)

    def test_stage_must_allow_closing_from_portal(self):
        """A stage without close_from_portal, or not reachable now, is refused."""
        self.authenticate("citizen_close_b", "citizen_close_b")
        stage_new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        for stage in (stage_new, self.stage_closed):
            with self.subTest(stage=stage.name):
                response = self._close(self.request_b, stage)
                self.assertEqual(response.status_code, 403)
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_in_progress)

    def test_close_requires_post_with_csrf(self):
        """GET and POST without CSRF token change nothing."""
        self.authenticate("citizen_close_b", "citizen_close_b")
        url = (
            f"/ticket/close?ticket_id={self.request_b.id}"
            f"&stage_id={self.stage_cancelled.id}"
        )
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 405)
        with mute_logger("odoo.http"):
            response = self._close(self.request_b, self.stage_cancelled, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_in_progress)

    def test_anonymous_visitor_is_sent_to_login(self):
        """A visitor who is not logged in is redirected to the login page."""
        response = self._close(self.request_b, self.stage_cancelled, csrf=False)
        self.assertIn(response.status_code, (303, 400))
        self.request_b.invalidate_recordset()
        self.assertEqual(self.request_b.stage_id, self.stage_in_progress)

    def test_helpdesk_pages_lead_to_the_citizen_pages(self):
        """helpdesk_mgmt's ticket pages send citizens to /my/requests."""
        self.authenticate("citizen_close_b", "citizen_close_b")
        response = self.url_open("/my/tickets", allow_redirects=False)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.headers["Location"].endswith("/my/requests"))
        response = self.url_open(
            f"/my/ticket/{self.request_b.id}?access_token=abc", allow_redirects=False
        )
        self.assertEqual(response.status_code, 301)
        self.assertTrue(
            response.headers["Location"].endswith(
                f"/my/requests/{self.request_b.id}?access_token=abc"
            )
        )

    def test_helpdesk_form_files_nothing(self):
        """helpdesk_mgmt's form leads to the catalogue and files no ticket."""
        self.authenticate("citizen_close_a", "citizen_close_a")
        response = self.url_open("/new/ticket", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/demarches"))
        response = self.url_open(
            "/submitted/ticket",
            data={
                "subject": "Poubelle non ramassée",
                "description": "Rue des Lilas",
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "=", self.citizen_a.partner_id.id)]
            )
        )
