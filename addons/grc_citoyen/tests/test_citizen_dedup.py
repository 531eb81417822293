# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user

from .common import GrcCommon


class TestCitizenDedup(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dedup = cls.env["grc.citizen.dedup"]
        Partner = cls.env["res.partner"]
        cls.jean = Partner.create(
            {
                "name": "Jean Dupont",
                "is_citizen": True,
                "email": "jean.dupont@example.fr",
                "phone": "06 12 34 56 78",
                "street": "12 avenue Jean Jaurès",
                "zip": "69007",
                "city": "Lyon",
                "birthdate": "1970-05-04",
            }
        )
        cls.lucie = Partner.create(
            {
                "name": "Lucie Bernard",
                "is_citizen": True,
                "mobile": "07 81 22 33 44",
                "birthdate": "1988-01-31",
            }
        )
        cls.supplier = Partner.create(
            {"name": "Garage Dupont", "email": "garage@example.fr"}
        )

    def test_find_by_email(self):
        """The e-mail finds the citizen whatever its case and spaces."""
        found = self.dedup._find_citizen({"email": "  JEAN.Dupont@Example.fr"})
        self.assertEqual(found, self.jean)

    def test_find_by_phone(self):
        """A number as typed finds the citizen by phone or mobile."""
        self.assertEqual(self.dedup._find_citizen({"phone": "+33612345678"}), self.jean)
        self.assertEqual(
            self.dedup._find_citizen({"phone": "07.81.22.33.44"}), self.lucie
        )
        self.assertEqual(
            self.dedup._find_citizen({"mobile": "0033 6 12 34 56 78"}), self.jean
        )

    def test_find_by_name_and_address(self):
        """Same name (accents, case, order ignored) at the same street and zip."""
        found = self.dedup._find_citizen(
            {"name": "DUPONT jean", "street": "12, av. Jean-Jaures", "zip": "69007"}
        )
        self.assertEqual(found, self.jean)
        other_zip = self.dedup._find_citizen(
            {"name": "Jean Dupont", "street": "12 avenue Jean Jaurès", "zip": "75011"}
        )
        self.assertFalse(other_zip)

    def test_find_by_name_and_birthdate(self):
        """Same name and date of birth, without any other data."""
        found = self.dedup._find_citizen(
            {"name": "lucie BERNARD", "birthdate": "1988-01-31"}
        )
        self.assertEqual(found, self.lucie)
        self.assertFalse(
            self.dedup._find_citizen(
                {"name": "Lucie Bernard", "birthdate": "1990-01-01"}
            )
        )

    def test_name_alone_is_not_enough(self):
        """A homonym without address or date of birth is a new citizen."""
        self.assertFalse(self.dedup._find_citizen({"name": "Jean Dupont"}))

    def test_email_wins_over_phone(self):
        """When the e-mail and the phone point to two citizens, the e-mail wins."""
        found = self.dedup._find_citizen(
            {"email": "jean.dupont@example.fr", "phone": "07 81 22 33 44"}
        )
        self.assertEqual(found, self.jean)

    def test_contradicting_data_means_another_person(self):
        """Another known e-mail or date of birth rejects a weaker match."""
        self.assertFalse(
            self.dedup._find_citizen(
                {"email": "junior@example.fr", "phone": "06 12 34 56 78"}
            )
        )
        self.assertFalse(
            self.dedup._find_citizen(
                {
                    "name": "Jean Dupont",
                    "street": "12 avenue Jean Jaurès",
                    "zip": "69007",
                    "birthdate": "2001-09-12",
                }
            )
        )

    def test_only_citizens_are_found(self):
        """A contact that is not a citizen is never returned."""
        self.assertFalse(self.dedup._find_citizen({"email": "garage@example.fr"}))

    def test_no_criteria_no_query(self):
        """Nothing to compare returns an empty recordset without a query."""
        with self.assertQueryCount(0):
            found = self.dedup._find_citizen(
                {"name": "Someone", "phone": "abc", "birthdate": "31/02/1990"}
            )
        self.assertFalse(found)
        self.assertEqual(found._name, "res.partner")

    def test_find_citizen_is_one_query(self):
        """All criteria are checked with a single search."""
        self.env.invalidate_all()
        values = {
            "email": "nobody@example.fr",
            "phone": "06 00 00 00 01",
            "name": "Jean Dupont",
            "street": "1 rue de la Paix",
            "zip": "75002",
            "birthdate": "1970-05-04",
        }
        with self.assertQueryCount(1):
            self.dedup._find_citizen(values)

    def test_duplicates_list(self):
        """Duplicates are listed both ways, the citizen itself never."""
        Partner = self.env["res.partner"]
        twin_email = Partner.create(
            {"name": "J. Dupont", "is_citizen": True, "email": "Jean.Dupont@example.fr"}
        )
        twin_address = Partner.create(
            {
                "name": "Dupont Jean",
                "is_citizen": True,
                "street": "12 av. Jean-Jaurès",
                "zip": "69 007",
            }
        )
        self.assertEqual(self.jean.grc_duplicate_ids, twin_email | twin_address)
        self.assertEqual(self.jean.grc_duplicate_count, 2)
        self.assertEqual(twin_email.grc_duplicate_ids, self.jean)
        self.assertFalse(self.lucie.grc_duplicate_ids)
        result = self.dedup._find_duplicates(self.jean | self.lucie | self.supplier)
        self.assertEqual(result[self.jean.id], twin_email | twin_address)
        self.assertFalse(result[self.lucie.id])
        self.assertFalse(result[self.supplier.id])

    def test_suspected_duplicates_filter(self):
        """The list filter finds the citizens having a duplicate, and only them."""
        Partner = self.env["res.partner"]
        twin = Partner.create(
            {"name": "Lucie B.", "is_citizen": True, "phone": "+33781223344"}
        )
        homonym = Partner.create({"name": "Lucie Bernard", "is_citizen": True})
        domain = [("is_citizen", "=", True), ("grc_is_suspected_duplicate", "=", True)]
        found = Partner.search(domain)
        self.assertIn(twin, found)
        self.assertIn(self.lucie, found)
        self.assertNotIn(self.jean, found)
        self.assertNotIn(homonym, found)
        self.assertNotIn(
            self.lucie, Partner.search([("grc_is_suspected_duplicate", "=", False)])
        )

    def test_merge_moves_requests_and_interactions(self):
        """Odoo's merge wizard, opened from the citizen, moves everything to one."""
        Partner = self.env["res.partner"]
        twin = Partner.create(
            {
                "name": "Jean Dupont",
                "is_citizen": True,
                "email": "JEAN.DUPONT@example.fr",
            }
        )
        channel = self.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        request_jean = self._create_request(partner_id=self.jean.id)
        request_twin = self._create_request(partner_id=twin.id)
        interaction = self.env["grc.interaction"].create(
            {
                "name": "Horaires piscine",
                "partner_id": twin.id,
                "channel_id": channel.id,
            }
        )
        action = twin.action_merge_grc_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertEqual(wizard.partner_ids, self.jean | twin)
        # The oldest record is the one proposed to survive.
        self.assertEqual(wizard.dst_partner_id, self.jean)
        jean_number = self.jean.citizen_number
        wizard.action_merge()
        self.assertFalse(twin.exists())
        self.assertEqual(request_twin.partner_id, self.jean)
        self.assertEqual(request_jean.partner_id, self.jean)
        self.assertEqual(interaction.partner_id, self.jean)
        self.assertEqual(self.jean.citizen_number, jean_number)
        self.assertEqual(self.jean.grc_request_count, 2)
        self.assertIn("Merged with", self.jean.message_ids[0].body)

    def test_merge_into_a_contact_keeps_a_citizen_number(self):
        """A citizen merged into a plain contact leaves it its citizen number."""
        contact = self.env["res.partner"].create(
            {"name": "Lucie Bernard", "email": "lucie@example.fr"}
        )
        number = self.lucie.citizen_number
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {"partner_ids": [(6, 0, (contact | self.lucie).ids)]}
        )
        wizard._merge((contact | self.lucie).ids, contact)
        self.assertFalse(self.lucie.exists())
        self.assertTrue(contact.is_citizen)
        self.assertEqual(contact.citizen_number, number)

    def test_frontdesk_merges_citizen_known_by_phone(self):
        """A front-desk agent merges a twin known only by phone, without e-mail."""
        frontdesk = new_test_user(
            self.env,
            login="grc-frontdesk-merge",
            groups="grc_citoyen.group_grc_frontdesk,base.group_partner_manager",
        )
        twin = self.env["res.partner"].create(
            {"name": "M. Dupont", "is_citizen": True, "mobile": "06 12 34 56 78"}
        )
        request = self._create_request(partner_id=twin.id)
        action = twin.with_user(frontdesk).action_merge_grc_duplicates()
        wizard = (
            self.env[action["res_model"]]
            .with_user(frontdesk)
            .with_context(**action["context"])
            .create({})
        )
        wizard.action_merge()
        self.assertFalse(twin.exists())
        self.assertEqual(request.partner_id, self.jean)
        self.assertEqual(self.jean.mobile, "+33612345678")

    def test_merge_without_duplicate_is_refused(self):
        """The merge button explains when there is nothing to merge."""
        with self.assertRaisesRegex(UserError, "no suspected duplicate"):
            self.lucie.action_merge_grc_duplicates()

    def test_frontdesk_cannot_merge_two_emails(self):
        """Citizens with two different e-mails are merged by an administrator only."""
        frontdesk = new_test_user(
            self.env,
            login="grc-frontdesk-merge2",
            groups="grc_citoyen.group_grc_frontdesk,base.group_partner_manager",
        )
        other = self.env["res.partner"].create(
            {"name": "Jean Dupont", "is_citizen": True, "email": "jd@example.org"}
        )
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(frontdesk)
        with self.assertRaisesRegex(UserError, "different e-mails"):
            wizard._merge((self.jean | other).ids, self.jean)
        self.assertTrue(other.exists())

    def test_duplicate_shown_while_typing(self):
        """The citizen form warns of a duplicate before the citizen is saved."""
        form = Form(self.env["res.partner"].with_context(default_is_citizen=True))
        form.name = "Jeanne Martin"
        self.assertEqual(form.grc_duplicate_count, 0)
        form.phone = "06 12 34 56 78"
        self.assertEqual(form.grc_duplicate_count, 1)
