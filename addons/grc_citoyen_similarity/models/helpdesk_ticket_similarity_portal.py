# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from urllib.parse import urlencode

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import consteq, email_normalize
from odoo.tools.misc import hmac

from .grc_request_similarity import DONE_STATES
from .helpdesk_ticket_similarity import MAX_MERGE_DEPTH

AFFECTED_TOKEN_SCOPE = "grc_citoyen.request_affected"
AFFECTED_LINK_DAYS = 7


class HelpdeskTicket(models.Model):
    """Portal side of duplicates: citizens declare online being affected by
    an open public-space report too (with an e-mail check when they have no
    account), instead of filing another request."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Portal: "I am affected too"
    # ------------------------------------------------------------------

    @api.model
    def _grc_portal_nearby(self, request_type, values, limit=5):
        """Open public-space reports near the place in ``values``. Called in
        sudo by the online form (visitors may not read others' reports): the
        reports found are sudo too."""
        if not request_type.location_required:
            return self.browse()
        place = {
            key: values.get(key)
            for key in (
                "location_street",
                "location_zip",
                "location_latitude",
                "location_longitude",
            )
        }
        place["request_type_id"] = request_type.id
        similar = self.env["grc.request.similarity"]._find_similar(
            place, limit=limit * 2
        )
        return similar.filtered(lambda t: t._grc_portal_can_join())[:limit]

    def _grc_portal_can_join(self):
        """Whether citizens may declare being affected by this report online:
        an open, published, public-space report that is not confidential."""
        self.ensure_one()
        rtype = self.request_type_id
        return bool(
            self.active
            and rtype.location_required
            and rtype.is_published
            and not self.is_confidential
            and not self.duplicate_id
            and self.grc_state not in DONE_STATES
        )

    def _grc_portal_survivor(self):
        """The request a report was merged into, or the report itself."""
        self.ensure_one()
        ticket = self
        for _depth in range(MAX_MERGE_DEPTH):
            if not ticket.duplicate_id:
                break
            ticket = ticket.duplicate_id
        return ticket

    def _grc_portal_join(self, partner):
        """Record that ``partner`` is affected too; idempotent. Returns the
        request joined: the survivor when this one was merged."""
        self.ensure_one()
        ticket = self._grc_portal_survivor()
        if not ticket._grc_portal_can_join():
            raise ValidationError(
                self.env._("This report can no longer be joined online.")
            )
        if partner in ticket._grc_affected_partners():
            return ticket
        ticket.grc_affected_partner_ids = [Command.link(partner.id)]
        ticket.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(name)s declared on the portal being affected too "
                "(%(count)s citizens in all).",
                name=partner.display_name,
                count=len(ticket._grc_affected_partners()),
            ),
            # A system note: the citizen must not become a follower, who could
            # read the request of another citizen on the portal.
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return ticket

    def _grc_affected_token(self, email, expires):
        self.ensure_one()
        message = f"{self.id}:{email_normalize(email) or ''}:{expires}"
        return hmac(self.env(su=True), AFFECTED_TOKEN_SCOPE, message)

    def _grc_portal_request_join(self, email, name=False):
        """A citizen without an account: mail them a link that confirms
        their address; only then are they recorded as affected. Called in
        sudo by the portal (the visitor may read neither report nor template)."""
        self.ensure_one()
        ticket = self._grc_portal_survivor()
        if not ticket._grc_portal_can_join():
            raise ValidationError(
                self.env._("This report can no longer be joined online.")
            )
        normalized = email_normalize(email or "")
        if not normalized:
            raise ValidationError(self.env._("Give a valid e-mail address."))
        expires = (
            fields.Date.context_today(self) + timedelta(days=AFFECTED_LINK_DAYS)
        ).isoformat()
        query = {
            "email": normalized,
            "expires": expires,
            "token": ticket._grc_affected_token(normalized, expires),
        }
        if name:
            query["name"] = self._grc_clean_person_name(name)
        url = (
            f"{ticket.get_base_url()}/demarches/concerne/{ticket.id}/confirmer"
            f"?{urlencode(query)}"
        )
        template = self.env.ref(
            "grc_citoyen_similarity.mail_template_grc_affected_confirm"
        )
        template.with_context(grc_affected_url=url).send_mail(
            ticket.id,
            force_send=False,
            email_values={"email_to": normalized, "recipient_ids": []},
        )
        return ticket

    def _grc_portal_confirm_join(self, email, expires, token, name=False):
        """The citizen clicked the link: find or create them, record them.
        False when the link is not valid (altered or expired)."""
        self.ensure_one()
        normalized = email_normalize(email or "")
        if not normalized or not token or not expires:
            return False
        expected = self._grc_affected_token(normalized, expires)
        if not consteq(expected, token):
            return False
        try:
            valid = fields.Date.to_date(expires) >= fields.Date.context_today(self)
        except ValueError:
            valid = False
        if not valid:
            return False
        partner = self._grc_find_or_create_citizen(
            {"email": normalized, "name": name or normalized}, "email"
        )
        return self._grc_portal_join(partner)
