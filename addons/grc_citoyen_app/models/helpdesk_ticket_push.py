# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Web push to the citizen's phones on each step they are told about by mail:
acknowledgement, change of status, answer of a service, request for
information, closure with the satisfaction survey.

Odoo's own push is used (``mail.push.device`` and its VAPID keys); the
notifications are queued in ``mail.push`` and sent by Odoo's push cron after
the transaction commits: a push service out of reach never blocks nor rolls
back the request (see mail_push.py for the retries). The phone shows no more
than the reference and the step, never what the citizen or an agent wrote.
"""

import json

from odoo import models

ICON = "/grc-app/icon-192.png"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _grc_push_devices(self):
        """The phones this request's citizen allowed, or no record."""
        self.ensure_one()
        # sudo: the step may be taken by a visitor (intake) or an agent who
        # cannot read the citizen's consents nor the push devices.
        citizen = self.sudo().partner_id
        if not citizen or not citizen.consent_push:
            return self.env["mail.push.device"]
        return self.env["mail.push.device"]._grc_app_devices(citizen)

    def _grc_push_payload(self, body, url=None):
        """What the phone shows: the reference as title, the step as text,
        the request's page (or ``url``) opened on a tap. Same shape as
        Odoo's push payloads."""
        self.ensure_one()
        return {
            "title": self.env._("Request %(reference)s", reference=self.number),
            "options": {
                "body": body,
                "icon": ICON,
                "lang": (self.env.lang or "fr_FR").replace("_", "-"),
                # A newer step of the same request replaces the older one.
                "tag": f"grc-request-{self.id}",
                "data": {"url": url or self.access_url},
            },
        }

    def _grc_push(self, step_text):
        """Queue a push of ``step_text(ticket)`` (text in the citizen's
        language) to each phone of the citizen, sent after commit."""
        notifications = []
        for ticket in self:
            devices = ticket._grc_push_devices()
            if not devices:
                continue
            # sudo: the reference and the citizen's language, read for any
            # author of the step (a visitor filing the request, an agent).
            ticket_lang = ticket.sudo().with_context(lang=ticket.sudo().partner_id.lang)
            text, url = step_text(ticket_lang)
            payload = json.dumps(ticket_lang._grc_push_payload(text, url))
            notifications += [
                {"mail_push_device_id": device.id, "payload": payload}
                for device in devices
            ]
        if notifications:
            # sudo: the push queue is an administrators' model, filled here
            # for the citizen's own phones only.
            self.env["mail.push"].sudo().create(notifications)
            self.env.ref("mail.ir_cron_web_push_notification").sudo()._trigger()

    # ------------------------------------------------------------------
    # The steps (hooks of grc_citoyen's helpdesk_ticket_notification)
    # ------------------------------------------------------------------

    def _grc_acknowledge_on_channels(self, channels):
        res = super()._grc_acknowledge_on_channels(channels)
        self._grc_push(
            lambda ticket: (
                ticket.env._("Your request has been registered: follow it in the app."),
                None,
            )
        )
        return res

    def _grc_notify_stage(self):
        res = super()._grc_notify_stage()
        if self.grc_state and self.grc_state != "new":
            self._grc_push(lambda ticket: ticket._grc_push_stage_text())
        return res

    def _grc_push_stage_text(self):
        """(text, url) of the push telling the citizen the request's new
        status; the closure invites to the satisfaction survey when there
        is one."""
        self.ensure_one()
        state = self.grc_state
        if state == "waiting":
            return (
                self.env._(
                    "The service needs information from you to go on: see what "
                    "to send."
                ),
                None,
            )
        if state in ("resolved", "closed"):
            invitations = self._grc_closure_invitations()
            if invitations:
                return (
                    self.env._(
                        "Your request is closed. %(invitation)s",
                        invitation=invitations[0]["label"],
                    ),
                    invitations[0]["url"],
                )
            return self.env._("Your request is closed."), None
        if state == "cancelled":
            return self.env._("Your request has been cancelled."), None
        return (
            self.env._("Your request is now: %(status)s", status=self.stage_id.name),
            None,
        )

    def _grc_forward_answer(self, message):
        res = super()._grc_forward_answer(message)
        self._grc_push(
            lambda ticket: (ticket.env._("The service answered you: read it."), None)
        )
        return res

    def _notify_thread_by_web_push(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        # Citizens get the steps above on their phones, not Odoo's push of
        # each message (its text on the lock screen, a link to the back office).
        recipients_data = [data for data in recipients_data if not data.get("share")]
        return super()._notify_thread_by_web_push(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
