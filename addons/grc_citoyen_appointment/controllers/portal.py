# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import OrderedDict

import pytz

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GrcAppointmentPortal(CustomerPortal):
    """ "Need help?": a signed-in citizen books an appointment with a
    service from a démarche, then cancels or moves it from "My
    appointments". The models hold every rule; the routes parse."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "grc_appointment_count" in counters:
            appointments = request.env["grc.appointment"]
            values["grc_appointment_count"] = (
                appointments.search_count([("state", "=", "booked")])
                if appointments.has_access("read")
                else 0
            )
        return values

    def _grc_booking_team(self, team_id):
        # sudo: services are configuration; only those taking appointments.
        team = request.env["helpdesk.ticket.team"].sudo().browse(team_id).exists()
        if not team or not team.grc_appointment_enabled:
            raise request.not_found()
        return team

    def _grc_callback_team(self, team_id):
        # sudo: services are configuration; only those calling back.
        team = request.env["helpdesk.ticket.team"].sudo().browse(team_id).exists()
        if not team or not team.grc_callback_enabled:
            raise request.not_found()
        return team

    def _grc_saved_draft(self, request_type):
        """The draft the citizen saved on ``request_type``: where they
        stopped, for the agent who helps them."""
        draft = request.env["grc.citizen.draft"]
        if request_type and draft.has_access("read"):
            draft = draft.search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("request_type_id", "=", request_type.id),
                ],
                limit=1,
            )
        return draft

    def _grc_request_type(self, type_id):
        if not str(type_id or "").isdigit():
            return request.env["grc.request.type"]
        return request.env["grc.request.type"].search(
            [("id", "=", int(type_id)), ("is_published", "=", True)], limit=1
        )

    def _grc_own_appointment(self, appointment_id):
        appointment = request.env["grc.appointment"].search(
            [
                ("id", "=", appointment_id),
                ("partner_id", "=", request.env.user.partner_id.id),
            ]
        )
        if not appointment:
            raise request.not_found()
        return appointment

    @staticmethod
    def _grc_parse_start(value):
        try:
            return fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            return None

    def _grc_render_slots(
        self, team, request_type=None, appointment=None, error=None, note=""
    ):
        slots = team._grc_appointment_slots(exclude=appointment)
        tz = team._grc_appointment_tz()
        days = OrderedDict()
        for start, _stop, _agents in slots:
            local = pytz.utc.localize(start).astimezone(tz)
            days.setdefault(local.date(), []).append((start, local))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "team": team,
                "request_type": request_type,
                "appointment": appointment,
                "days": days,
                "error": error,
                "note": note,
                "page_name": "grc_appointment",
            }
        )
        return request.render(
            "grc_citoyen_appointment.portal_appointment_slots", values
        )

    @http.route(
        "/rendez-vous/<int:team_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def grc_appointment_slots(self, team_id, type_id=None, **kw):
        team = self._grc_booking_team(team_id)
        return self._grc_render_slots(team, self._grc_request_type(type_id))

    @http.route(
        "/rendez-vous/<int:team_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_appointment_book(self, team_id, start=None, type_id=None, note="", **kw):
        team = self._grc_booking_team(team_id)
        request_type = self._grc_request_type(type_id)
        partner = request.env.user.partner_id
        note = (note or "")[:2000]
        draft = self._grc_saved_draft(request_type)
        try:
            appointment = request.env["grc.appointment"]._grc_book(
                team,
                partner,
                self._grc_parse_start(start),
                values={
                    "request_type_id": request_type.id,
                    "draft_id": draft.id,
                    "note": note,
                },
                channel=request.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_web",
                    raise_if_not_found=False,
                ),
            )
        except UserError as error:
            return self._grc_render_slots(
                team, request_type, error=error.args[0], note=note
            )
        return request.redirect(f"/my/appointments?booked={appointment.id}")

    @http.route("/my/appointments", type="http", auth="user", website=True)
    def grc_my_appointments(
        self, booked=None, moved=None, cancelled=None, callback=None, **kw
    ):
        appointments = request.env["grc.appointment"]
        if not appointments.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "appointments": appointments.search(
                    [("partner_id", "=", request.env.user.partner_id.id)]
                ),
                "callbacks": request.env["grc.callback"].search(
                    [
                        ("partner_id", "=", request.env.user.partner_id.id),
                        ("state", "=", "waiting"),
                    ]
                ),
                "callback": callback,
                "booked": booked,
                "moved": moved,
                "cancelled": cancelled,
                "page_name": "grc_appointment",
            }
        )
        return request.render("grc_citoyen_appointment.portal_my_appointments", values)

    @http.route(
        "/my/appointments/<int:appointment_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_appointment_cancel(self, appointment_id, **kw):
        appointment = self._grc_own_appointment(appointment_id)
        try:
            appointment.action_grc_cancel()
        except UserError:
            return request.redirect("/my/appointments")
        return request.redirect("/my/appointments?cancelled=1")

    @http.route(
        "/my/appointments/<int:appointment_id>/move",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def grc_my_appointment_move(self, appointment_id, start=None, **kw):
        appointment = self._grc_own_appointment(appointment_id)
        # sudo: the citizen's own appointment's service (checked above).
        team = appointment.team_id.sudo()
        if request.httprequest.method == "POST":
            try:
                appointment.action_grc_move(self._grc_parse_start(start))
            except UserError as error:
                return self._grc_render_slots(
                    team, appointment.request_type_id, appointment, error=error.args[0]
                )
            return request.redirect("/my/appointments?moved=1")
        return self._grc_render_slots(team, appointment.request_type_id, appointment)

    # ------------------------------------------------------------------
    # Call-back requests
    # ------------------------------------------------------------------

    def _grc_render_callback(self, team, request_type=None, error=None, **form):
        tz = team._grc_appointment_tz()
        periods = [
            (
                start,
                pytz.utc.localize(start).astimezone(tz),
                pytz.utc.localize(stop).astimezone(tz),
            )
            for start, stop, _agents in team._grc_callback_periods()
        ]
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "team": team,
                "request_type": request_type,
                "periods": periods,
                "error": error,
                "phone": form.get("phone") or partner.mobile or partner.phone or "",
                "start": form.get("start") or "",
                "note": form.get("note") or "",
                "page_name": "grc_appointment",
            }
        )
        return request.render("grc_citoyen_appointment.portal_callback_request", values)

    @http.route(
        "/rappel/<int:team_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def grc_callback_form(self, team_id, type_id=None, **kw):
        team = self._grc_callback_team(team_id)
        return self._grc_render_callback(team, self._grc_request_type(type_id))

    @http.route(
        "/rappel/<int:team_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_callback_request(
        self, team_id, phone="", start=None, type_id=None, note="", **kw
    ):
        team = self._grc_callback_team(team_id)
        request_type = self._grc_request_type(type_id)
        phone = (phone or "")[:40]
        note = (note or "")[:2000]
        try:
            callback = request.env["grc.callback"]._grc_request(
                team,
                request.env.user.partner_id,
                phone,
                self._grc_parse_start(start),
                values={
                    "request_type_id": request_type.id,
                    "draft_id": self._grc_saved_draft(request_type).id,
                    "note": note,
                },
                channel=request.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_web",
                    raise_if_not_found=False,
                ),
            )
        except (UserError, ValidationError) as error:
            return self._grc_render_callback(
                team,
                request_type,
                error=error.args[0],
                phone=phone,
                start=start,
                note=note,
            )
        return request.redirect(f"/my/appointments?callback={callback.id}")

    @http.route(
        "/my/callbacks/<int:callback_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_callback_cancel(self, callback_id, **kw):
        callback = request.env["grc.callback"].search(
            [
                ("id", "=", callback_id),
                ("partner_id", "=", request.env.user.partner_id.id),
            ]
        )
        if not callback:
            raise request.not_found()
        try:
            callback.action_grc_cancel()
        except UserError:
            return request.redirect("/my/appointments")
        return request.redirect("/my/appointments?cancelled=1")
