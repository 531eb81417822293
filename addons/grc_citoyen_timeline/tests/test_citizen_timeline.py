# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcAccountsCommon, GrcCommon


class TestCitizenTimeline(GrcCommon):
    """One ordered list per citizen across channels, built from the records
    (nothing copied), a confidential service's items only to that service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.web = ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.email = ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.phone = ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.desk = ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        cls.type_ccas = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
            }
        )
        cls.frontdesk = new_test_user(
            cls.env, login="timeline-desk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.ccas_agent = new_test_user(
            cls.env, login="timeline-ccas", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_ccas.user_ids = [(4, cls.ccas_agent.id)]
        cls.requests = cls.env["helpdesk.ticket"]
        for day, channel in enumerate((cls.web, cls.email, cls.phone, cls.desk), 1):
            cls.requests |= cls._create_request(
                name=f"Demande {channel.name}",
                channel_id=channel.id,
                received_date=datetime(2026, 3, day, 9, 0),
            )
        cls.secret = cls._create_request(
            name="Loyer impayé",
            request_type_id=cls.type_ccas.id,
            team_id=cls.team_ccas.id,
            channel_id=cls.desk.id,
            received_date=datetime(2026, 3, 10, 9, 0),
        )
        cls.contact = cls.env["grc.interaction"].create(
            {
                "name": "Horaires de la piscine",
                "partner_id": cls.citizen.id,
                "channel_id": cls.phone.id,
                "date": datetime(2026, 3, 5, 10, 0),
            }
        )
        first = cls.requests[0]
        cls.reply = first.message_post(
            body="Merci de votre retour",
            message_type="comment",
            author_id=cls.citizen.id,
            subtype_xmlid="mail.mt_comment",
        )
        cls.reply.date = datetime(2026, 3, 6, 8, 0)
        cls.note = first.message_post(
            body="Note interne", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.secret.message_post(
            body="Pièces reçues",
            message_type="comment",
            author_id=cls.citizen.id,
            subtype_xmlid="mail.mt_comment",
        )

    def _timeline(self, user):
        return (
            self.env["grc.citizen.timeline"]
            .with_user(user)
            .search([("partner_id", "=", self.citizen.id)])
        )

    def test_one_ordered_list_across_channels(self):
        lines = self._timeline(self.ccas_agent)
        requests = lines.filtered(lambda line: line.kind == "request")
        self.assertEqual(
            requests.mapped("channel_id"),
            self.desk | self.phone | self.email | self.web | self.desk,
        )
        self.assertEqual(
            requests.mapped("ticket_id"), self.secret | self.requests[::-1]
        )
        self.assertEqual(
            lines.mapped("date"), sorted(lines.mapped("date"), reverse=True)
        )
        kinds = set(lines.mapped("kind"))
        self.assertEqual(kinds, {"request", "contact", "message_in"})
        contact = lines.filtered(lambda line: line.kind == "contact")
        self.assertEqual(
            (contact.res_model, contact.res_id), ("grc.interaction", self.contact.id)
        )
        self.assertEqual(contact.channel_id, self.phone)
        self.assertFalse(
            lines.filtered(lambda line: "Note" in (line.name or "")),
            "internal notes are not exchanges with the citizen",
        )
        # Newest first: the confidential request of the 10th, then the contact.
        self.assertEqual(lines[0].ticket_id, self.secret)
        action = requests[0].action_grc_open()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("helpdesk.ticket", self.secret.id)
        )

    def test_confidential_items_only_to_their_service(self):
        as_desk = self._timeline(self.frontdesk)
        self.assertEqual(
            as_desk.filtered(lambda line: line.kind == "request").ticket_id,
            self.requests,
        )
        self.assertFalse(as_desk.filtered(lambda line: line.ticket_id == self.secret))
        self.assertIn(self.secret, self._timeline(self.ccas_agent).ticket_id)
        # The citizen's form shows the same, as its reader may see it.
        partner = self.citizen.with_user(self.frontdesk)
        self.assertNotIn(self.secret, partner.grc_timeline_ids.ticket_id)
        secret_line = self._timeline(self.ccas_agent).filtered(
            lambda line: line.ticket_id == self.secret and line.kind == "request"
        )
        with self.assertRaises(AccessError):
            secret_line.with_user(self.frontdesk).read(["name"])

    def test_new_records_show_at_once(self):
        self.env["grc.interaction"].create(
            {
                "name": "Carte d'électeur",
                "partner_id": self.citizen.id,
                "channel_id": self.desk.id,
            }
        )
        self.assertIn("Carte d'électeur", self._timeline(self.frontdesk).mapped("name"))


@tagged("post_install", "-at_install")
class TestCitizenHistoryPortal(HttpCase, GrcAccountsCommon):
    """ "My history": the citizen's own lines, confidential requests
    included, never another citizen's nor the services' internal notes."""

    def test_my_history(self):
        type_ccas = self.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "team_id": self.team_ccas.id,
                "is_confidential": True,
            }
        )
        own = self._create_request(name="Trottoir abîmé")
        secret = self._create_request(
            name="Loyer impayé", request_type_id=type_ccas.id, team_id=self.team_ccas.id
        )
        own.message_post(
            body="x", subject="Note des services", subtype_xmlid="mail.mt_note"
        )
        self._create_request(name="Demande de Bruno", partner_id=self.citizen_b.id)
        self.env["grc.interaction"].create(
            {
                "name": "Horaires de la piscine",
                "partner_id": self.citizen.id,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
            }
        )
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open("/my/history").text
        for text in ("Trottoir abîmé", "Loyer impayé", "Horaires de la piscine"):
            self.assertIn(text, page)
        self.assertIn(f"/my/requests/{secret.id}", page)
        self.assertNotIn("Demande de Bruno", page)
        self.assertNotIn("Note des services", page)
        page = self.url_open("/my/history?kind=contact").text
        self.assertIn("Horaires de la piscine", page)
        self.assertNotIn("Trottoir abîmé", page)
