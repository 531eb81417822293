# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import test_mail_gateway
from .common import GrcAccountsCommon

NEIGHBOUR = "voisine.martin@example.fr"


@tagged("post_install", "-at_install")
class TestDedupUnverified(GrcAccountsCommon):
    """Requests sent from an address are never attached to an online account
    that did not prove it owns the address: they wait on a record an agent
    confirms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "ville.example.fr", "bounce_alias": "bounce"}
        )
        cls.env.company.write(
            {"alias_domain_id": alias_domain.id, "email": "mairie@ville.example.fr"}
        )
        cls.team_voirie.alias_id.write(
            {"alias_name": "voirie", "alias_domain_id": alias_domain.id}
        )
        # Bruno's account holds his neighbour's address, never proved (as
        # PATCH /me allowed, or a typo in an invitation).
        cls.citizen_b.with_context(grc_email_change_confirmed=True).write(
            {"email": NEIGHBOUR}
        )
        cls.tickets = cls.env["helpdesk.ticket"]

    def _mail(self, email_from, msg_id="<voisine-1@example.fr>"):
        before = self.tickets.search([])
        message = test_mail_gateway.MAIL.format(
            to="voirie@ville.example.fr",
            msg_id=msg_id,
            email_from=email_from,
            subject="Lampadaire éteint",
            headers="",
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process(None, message)
        return self.tickets.search([]) - before

    def _form(self, email, key):
        return self.tickets._grc_submit_request(
            {
                "request_type_id": self.type_lamp.id,
                "description": "Le lampadaire est éteint.",
                "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
                "citizen": {"name": "Voisine Martin", "email": email},
                "idempotency_key": key,
            }
        )

    def assertWaitsForAnAgent(self, ticket):
        self.assertEqual(len(ticket), 1)
        self.assertNotEqual(ticket.partner_id, self.citizen_b)
        self.assertEqual(ticket.partner_id.email, NEIGHBOUR)
        self.assertTrue(ticket.partner_id.grc_to_confirm)
        self.assertNotIn(self.citizen_b, ticket.message_partner_ids)
        self.assertNotIn(self.citizen_b, ticket.message_ids.author_id)
        self.assertNotIn(ticket, self.tickets.with_user(self.user_b).search([]))

    def test_mail_gateway_does_not_attach(self):
        ticket = self._mail(f"Voisine Martin <{NEIGHBOUR}>")
        self.assertWaitsForAnAgent(ticket)
        # The next mail from the address joins the same record.
        again = self._mail(NEIGHBOUR, msg_id="<voisine-2@example.fr>")
        self.assertEqual(again.partner_id, ticket.partner_id)

    def test_web_form_confirmed_by_email_does_not_attach(self):
        """The anonymous form (confirmed by e-mail) and "I am affected too"
        find the citizen the same way."""
        self.assertWaitsForAnAgent(self._form(NEIGHBOUR, "form-voisine"))
        partner = self.tickets._grc_find_or_create_citizen({"email": NEIGHBOUR})
        self.assertNotEqual(partner, self.citizen_b)

    def test_record_without_account_still_found(self):
        """A citizen recorded by an agent (no account) keeps receiving the
        requests of their address, even when an unverified account was
        recorded before them."""
        neighbour = self.env["res.partner"].create(
            {"name": "Voisine Martin", "is_citizen": True, "email": NEIGHBOUR}
        )
        self.assertGreater(neighbour.id, self.citizen_b.id)
        ticket = self._form(NEIGHBOUR, "form-known")
        self.assertEqual(ticket.partner_id, neighbour)
        self.assertFalse(neighbour.grc_to_confirm)

    def test_verified_account_receives_its_requests(self):
        """Once the address is verified, its requests go to the account."""
        self.citizen._grc_mark_email_verified()
        ticket = self._mail(f"Hélène <{self.citizen.email}>", msg_id="<h-1@ex.fr>")
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertFalse(ticket.partner_id.grc_to_confirm)

    def test_agent_confirms_the_identity(self):
        partner = self._form(NEIGHBOUR, "form-confirm").partner_id
        found = self.env["res.partner"].search(
            [("grc_to_confirm", "=", True), ("id", "=", partner.id)]
        )
        self.assertEqual(found, partner)
        partner.action_grc_confirm_identity()
        self.assertFalse(partner.grc_to_confirm)
