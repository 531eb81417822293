# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, tagged

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAppointmentPortal(HttpCase, AppointmentCommon):
    """ "Need help?" on the démarche, booking with the saved draft attached,
    "My appointments", cancel: over HTTP as the citizen."""

    def test_need_help_book_and_cancel(self):
        self.type_lamp.team_id = self.team_desk
        draft, _refused = self.env["grc.citizen.draft"]._grc_save(
            self.citizen, self.type_lamp, [("name", "Lampadaire éteint")]
        )
        self.authenticate(self.helene.login, self.helene.login)
        page = self.url_open(f"/demarches/{self.type_lamp.id}")
        self.assertEqual(page.status_code, 200)
        link = f"/rendez-vous/{self.team_desk.id}?type_id={self.type_lamp.id}"
        self.assertIn(link.replace("&", "&amp;"), page.text)
        slots_page = self.url_open(link)
        self.assertEqual(slots_page.status_code, 200)
        start = self.team_desk._grc_appointment_slots()[0][0]
        self.assertIn(str(start), slots_page.text)
        response = self.url_open(
            f"/rendez-vous/{self.team_desk.id}",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "start": str(start),
                "type_id": self.type_lamp.id,
                "note": "Je ne sais pas remplir le formulaire.",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("grc_appointment_booked", response.text)
        appointment = self.env["grc.appointment"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(appointment.start, start)
        self.assertEqual(appointment.draft_id, draft)
        self.assertEqual(appointment.request_type_id, self.type_lamp)
        self.assertIn(draft.display_name, appointment.event_id.description)
        # The same time again: refused with the reason, nothing booked.
        again = self.url_open(
            f"/rendez-vous/{self.team_desk.id}",
            data={"csrf_token": http.Request.csrf_token(self), "start": str(start)},
        )
        self.assertIn("grc_appointment_error", again.text)
        self.assertEqual(
            self.env["grc.appointment"].search_count(
                [("team_id", "=", self.team_desk.id)]
            ),
            1,
        )
        # Another citizen can neither see nor cancel it.
        self.authenticate(self.marc.login, self.marc.login)
        response = self.url_open(
            f"/my/appointments/{appointment.id}/cancel",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(appointment.state, "booked")
        self.authenticate(self.helene.login, self.helene.login)
        response = self.url_open(
            f"/my/appointments/{appointment.id}/cancel",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(appointment.state, "cancelled")

    def test_need_help_call_back(self):
        """ "Be called back" from the démarche: a wrong number is refused
        with the form kept, a good one is recorded with the saved draft and
        shown in "My appointments"."""
        self.type_lamp.team_id = self.team_desk
        self.team_desk.grc_callback_enabled = True
        draft, _refused = self.env["grc.citizen.draft"]._grc_save(
            self.citizen, self.type_lamp, [("name", "Lampadaire éteint")]
        )
        self.authenticate(self.helene.login, self.helene.login)
        page = self.url_open(f"/demarches/{self.type_lamp.id}")
        link = f"/rappel/{self.team_desk.id}?type_id={self.type_lamp.id}"
        self.assertIn(link.replace("&", "&amp;"), page.text)
        form = self.url_open(link)
        self.assertEqual(form.status_code, 200)
        start = self.team_desk._grc_callback_periods()[0][0]
        self.assertIn(str(start), form.text)
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "start": str(start),
            "type_id": self.type_lamp.id,
            "phone": "06 12",
            "note": "Je ne sais pas remplir le formulaire.",
        }
        refused = self.url_open(f"/rappel/{self.team_desk.id}", data=data)
        self.assertIn("grc_callback_error", refused.text)
        self.assertIn("Je ne sais pas remplir le formulaire.", refused.text)
        self.assertFalse(self.env["grc.callback"].search([]))
        response = self.url_open(
            f"/rappel/{self.team_desk.id}", data=dict(data, phone="06 12 34 56 78")
        )
        self.assertIn("grc_callback_requested", response.text)
        self.assertIn("+33612345678", response.text)
        callback = self.env["grc.callback"].search([])
        self.assertEqual(callback.partner_id, self.citizen)
        self.assertEqual(callback.draft_id, draft)
        self.assertEqual(
            callback.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web"),
        )
        # Not a service that calls back: not found.
        self.assertEqual(
            self.url_open(f"/rappel/{self.team_voirie.id}").status_code, 404
        )
