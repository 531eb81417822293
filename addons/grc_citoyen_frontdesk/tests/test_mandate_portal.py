# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_mandate import MandateCommon


@tagged("post_install", "-at_install")
class TestMandatePortal(HttpCase, MandateCommon):
    """The helper and the citizen both follow the request on their portal;
    nobody else does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aidant_user = new_test_user(
            cls.env,
            login="jeanne-aidante",
            password="jeanne-aidante-pwd",
            name="Jeanne Aidante",
            groups="base.group_portal",
            partner_id=cls.aidant.id,
        )
        cls.citizen_user = new_test_user(
            cls.env,
            login="helene",
            password="helene-portal-pwd",
            name="Hélène Núñez",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
        )
        cls.third_user = new_test_user(
            cls.env,
            login="paul-tiers",
            password="paul-tiers-pwd",
            groups="base.group_portal",
        )
        cls.ticket = cls._submit()

    def test_representative_reads_the_request_even_unfollowed(self):
        """The representative's portal rule does not depend on following."""
        self.ticket.message_unsubscribe(partner_ids=self.aidant.ids)
        ticket = self.ticket.with_user(self.aidant_user)
        ticket.check_access("read")
        self.assertIn(
            self.ticket,
            self.env["helpdesk.ticket"].with_user(self.aidant_user).search([]),
        )
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.third_user).check_access("read")

    def test_representative_sees_the_request_on_the_portal(self):
        """The helper finds the request in their list and opens it."""
        self.authenticate("jeanne-aidante", "jeanne-aidante-pwd")
        listing = self.url_open("/my/requests")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.ticket.number, listing.text)
        self.assertIn("On behalf of", listing.text)
        page = self.url_open(f"/my/requests/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("You filed this request on behalf of", page.text)
        self.assertIn("Hélène Núñez", page.text)

    def test_beneficiary_sees_who_filed_it(self):
        """The citizen's page says the request was filed on their behalf."""
        self.authenticate("helene", "helene-portal-pwd")
        page = self.url_open(f"/my/requests/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Filed on your behalf by", page.text)
        self.assertIn("Jeanne Aidante", page.text)

    def test_third_citizen_cannot_see_the_request(self):
        """Another portal user gets a 404 and an empty list."""
        self.authenticate("paul-tiers", "paul-tiers-pwd")
        page = self.url_open(f"/my/requests/{self.ticket.id}")
        self.assertEqual(page.status_code, 404)
        listing = self.url_open("/my/requests")
        self.assertNotIn(self.ticket.number, listing.text)
