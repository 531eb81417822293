# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The e-mail address of a citizen's account changes only once the new
address is proven.

The address tells which citizen a request sent by mail or from the online
form without an account belongs to (grc.citizen.dedup): an account that could
take any address would receive the requests of the person owning it. So
whoever writes ``email`` on the partner of a portal account (the citizen on
the portal or the API, an agent, an RPC call, a sudo in code) only asks for
the change: a link is mailed to the new address and a notice to the old one;
the address is written when the link is opened.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, consteq, email_normalize
from odoo.tools.misc import hmac

_logger = logging.getLogger(__name__)

EMAIL_CHANGE_SCOPE = "grc_citoyen.email_change"
EMAIL_CHANGE_HOURS = 48
# Set by the confirmation of a link only: the write guard lets it through.
CONFIRMED_CONTEXT = "grc_email_change_confirmed"
# Written by the code of this module only, never by a user or an RPC call.
PROTECTED_FIELDS = (
    "grc_email_verified",
    "grc_email_pending",
    "grc_email_pending_expiry",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    grc_email_verified = fields.Boolean(
        string="E-mail verified",
        readonly=True,
        copy=False,
        help="The citizen proved they receive mail at this address (invitation "
        "or password link, confirmation of a change). Requests arriving from "
        "an address are attached to an online account only when it is "
        "verified.",
    )
    grc_email_pending = fields.Char(
        string="New e-mail to confirm",
        readonly=True,
        copy=False,
        help="Address asked for, written once the link mailed to it is opened.",
    )
    grc_email_pending_expiry = fields.Datetime(
        string="Confirmation link valid until", readonly=True, copy=False
    )
    grc_to_confirm = fields.Boolean(
        string="Identity to confirm",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Created for a request whose address an online account holds "
        "without having verified it: check who the person is, then untick "
        "this box or merge the citizen with the right record.",
    )

    # ------------------------------------------------------------------
    # Who has an account
    # ------------------------------------------------------------------

    def _grc_portal_account_partners(self):
        """The partners of ``self`` that have an active portal account."""
        if not self:
            return self
        # Read in SQL: the rule concerns every account, whoever writes, and
        # it runs on every intake (one small indexed query, no ORM search).
        self.env["res.users"].flush_model(["partner_id", "share", "active"])
        rows = self.env.execute_query(
            SQL(
                "SELECT partner_id FROM res_users"
                " WHERE active AND share AND partner_id IN %s",
                tuple(self._origin.ids),
            )
        )
        with_account = {row[0] for row in rows}
        return self.filtered(lambda p: p.id in with_account)

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------

    def _grc_email_change_guard(self, vals):
        """Turn the writing of ``email`` on citizens' accounts into requests
        for a change (called by ``write``, before anything is written).

        :return: the partners whose new address waits for its proof; ``write``
            writes their other values only
        """
        if not self.env.su and PROTECTED_FIELDS & vals.keys():
            raise AccessError(
                self.env._("Whether an e-mail address is verified is not edited.")
            )
        if not vals.get("email") or self._grc_email_change_confirmed():
            return self.browse()
        guarded = self._grc_email_unproven(vals)._grc_portal_account_partners()
        if guarded:
            # Asking is writing: only those who may write the partner ask.
            guarded.check_access("write")
            for partner in guarded:
                partner._grc_request_email_change(vals["email"])
        return guarded

    def _grc_email_unproven(self, vals):
        """The partners whose address ``vals`` changes without a proof."""
        if "email" not in vals or self._grc_email_change_confirmed():
            return self.browse()
        new_email = email_normalize(vals["email"] or "")
        return self.filtered(lambda p: p.email_normalized != new_email)

    def _grc_email_change_confirmed(self):
        # The context travels with RPC calls: only code running as superuser
        # (the confirmation of a link) may skip the guard with it.
        return self.env.su and self.env.context.get(CONFIRMED_CONTEXT)

    # ------------------------------------------------------------------
    # Change by confirmation link
    # ------------------------------------------------------------------

    def _grc_email_change_token(self):
        self.ensure_one()
        message = (
            f"{self.id}:{self.grc_email_pending or ''}:"
            f"{fields.Datetime.to_string(self.grc_email_pending_expiry) or ''}"
        )
        return hmac(self.env(su=True), EMAIL_CHANGE_SCOPE, message)

    def _grc_email_change_url(self):
        self.ensure_one()
        query = urlencode({"token": self._grc_email_change_token()})
        return f"{self.get_base_url()}/my/account/email/{self.id}/confirm?{query}"

    def _grc_request_email_change(self, new_email):
        """Ask to change the address of ``self`` to ``new_email``: a link to
        confirm is mailed to the new address, a notice to the current one.
        A new request replaces the previous one (its link stops working)."""
        self.ensure_one()
        normalized = email_normalize(new_email or "")
        if not normalized:
            raise ValidationError(self.env._("Give a valid e-mail address."))
        # Each request mails the new address: nobody may flood another
        # person's mailbox with links (same limit as the anonymous forms).
        # sudo: the counter is shared by every path that asks.
        throttle = self.env["grc.tracking.failure"].sudo()
        if throttle._grc_throttle({"mail_address": normalized}):
            raise UserError(
                self.env._(
                    "Too many confirmation links were sent to this address. "
                    "Please try again later."
                )
            )
        # sudo: the pending address is written by this flow only.
        partner = self.sudo()
        old_email = partner.email
        super(ResPartner, partner).write(
            {
                "grc_email_pending": normalized,
                "grc_email_pending_expiry": fields.Datetime.now()
                + timedelta(hours=EMAIL_CHANGE_HOURS),
            }
        )
        confirm = self.env.ref("grc_citoyen.mail_template_grc_email_change_confirm")
        # sudo: citizens cannot read nor render mail templates; this one is ours.
        confirm.sudo().with_context(
            grc_email_change_url=partner._grc_email_change_url(),
            grc_email_change_hours=EMAIL_CHANGE_HOURS,
        ).send_mail(
            partner.id,
            force_send=False,
            email_values={"email_to": normalized, "recipient_ids": []},
        )
        if old_email and email_normalize(old_email) != normalized:
            notice = self.env.ref("grc_citoyen.mail_template_grc_email_change_notice")
            # sudo: citizens cannot render mail templates; this one is ours.
            notice.sudo().send_mail(
                partner.id,
                force_send=False,
                email_values={"email_to": old_email, "recipient_ids": []},
            )
        _logger.info("E-mail change asked for partner #%s", partner.id)
        return True

    def _grc_confirm_email_change(self, token):
        """Apply the change asked for when ``token`` is the one mailed.
        Return an error message, or False when the address was changed."""
        self.ensure_one()
        # sudo: the signed token is the credential (checked below); the write needs su.
        partner = self.sudo()
        invalid = self.env._(
            "This link is not valid: it may have expired or been replaced."
        )
        if not partner.grc_email_pending or not token:
            return invalid
        if not consteq(partner._grc_email_change_token(), token):
            return invalid
        if partner.grc_email_pending_expiry < fields.Datetime.now():
            return invalid
        new_email = partner.grc_email_pending
        holders = partner.search(
            [
                ("id", "!=", partner.id),
                ("email_normalized", "=", new_email),
                ("grc_email_verified", "=", True),
            ]
        )._grc_portal_account_partners()
        if holders:
            return self.env._(
                "This address is already the verified address of another "
                "account: it cannot be used for this one."
            )
        old_email = partner.email_normalized
        partner.with_context(**{CONFIRMED_CONTEXT: True}).write(
            {
                "email": new_email,
                "grc_email_verified": True,
                "grc_email_pending": False,
                "grc_email_pending_expiry": False,
            }
        )
        # The citizen signs in with their address: the login follows it.
        # sudo: citizens cannot read users; their own login follows the address.
        users = self.env["res.users"].sudo().search([("partner_id", "=", partner.id)])
        for user in users.filtered(lambda u: u.share and u.login == old_email):
            if not users.search_count([("login", "=", new_email)]):
                user.login = new_email
        return False

    def _grc_mark_email_verified(self):
        """The citizen opened a link mailed to their current address."""
        # sudo: the flag is written by the verification flows only.
        return super(ResPartner, self.sudo()).write({"grc_email_verified": True})

    def action_grc_confirm_identity(self):
        """An agent checked who the citizen of a record "to be confirmed" is."""
        self.write({"grc_to_confirm": False})
        return True
