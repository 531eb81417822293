# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from werkzeug.urls import url_encode

from odoo import api, fields, models

# Statuses in which the legal acknowledgement of receipt replaces the stage's
# own mail: the request has been looked at, the service in charge is known.
RECEIPT_ACK_STATES = ("qualified", "in_progress")
# Statuses in which an acknowledgement of receipt still makes sense.
OPEN_STATES = ("new", "qualified", "in_progress", "waiting")


class HelpdeskTicket(models.Model):
    """What the citizen is told about their request, and by which channel:
    e-mail, as their consents allow; feature addons add channels through the
    hooks below (grc_citoyen_sms: SMS; grc_citoyen_letters: letters by post).

    Every mail goes through the mail queue (never sent inside the request's
    transaction).
    """

    _inherit = "helpdesk.ticket"

    waiting_reason = fields.Text(
        string="Information needed",
        help="What the citizen must send or do for the request to go on; told "
        "to them when the request starts waiting for them.",
    )
    grc_citizen_url = fields.Char(
        string="Citizen link",
        compute="_compute_grc_citizen_url",
        help="Link with which the citizen follows the request without logging in.",
    )

    def _compute_grc_citizen_url(self):
        for ticket in self:
            # sudo: the visitor or cron sending the mail or SMS may not read the token.
            ticket.grc_citizen_url = ticket.id and (
                ticket.get_base_url() + ticket.sudo().get_portal_url()
            )

    # ------------------------------------------------------------------
    # Channels
    # ------------------------------------------------------------------

    def _grc_contact_channels(self):
        """Hook: how the citizen may be written to: a set of "email" and the
        channels of feature addons ("sms", "post"). Electronic channels need
        the citizen's consent and an address; grc_citoyen_letters adds "post"
        for citizens who prefer post or cannot be reached otherwise.
        """
        self.ensure_one()
        if not self.partner_id:
            return set()
        return self._grc_electronic_channels()

    def _grc_electronic_channels(self):
        """Hook: the channels other than post by which the citizen agreed to
        be reached and can be. The core knows e-mail; a citizen who prefers
        another channel the core does not offer (SMS, post) gets e-mail.
        Feature addons add theirs (grc_citoyen_sms adds "sms")."""
        self.ensure_one()
        partner = self.partner_id
        channels = set()
        if partner.email and partner.consent_email:
            channels.add("email")
        return channels

    # ------------------------------------------------------------------
    # Acknowledgements
    # ------------------------------------------------------------------
    # One acknowledgement per request, sent when it is filed: the legal
    # acknowledgement of registration (CRPA L112-11), with the reference, by
    # e-mail and the channels of feature addons (SMS, letter). The
    # acknowledgement of receipt of an electronic submission (service in
    # charge, implicit decision) follows when the request is qualified or
    # taken in hand, or at the latest before its deadline (scheduled action).

    def _grc_mail_email_values(self):
        """Author and reply address of the mails sent to the citizen."""
        self.ensure_one()
        values = {"author_id": self.company_id.partner_id.id}
        # Answers go to the service's alias, so they thread on the request.
        reply_to = self._notify_get_reply_to(default=False).get(self.id)
        if reply_to:
            values["reply_to"] = reply_to
        return values

    def _grc_queue_mail(self, template, acknowledges=None):
        """Queue ``template`` for this request's citizen (never sent here);
        ``acknowledges`` names the acknowledgement it carries, recorded on
        the request when the mail leaves (mail.mail)."""
        for ticket in self:
            email_values = ticket._grc_mail_email_values()
            if acknowledges:
                email_values["grc_acknowledges"] = acknowledges
            # sudo: the visitor behind this mail may not read nor render templates.
            template.sudo().send_mail(
                ticket.id,
                force_send=False,
                email_values=email_values,
            )

    def _grc_to_acknowledge(self):
        """The requests of ``self`` whose citizen gets the acknowledgement."""
        return self

    def _grc_acknowledgement_mail_template(self):
        """The acknowledgement's mail template (possibly empty), from the
        cached xmlid: no query on every request."""
        model_data = self.env["ir.model.data"]
        return self.env["mail.template"].browse(
            model_data._xmlid_to_res_id(
                "grc_citoyen.mail_template_ack_registration", raise_if_not_found=False
            )
            or ()
        )

    def _grc_acknowledgement_channels(self):
        """Hook: the channels the acknowledgement of registration of this
        request leaves on. The core sends it by e-mail; feature addons add
        theirs (grc_citoyen_sms: "sms", grc_citoyen_letters: "post")."""
        self.ensure_one()
        send = set()
        if (
            "email" in self._grc_contact_channels()
            and self._grc_acknowledgement_mail_template()
        ):
            send.add("email")
        return send

    def _grc_acknowledgement_plan(self):
        """How this request is acknowledged: (channels it leaves on, marks
        it writes). Also read on a new record by the intake, which writes the
        marks with the row. Hook: a channel whose message also carries the
        mentions of the acknowledgement of receipt (grc_citoyen_letters'
        letter) adds ``ack_receipt_date`` to the marks."""
        self.ensure_one()
        if not self._grc_to_acknowledge():
            return set(), {}
        send = self._grc_acknowledgement_channels()
        # By e-mail, the acknowledgement counts as sent when the mail leaves
        # (mail.mail records it): a mail server down must not make it look
        # sent. Other channels (SMS, letter) mark it when they take it.
        marks = (
            {"ack_registration_date": fields.Datetime.now()} if send - {"email"} else {}
        )
        return send, marks

    def _grc_send_acknowledgement(self):
        """Acknowledge a request that has just been filed, on the citizen's
        channels; a failing mail server never rolls the request back (mails
        and SMS are queued). Requests filed through the intake already carry
        the marks (written with the row); others get them now."""
        mail_template = self._grc_acknowledgement_mail_template()
        for ticket in self._grc_to_acknowledge():
            send, marks = ticket._grc_acknowledgement_plan()
            if "email" in send:
                ticket._grc_queue_mail(mail_template, acknowledges="registration")
            ticket._grc_acknowledge_on_channels(send)
            marks = {name: date for name, date in marks.items() if not ticket[name]}
            if marks:
                ticket.write(marks)

    def _grc_acknowledge_on_channels(self, channels):
        """Hook: send the acknowledgement of registration on the channels of
        feature addons among ``channels`` (those _grc_acknowledgement_channels
        chose). The core sends it by e-mail itself."""
        self.ensure_one()
        return True

    def _grc_receipt_ack_due(self):
        """Whether the acknowledgement of receipt of an electronic submission
        has still to be sent: not sent, and not waiting in the mail queue."""
        self.ensure_one()
        return (
            self.is_electronic_submission
            and not self.ack_receipt_date
            and self.grc_state in OPEN_STATES
            and not self._grc_receipt_ack_queued_ids()
        )

    def _grc_receipt_ack_queued_ids(self):
        """Ids of the requests of ``self`` whose acknowledgement of receipt
        is in the mail queue (not left yet, or failed and kept visible in
        the queue): it is recorded as sent when it leaves, and never queued
        twice."""
        if not self.ids:
            return set()
        # sudo: the queue is read to know what left, whoever moves the request.
        queued = (
            self.env["mail.mail"]
            .sudo()
            .search_read(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("grc_acknowledges", "=", "receipt"),
                ],
                ["res_id"],
            )
        )
        return {mail["res_id"] for mail in queued}

    def _grc_send_receipt_acknowledgement(self):
        """Send the acknowledgement of receipt now: by e-mail, recorded as
        sent when the mail leaves (mail.mail); else on a channel of a feature
        addon (_grc_acknowledge_receipt_on_channels), recorded when it takes
        it."""
        template = self._grc_receipt_template()
        for ticket in self:
            channels = ticket._grc_contact_channels()
            if "email" in channels and template:
                ticket._grc_queue_mail(template, acknowledges="receipt")
            elif ticket._grc_acknowledge_receipt_on_channels(channels):
                ticket._grc_mark_ack_receipt_sent()

    def _grc_acknowledge_receipt_on_channels(self, channels):
        """Hook: send the acknowledgement of receipt, which no e-mail carries
        (the citizen reads none), on a channel of a feature addon among
        ``channels``; return whether it left. None in the core:
        grc_citoyen_letters sends it by letter."""
        self.ensure_one()
        return False

    @api.model
    def _cron_grc_receipt_acknowledgements(self, hours_ahead=24, batch_size=500):
        """Send the acknowledgements of receipt nobody triggered by handling
        the request, a day before they are due."""
        limit_date = fields.Datetime.now() + timedelta(hours=hours_ahead)
        tickets = self.search(
            [
                ("is_electronic_submission", "=", True),
                ("ack_receipt_date", "=", False),
                ("ack_receipt_deadline", "<=", limit_date),
                ("grc_state", "in", OPEN_STATES),
            ],
            order="ack_receipt_deadline, id",
            limit=batch_size,
        )
        queued = tickets._grc_receipt_ack_queued_ids()
        tickets = tickets.filtered(lambda ticket: ticket.id not in queued)
        tickets._grc_send_receipt_acknowledgement()
        return tickets

    # ------------------------------------------------------------------
    # Stage changes
    # ------------------------------------------------------------------
    # helpdesk_mgmt mails the stage's template through _track_template when a
    # request changes stage. The legal acknowledgement of receipt replaces it
    # when due; consent decides whether it leaves; the messages of feature
    # channels (SMS, letters) are sent alongside from the stage's settings.

    def _grc_receipt_template(self):
        """The acknowledgement of receipt's template, or an empty recordset.
        Read on every stage change: from the cached xmlid, without checking
        that the record exists (env.ref would, one query each time)."""
        template_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "grc_citoyen.mail_template_ack_receipt", raise_if_not_found=False
        )
        return self.env["mail.template"].browse(template_id or ())

    def _grc_stage_mail_template(self):
        """Mail template for the current stage of this request, or None."""
        self.ensure_one()
        receipt = self._grc_receipt_template()
        template = self.stage_id.mail_template_id
        if (
            receipt
            and self.grc_state in RECEIPT_ACK_STATES
            and self._grc_receipt_ack_due()
        ):
            return receipt
        if (
            template
            and template == receipt
            and (self.ack_receipt_date or self._grc_receipt_ack_queued_ids())
        ):
            return None  # already acknowledged or in the queue: not twice
        return template or None

    def _track_template(self, changes):
        res = super()._track_template(changes)
        ticket = self[0]
        if "stage_id" not in changes:
            return res
        template = ticket._grc_stage_mail_template()
        if (
            not template
            or template == ticket._grc_receipt_template()
            or "email" not in ticket._grc_contact_channels()
        ):
            # The acknowledgement of receipt is queued by
            # _message_track_post_template, marked to be recorded when it
            # leaves.
            res.pop("stage_id", None)
            return res
        _template, post_kwargs = res.get("stage_id") or (None, {})
        post_kwargs = dict(post_kwargs)
        post_kwargs.setdefault("composition_mode", "mass_mail")
        post_kwargs.setdefault("auto_delete_keep_log", False)
        post_kwargs.setdefault(
            "subtype_id", self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        )
        post_kwargs.setdefault("email_layout_xmlid", "mail.mail_notification_light")
        # Through the mail queue, like every mail to citizens.
        post_kwargs["force_send"] = False
        res["stage_id"] = (template, post_kwargs)
        return res

    def _message_track_post_template(self, changes):
        if not self or not changes or "stage_id" not in changes:
            return super()._message_track_post_template(changes)
        receipt = self._grc_receipt_template()
        receipt_sent = self.filtered(
            lambda t: receipt
            and t._grc_stage_mail_template() == receipt
            and "email" in t._grc_contact_channels()
        )
        res = super()._message_track_post_template(changes)
        receipt_sent._grc_send_receipt_acknowledgement()
        for ticket in self:
            ticket._grc_notify_stage()
        return res

    def _grc_notify_stage(self):
        """Hook: what the citizen receives besides the stage's mail when the
        request enters its stage. Nothing in the core; feature addons add
        their channel's message (grc_citoyen_sms, the stage's SMS;
        grc_citoyen_letters, the stage's letter)."""
        self.ensure_one()

    # ------------------------------------------------------------------
    # Messages of agents
    # ------------------------------------------------------------------

    def message_post(self, **kwargs):
        # Notifications leave through the mail queue, like every mail here.
        tickets = self
        if "mail_notify_force_send" not in self.env.context:
            tickets = self.with_context(mail_notify_force_send=False)
        # Messages of agents reach citizens in the request's own layout
        # (reference, service, link to follow the request).
        if (
            kwargs.get("message_type") == "comment"
            and kwargs.get("subtype_xmlid") == "mail.mt_comment"
            and not kwargs.get("email_layout_xmlid")
            and self.env.user._is_internal()
        ):
            kwargs["email_layout_xmlid"] = "grc_citoyen.mail_notification_grc_request"
        message = super(HelpdeskTicket, tickets).message_post(**kwargs)
        if len(self) == 1 and self._grc_is_answer_to_citizen(message):
            self._grc_forward_answer(message)
        return message

    def _grc_forward_answer(self, message):
        """Hook: an agent's message to a citizen who reads no e-mail. Nothing
        in the core (the citizen reads it on the portal); feature addons send
        it on their channel (grc_citoyen_sms, a link to the request by SMS;
        grc_citoyen_letters, the message by letter)."""
        self.ensure_one()

    # ------------------------------------------------------------------
    # Closure
    # ------------------------------------------------------------------

    def _grc_closure_invitations(self):
        """Hook: what the closure message (mail, SMS) invites the citizen to
        do next, as a list of dicts: "text" (a sentence), "label" (the
        button's words) and "url". None in the core; grc_citoyen_satisfaction
        adds its survey. grc_citoyen_letters' closure letter is extended
        through its report's template.
        """
        self.ensure_one()
        return []

    def _grc_complaint_url(self):
        """Hook: where a citizen dissatisfied with this request files a
        complaint, or False. The complaints addon sets the form's address
        (``grc_citoyen.complaint_url``); the request is added as request_id.
        """
        self.ensure_one()
        # sudo: only administrators read settings; this address is public.
        base = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("grc_citoyen.complaint_url", "")
            .strip()
        )
        if not base:
            return False
        separator = "&" if "?" in base else "?"
        url = f"{base}{separator}{url_encode({'request_id': self.id})}"
        if url.startswith("/"):
            url = self.get_base_url() + url
        return url

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """A citizen who cannot be e-mailed (no consent, or letters preferred
        with grc_citoyen_letters) gets no e-mail notification; they read the
        message on the portal, or on a feature addon's channel."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1 or not self.partner_id:
            return recipients
        if "email" in self._grc_contact_channels():
            return recipients
        citizen_id = self.partner_id.id
        return [
            data
            for data in recipients
            if not (data["id"] == citizen_id and data["notif"] == "email")
        ]

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        for name, _function, data in groups:
            if name == "portal_customer" and data.get("button_access"):
                data["button_access"]["title"] = self.env._("Follow my request")
        return groups
