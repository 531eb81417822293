# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form

from odoo.addons.grc_citoyen.tests.common import GrcCommon

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class TestLetterRegister(GrcCommon):
    """A letter received by post becomes a request with its scan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tickets = cls.env["helpdesk.ticket"]
        cls.type_lamp.is_published = False  # a letter may ask for anything
        cls.env.user.tz = "Europe/Paris"

    def _wizard(self, **values):
        vals = {
            "request_type_id": self.type_lamp.id,
            "description": "Demande de réparation du lampadaire du n°12.",
            "scan": base64.b64encode(PDF),
            "scan_filename": "courrier.pdf",
        }
        vals.update(values)
        return self.env["grc.letter.register"].create(vals)

    def _new_ticket(self, action):
        return self.tickets.browse(action["res_id"])

    @freeze_time("2026-03-10 15:00:00")
    def test_register_letter_new_citizen(self):
        """A letter from an unknown sender creates the citizen and the request on
        the Post channel, with the scan and the arrival date."""
        wizard = self._wizard(
            citizen_name="Marcel Dupont",
            citizen_street="3 impasse des Roses",
            citizen_zip="69004",
            citizen_city="Lyon",
            received_date=date(2026, 3, 6),
        )
        ticket = self._new_ticket(wizard.action_register())
        self.assertEqual(
            ticket.channel_id, self.env.ref("grc_citoyen.helpdesk_ticket_channel_post")
        )
        citizen = ticket.partner_id
        self.assertEqual(citizen.name, "Marcel Dupont")
        self.assertTrue(citizen.is_citizen)
        self.assertEqual(citizen.preferred_channel, "post")
        # Noon in Paris (UTC+1 in March) on the day stamped on the letter.
        self.assertEqual(ticket.received_date, datetime(2026, 3, 6, 11, 0))
        scan = ticket.attachment_ids.filtered(lambda a: a.name == "courrier.pdf")
        self.assertEqual(scan.mimetype, "application/pdf")
        note = ticket.message_ids.filtered(lambda m: scan in m.attachment_ids)
        self.assertIn("Letter received by post on", note.body)

    def test_register_letter_known_citizen(self):
        """The sender is matched to the known citizen: no duplicate."""
        with Form(self.env["grc.letter.register"]) as form:
            form.citizen_name = "Hélène Núñez"
            form.citizen_email = "HELENE.NUNEZ@example.fr"
            self.assertEqual(form.partner_id, self.citizen)
            form.request_type_id = self.type_lamp
            form.description = "Lampadaire en panne."
            form.scan = base64.b64encode(PNG)
        ticket = self._new_ticket(form.record.action_register())
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.request_type_id, self.type_lamp)
        self.assertTrue(
            ticket.attachment_ids.filtered(lambda a: a.name == "letter.png")
        )

    def test_register_letter_refusals(self):
        """Bad scans, future dates and unknown senders are refused clearly."""
        with self.assertRaisesRegex(ValidationError, "not accepted"):
            self._wizard(
                partner_id=self.citizen.id,
                scan=base64.b64encode(b"MZ\x90\x00 not a scan"),
                scan_filename="virus.exe",
            ).action_register()
        with self.assertRaisesRegex(ValidationError, "future"):
            self._wizard(
                partner_id=self.citizen.id, received_date=date(2999, 1, 1)
            ).action_register()
        with self.assertRaisesRegex(ValidationError, "sender's name"):
            self._wizard().action_register()
        with self.assertRaisesRegex(ValidationError, "postal address"):
            self._wizard(citizen_name="Anonyme").action_register()

    def test_menus(self):
        """The front desk's screens hang under the core's menus."""
        self.assertIn(
            self.env.ref("grc_citoyen_frontdesk.menu_letter_register"),
            self.env.ref("grc_citoyen.menu_requests").child_id,
        )
        root = self.env.ref("grc_citoyen.grc_citoyen_menu_root").child_id
        self.assertIn(
            self.env.ref("grc_citoyen_frontdesk.menu_frontdesk_console"), root
        )
        self.assertIn(self.env.ref("grc_citoyen_frontdesk.menu_mandates"), root)
