# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """Requests filed at the front desk, and by a representative (agent,
    France Services adviser, registered helper) under a mandate of the
    citizen."""

    _inherit = "helpdesk.ticket"

    proxy_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Filed by (representative)",
        index="btree_not_null",
        tracking=True,
        copy=False,
        help="Who filed this request on behalf of the citizen; they follow it "
        "and see it on their portal.",
    )
    mandate_id = fields.Many2one(
        comodel_name="grc.mandate",
        string="Mandate",
        index="btree_not_null",
        tracking=True,
        copy=False,
        help="The citizen's mandate under which the representative filed it.",
    )

    @api.model
    def _grc_request_steps(self):
        # The mandate is checked before anything is decided for the request.
        return super()._grc_request_steps() + [(5, "_grc_proxy_step")]

    @api.model
    def _grc_proxy_step(self, vals_list):
        for vals in vals_list:
            if vals.get("proxy_partner_id"):
                self._grc_check_proxy_values(vals)

    def _grc_after_create(self):
        res = super()._grc_after_create()
        by_proxy = self.filtered("proxy_partner_id")
        for ticket in by_proxy:
            ticket.message_subscribe(
                partner_ids=(ticket.partner_id | ticket.proxy_partner_id).ids
            )
        by_proxy._grc_notify_proxy_beneficiary()
        return res

    @api.model
    def _grc_intake_ticket_values(self, values, partner, company):
        """Intake values may name the representative filing for the citizen;
        the mandate is then found (or the request refused) on creation."""
        vals = super()._grc_intake_ticket_values(values, partner, company)
        if values.get("proxy_partner_id"):
            vals["proxy_partner_id"] = int(values["proxy_partner_id"])
        return vals

    @api.model
    def _grc_check_proxy_values(self, vals):
        """Find the mandate of a request filed by a representative, or refuse it."""
        # sudo: a portal helper filing for a citizen may not read the citizen, the
        # request type nor the mandates; only whether a mandate covers it is read.
        partners = self.env["res.partner"].sudo()
        representative = partners.browse(vals["proxy_partner_id"])
        beneficiary = partners.browse(vals.get("partner_id"))
        request_type = (
            self.env["grc.request.type"].sudo().browse(vals.get("request_type_id"))
        )
        mandates = self.env["grc.mandate"].sudo()  # sudo: as above
        if vals.get("mandate_id") and beneficiary:
            # The mandate chosen must be in force and cover this request.
            mandate = mandates.search(
                [("id", "=", vals["mandate_id"])]
                + mandates._grc_covering_domain(
                    representative, beneficiary, request_type
                ),
                limit=1,
            )
        else:
            mandate = mandates._grc_find_mandate(
                representative, beneficiary, request_type
            )
        if not mandate:
            raise ValidationError(
                self.env._(
                    "%(representative)s has no mandate in force from %(citizen)s "
                    "covering %(type)s: record the citizen's mandate (with their "
                    "consent) before filing on their behalf.",
                    representative=representative.name,
                    citizen=beneficiary.name or self.env._("the citizen"),
                    type=request_type.name or self.env._("this request"),
                )
            )
        vals["mandate_id"] = mandate.id

    @api.constrains("proxy_partner_id", "mandate_id", "partner_id")
    def _check_mandate_parties(self):
        """The mandate binds the request's citizen and its representative.
        (Its validity and scope are checked when the request is filed: a
        mandate ending later does not make the request wrong.)"""
        # sudo: who files the request (a portal helper) may not read mandates.
        for ticket in self.sudo():
            mandate = ticket.mandate_id
            if not ticket.proxy_partner_id and not mandate:
                continue
            if (
                not mandate
                or mandate.representative_id != ticket.proxy_partner_id
                or mandate.beneficiary_id != ticket.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Request %(ref)s: the mandate must be the one given by its "
                        "citizen to its representative.",
                        ref=ticket.number or ticket.name,
                    )
                )

    def _grc_notify_proxy_beneficiary(self):
        """Tell the citizen that someone filed a request for them, on their
        preferred channel: an e-mail queued now, otherwise a note telling the
        service what to send (letter, call, SMS)."""
        if not self:
            # Most requests are filed by their citizen: no template lookup.
            return
        template = self.env.ref(
            "grc_citoyen_frontdesk.mail_template_grc_request_filed_by_proxy",
            raise_if_not_found=False,
        )
        for ticket in self:
            citizen = ticket.partner_id
            channel = citizen.preferred_channel or "email"
            by_email = (
                template
                and channel in ("email", "portal")
                and citizen.email
                and citizen.consent_email
            )
            if by_email:
                email_values = {"author_id": ticket.company_id.partner_id.id}
                reply_to = ticket._notify_get_reply_to(default=False).get(ticket.id)
                if reply_to:
                    email_values["reply_to"] = reply_to
                # sudo: the filer (portal helper, agent) may not read templates.
                template.sudo().send_mail(
                    ticket.id, force_send=False, email_values=email_values
                )
                continue
            todos = self._grc_proxy_notice_todos()
            # sudo: a portal helper may not post internal notes on the request.
            ticket.sudo().message_post(
                body=self.env._(
                    "%(todo)s: tell %(citizen)s that %(representative)s filed this "
                    "request on their behalf (reference %(ref)s).",
                    todo=todos.get(channel, todos["post"]),
                    citizen=citizen.name,
                    representative=ticket.proxy_partner_id.name,
                    ref=ticket.number,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _grc_proxy_notice_todos(self):
        """What the service must do when the notice cannot go by e-mail, by
        preferred channel of the citizen."""
        return {
            "post": self.env._("Letter to send"),
            "phone": self.env._("Call to make"),
            "sms": self.env._("SMS to send"),
        }

    def _grc_to_acknowledge(self):
        # The beneficiary of a request filed for them already got the
        # "filed on your behalf" notice, which quotes the reference.
        return super()._grc_to_acknowledge().filtered(lambda t: not t.proxy_partner_id)

    def _grc_portal_acts_for_citizen(self, partner):
        # The representative closes the request they filed, as its citizen.
        return (
            super()._grc_portal_acts_for_citizen(partner)
            or partner == self.proxy_partner_id
        )

    @api.model
    def _grc_intake_errors(self, values):
        """The front desk also files démarches not offered online (social
        services' appointments...): only an archived type is refused there."""
        errors = super()._grc_intake_errors(values)
        if "request_type_id" in errors and self._grc_is_frontdesk_intake():
            # sudo: the type may belong to a company the agent has not selected.
            request_type = (
                self.env["grc.request.type"]
                .sudo()
                .browse(int(values.get("request_type_id") or 0))
                .exists()
            )
            if request_type.active:
                del errors["request_type_id"]
        return errors

    @api.model
    def _grc_is_frontdesk_intake(self):
        """Filed from the console by a front-desk agent (never a citizen)."""
        return bool(
            self.env.context.get("grc_frontdesk_intake")
            and self.env.user._is_internal()
            and self.env.user.has_group("grc_citoyen.group_grc_frontdesk")
        )
