# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_citoyen_identity.tests.common import OidcCase
from odoo.addons.grc_citoyen_identity.tests.test_oidc_checks import IDENTITY


@tagged("post_install", "-at_install")
class TestOneCitizenAcrossChannels(OidcCase, GrcCommon):
    """One citizen across channels, in a browser: signed in with
    FranceConnect (the fake provider, through the real routes), they start
    a démarche online and save it; the front-desk agent opens it on the
    console, attaches the scanned paper they brought and sends it; the
    citizen finds the request in "My requests" with both channels.

    Two tours chained (one per person and session), where the addons of the
    suite meet: this addon depends on all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write({"is_published": True, "location_required": False})
        cls.desk_agent = new_test_user(
            cls.env,
            login="journey-desk",
            name="Agent d'accueil",
            groups="grc_citoyen.group_grc_frontdesk",
        )

    def _session_id(self):
        sids = [c.value for c in self.opener.cookies if c.name == "session_id"]
        self.assertEqual(len(sids), 1)
        return sids[0]

    def test_started_online_finished_at_the_desk(self):
        identity = dict(
            IDENTITY,
            given_name="Camille",
            family_name="Journey",
            email="camille.journey@example.test",
        )
        response = self.sign_in(self.fc, "fc-journey-1", identity=identity)
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        user = self.env["res.users"].search([("oauth_uid", "=", "fc-journey-1")])
        self.assertEqual(self.session_uid(), user.id)
        citizen = user.partner_id
        self.assertTrue(citizen.grc_identity_certified)
        franceconnect_session = self._session_id()

        self.start_tour(
            f"/demarches/{self.type_lamp.id}/nouvelle",
            "grc_journey_citizen_saves",
            cookies={"session_id": franceconnect_session},
        )
        draft = self.env["grc.citizen.draft"].search([("partner_id", "=", citizen.id)])
        self.assertEqual(len(draft), 1)
        web = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        self.assertEqual(draft.channel_id, web)

        self.start_tour(
            "/odoo/front-desk", "grc_journey_desk_finishes", login="journey-desk"
        )
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", citizen.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Lampadaire éteint devant l'école")
        self.assertEqual(ticket.channel_id, web)
        desk = self.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        self.assertEqual(ticket.grc_completion_channel_id, desk)
        self.assertEqual(ticket.grc_completion_user_id, self.desk_agent)
        self.assertIn(
            "justificatif-scanne.pdf",
            self.env["ir.attachment"]
            .search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .mapped("name"),
        )
        self.assertFalse(draft.exists())

        # The citizen, still signed in with FranceConnect, sees it with both
        # channels.
        for cookie in list(self.opener.cookies):
            if cookie.name == "session_id":
                self.opener.cookies.clear(cookie.domain, cookie.path, cookie.name)
        self.opener.cookies.set("session_id", franceconnect_session)
        requests = self.url_open("/my/requests")
        self.assertIn(ticket.number, requests.text)
        page = self.url_open(f"/my/requests/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"Started: {web.name}", page.text)
        self.assertIn(f"finished: {desk.name}", page.text)
