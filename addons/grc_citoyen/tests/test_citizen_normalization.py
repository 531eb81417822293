# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import GrcCommon


class TestCitizenNormalization(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.dedup = cls.env["grc.citizen.dedup"]

    def _create_citizen(self, **values):
        return self.Partner.create(
            {"name": "Jean Dupont", "is_citizen": True, **values}
        )

    def test_french_number_stored_in_e164(self):
        """A French number typed with spaces is stored in E.164."""
        citizen = self._create_citizen(phone="06 12 34 56 78", mobile="01.23.45.67.89")
        self.assertEqual(citizen.phone, "+33612345678")
        self.assertEqual(citizen.mobile, "+33123456789")

    def test_international_forms_are_accepted(self):
        """+33, 0033 and a Belgian +32 number are all valid and kept in E.164."""
        citizen = self._create_citizen(phone="0033 6 12 34 56 78")
        self.assertEqual(citizen.phone, "+33612345678")
        citizen.phone = "+32 470 12 34 56"
        self.assertEqual(citizen.phone, "+32470123456")

    def test_number_read_in_the_citizen_country(self):
        """Without prefix, a number is read in the citizen's country."""
        citizen = self._create_citizen(
            country_id=self.env.ref("base.be").id, phone="0470 12 34 56"
        )
        self.assertEqual(citizen.phone, "+32470123456")

    def test_letters_are_refused(self):
        """A number with letters is refused with a message naming field and value."""
        with self.assertRaisesRegex(ValidationError, r'Phone: "06 12 AB 34 56"'):
            self._create_citizen(phone="06 12 AB 34 56")
        with self.assertRaisesRegex(ValidationError, "letters"):
            self._create_citizen(mobile="call me")

    def test_too_short_is_refused(self):
        """A number with too few digits is refused."""
        with self.assertRaisesRegex(ValidationError, r'Mobile: "06 12"'):
            self._create_citizen(mobile="06 12")

    def test_foreign_number_without_prefix_is_refused(self):
        """A US or UK number typed without its prefix is not a French number."""
        for number in ("(202) 555-0123", "07911 123456"):
            with self.assertRaisesRegex(ValidationError, "country prefix"):
                self._create_citizen(phone=number)

    def test_write_is_normalised_and_checked(self):
        """Numbers and e-mail written later are normalised or refused too."""
        citizen = self._create_citizen()
        citizen.write({"phone": "06 12 34 56 78", "email": " Jean.DUPONT@Example.FR "})
        self.assertEqual(citizen.phone, "+33612345678")
        self.assertEqual(citizen.email, "jean.dupont@example.fr")
        with self.assertRaises(ValidationError):
            citizen.write({"phone": "12"})
        self.assertEqual(citizen.phone, "+33612345678")

    def test_empty_stays_empty(self):
        """Empty or blank values are stored empty, without error."""
        citizen = self._create_citizen(phone="", mobile="   ", email=False)
        self.assertFalse(citizen.phone)
        self.assertFalse(citizen.mobile)
        self.assertFalse(citizen.email)
        citizen.write({"phone": "06 12 34 56 78"})
        citizen.write({"phone": False})
        self.assertFalse(citizen.phone)

    def test_email_lowercased_and_stripped(self):
        """The e-mail is stripped and lower-cased; "Name <address>" keeps it."""
        citizen = self._create_citizen(email="  Jean.Dupont@EXAMPLE.fr ")
        self.assertEqual(citizen.email, "jean.dupont@example.fr")
        citizen.email = "Jean Dupont <Jean.D@Example.org>"
        self.assertEqual(citizen.email, "jean.d@example.org")

    def test_invalid_email_is_refused(self):
        """Not an address, two addresses or a domain without dot: clear error."""
        for email in ("jean.dupont", "a@b.fr, c@d.fr", "jean@localhost", "jean d@x.fr"):
            with self.assertRaisesRegex(ValidationError, "not a valid e-mail address"):
                self._create_citizen(email=email)

    def test_other_contacts_are_left_alone(self):
        """Contacts that are not citizens keep what was typed."""
        partner = self.Partner.create(
            {"name": "Fournisseur", "phone": "06 12 34 56 78"}
        )
        self.assertEqual(partner.phone, "06 12 34 56 78")
        partner.write({"phone": "not a number"})
        self.assertEqual(partner.phone, "not a number")

    def test_contact_becoming_citizen_is_normalised(self):
        """A contact flagged as citizen gets its values normalised and a number."""
        partner = self.Partner.create(
            {"name": "Marie Curie", "phone": "06 12 34 56 78", "email": "M@X.FR"}
        )
        self.assertFalse(partner.citizen_number)
        partner.is_citizen = True
        self.assertEqual(partner.phone, "+33612345678")
        self.assertEqual(partner.email, "m@x.fr")
        self.assertRegex(partner.citizen_number, r"^CIT-\d{7}$")

    def test_default_citizen_from_context(self):
        """A contact created from the citizens' menu is a normalised citizen."""
        citizen = self.Partner.with_context(default_is_citizen=True).create(
            {"name": "Paul Martin", "phone": "06 12 34 56 78"}
        )
        self.assertTrue(citizen.is_citizen)
        self.assertEqual(citizen.phone, "+33612345678")
        self.assertTrue(citizen.citizen_number)

    def test_pure_helpers(self):
        """The engine's helpers normalise names, streets and soft-fail on demand."""
        self.assertEqual(
            self.dedup._normalize_name("NÚÑEZ  Hélène"),
            self.dedup._normalize_name("hélène nunez"),
        )
        self.assertEqual(
            self.dedup._normalize_street("12, av. Jean-Jaurès"),
            self.dedup._normalize_street("12 Avenue Jean Jaures"),
        )
        self.assertFalse(self.dedup._normalize_phone("abc", raise_exception=False))
        self.assertFalse(self.dedup._normalize_email("abc", raise_exception=False))
        self.assertFalse(self.dedup._normalize_name(""))
