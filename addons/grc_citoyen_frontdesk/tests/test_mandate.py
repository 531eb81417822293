# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class MandateCommon(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.aidant = cls.env["res.partner"].create(
            {"name": "Jeanne Aidante", "email": "jeanne.aidante@example.fr"}
        )
        cls.type_bin = cls.env["grc.request.type"].create(
            {
                "name": "Bac à ordures cassé",
                "code": "BAC",
                "team_id": cls.team_voirie.id,
            }
        )
        since = fields.Date.today() - timedelta(days=30)
        cls.mandate = cls.env["grc.mandate"].create(
            {
                "representative_id": cls.aidant.id,
                "beneficiary_id": cls.citizen.id,
                "kind": "aidant",
                "habilitation_number": "AC-2026-0042",
                "scope": "all",
                "consent_given": True,
                "consent_date": since,
                "consent_method": "signed_form",
                "date_from": since,
            }
        )

    @classmethod
    def _submit(cls, **values):
        vals = {
            "request_type_id": cls.type_lamp.id,
            "description": "Le lampadaire devant le n°12 ne s'allume plus.",
            "channel": "grc_citoyen.helpdesk_ticket_channel_front_desk",
            "partner_id": cls.citizen.id,
            "proxy_partner_id": cls.aidant.id,
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"]._grc_submit_request(vals)


@freeze_time("2026-03-10 10:00:00")
class TestMandate(MandateCommon):
    def test_mandate_needs_consent_details(self):
        """Consent is recorded with its date and how it was given."""
        with self.assertRaisesRegex(ValidationError, "consent"):
            self.mandate.consent_method = False

    def test_aidant_needs_a_habilitation_number(self):
        """A registered helper's mandate carries their habilitation number."""
        with self.assertRaisesRegex(ValidationError, "habilitation"):
            self.mandate.habilitation_number = False
        self.mandate.write({"kind": "france_services", "habilitation_number": False})

    def test_mandate_dates_and_parties_are_checked(self):
        """A mandate neither ends before it starts nor names one person twice."""
        with self.assertRaises(ValidationError):
            self.mandate.date_to = self.mandate.date_from - timedelta(days=1)
        with self.assertRaises(ValidationError):
            self.mandate.representative_id = self.citizen

    def test_scope_by_type_needs_types(self):
        """A mandate limited to some types names them."""
        with self.assertRaises(ValidationError):
            self.mandate.scope = "types"

    def test_request_by_representative_finds_the_mandate(self):
        """The mandate in force is recorded and both people follow the request."""
        ticket = self._submit()
        self.assertEqual(ticket.proxy_partner_id, self.aidant)
        self.assertEqual(ticket.mandate_id, self.mandate)
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertIn(self.citizen, ticket.message_partner_ids)
        self.assertIn(self.aidant, ticket.message_partner_ids)

    def test_request_without_mandate_is_refused(self):
        """Nobody files for a citizen who gave them no mandate."""
        stranger = self.env["res.partner"].create({"name": "Marc Inconnu"})
        with self.assertRaisesRegex(ValidationError, "no mandate in force"):
            self._submit(proxy_partner_id=stranger.id)

    def test_request_outside_the_mandate_scope_is_refused(self):
        """A mandate limited to some types covers only those."""
        self.mandate.write(
            {"scope": "types", "request_type_ids": [(6, 0, self.type_bin.ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "no mandate in force"):
            self._submit()
        ticket = self._submit(request_type_id=self.type_bin.id)
        self.assertEqual(ticket.mandate_id, self.mandate)

    def test_mandate_out_of_force_is_refused(self):
        """An expired, future, revoked or unconsented mandate covers nothing."""
        cases = (
            {"date_to": date(2026, 3, 9)},
            {"date_from": date(2026, 3, 11)},
            {"active": False},
            {"consent_given": False},
        )
        for values in cases:
            with self.subTest(values=values):
                original = self.mandate.read(list(values))[0]
                self.mandate.write(values)
                with self.assertRaisesRegex(ValidationError, "no mandate in force"):
                    self._submit()
                self.mandate.write({key: original[key] for key in values})

    def test_mandate_must_bind_the_request_citizen(self):
        """A request cannot keep a mandate given by another citizen."""
        ticket = self._submit()
        other = self.env["res.partner"].create(
            {"name": "Paul Durand", "is_citizen": True}
        )
        with self.assertRaisesRegex(ValidationError, "mandate"):
            ticket.partner_id = other

    def test_mandate_chosen_must_cover_the_request(self):
        """A mandate given explicitly is checked like a found one."""
        other = self.mandate.copy(
            {
                "beneficiary_id": self.env["res.partner"]
                .create({"name": "Paul Durand", "is_citizen": True})
                .id
            }
        )
        with self.assertRaises(ValidationError):
            self._create_request(proxy_partner_id=self.aidant.id, mandate_id=other.id)
        ticket = self._create_request(
            proxy_partner_id=self.aidant.id, mandate_id=self.mandate.id
        )
        self.assertEqual(ticket.mandate_id, self.mandate)


@freeze_time("2026-03-10 10:00:00")
class TestMandateNotification(MandateCommon):
    def _mails(self, ticket):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def test_beneficiary_is_told_by_email(self):
        """A citizen who prefers e-mail gets one mail naming the representative,
        instead of the usual acknowledgement."""
        ticket = self._submit()
        mail = self._mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertIn("filed on your behalf", mail.subject.lower())
        self.assertIn(self.citizen, mail.recipient_ids)
        self.assertIn("Jeanne Aidante", mail.body_html)
        self.assertIn("Registered helper", mail.body_html)

    def test_beneficiary_preferring_post_gets_a_letter_to_send(self):
        """A citizen who prefers letters: a note tells the service to write."""
        self.citizen.preferred_channel = "post"
        ticket = self._submit()
        self.assertFalse(self._mails(ticket))
        note = ticket.message_ids.filtered(lambda m: "Letter to send" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal)

    def test_beneficiary_without_email_consent_gets_a_letter(self):
        """No e-mail goes to a citizen who refused e-mails."""
        self.citizen.consent_email = False
        ticket = self._submit()
        self.assertFalse(self._mails(ticket))
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "Letter to send" in (m.body or ""))
        )

    def test_request_without_representative_keeps_the_acknowledgement(self):
        """The usual acknowledgement still goes when the citizen files themselves."""
        ticket = self._submit(proxy_partner_id=False)
        mail = self._mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertIn("is registered", mail.subject)


@freeze_time("2026-03-10 10:00:00")
class TestFrontdeskMandate(MandateCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frontdesk = new_test_user(
            cls.env, login="grc-desk-mandate", groups="grc_citoyen.group_grc_frontdesk"
        )

    def test_console_offers_representatives_of_the_citizen(self):
        """The console lists the representatives whose mandate covers the type."""
        console = (
            self.env["grc.frontdesk.console"]
            .with_user(self.frontdesk)
            .create({"partner_id": self.citizen.id})
        )
        self.assertEqual(console.mandate_ids, self.mandate)
        self.assertEqual(console.available_proxy_ids, self.aidant)
        self.mandate.write(
            {"scope": "types", "request_type_ids": [(6, 0, self.type_bin.ids)]}
        )
        console.request_type_id = self.type_lamp
        self.assertFalse(console.available_proxy_ids)
        console.request_type_id = self.type_bin
        self.assertEqual(console.available_proxy_ids, self.aidant)

    def test_console_files_for_a_representative(self):
        """The desk files a request brought by a helper, under their mandate."""
        console = (
            self.env["grc.frontdesk.console"]
            .with_user(self.frontdesk)
            .create(
                {
                    "partner_id": self.citizen.id,
                    "request_type_id": self.type_lamp.id,
                    "request_description": "Lampadaire éteint.",
                    "proxy_partner_id": self.aidant.id,
                }
            )
        )
        console.action_create_request()
        ticket = self.env["helpdesk.ticket"].search(
            [("proxy_partner_id", "=", self.aidant.id)]
        )
        self.assertEqual(ticket.mandate_id, self.mandate)
        self.assertIn(
            "on behalf of Hélène Núñez by Jeanne Aidante", console.last_result
        )

    def test_frontdesk_records_a_mandate(self):
        """A front-desk agent records a citizen's mandate from the console."""
        console = (
            self.env["grc.frontdesk.console"]
            .with_user(self.frontdesk)
            .create({"partner_id": self.citizen.id})
        )
        action = console.action_new_mandate()
        mandate = (
            self.env["grc.mandate"]
            .with_user(self.frontdesk)
            .with_context(**action["context"])
            .create(
                {
                    "representative_id": self.aidant.id,
                    "kind": "france_services",
                }
            )
        )
        self.assertEqual(mandate.beneficiary_id, self.citizen)
        self.assertTrue(mandate.consent_given)
        self.assertEqual(mandate.consent_method, "oral_desk")
