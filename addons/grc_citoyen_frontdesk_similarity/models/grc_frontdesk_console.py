# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen_similarity.models.grc_request_similarity import (
    DONE_STATES,
)

# Similar requests shown while the agent types: a screen's worth.
SIMILAR_SHOWN = 5


class GrcFrontdeskConsole(models.TransientModel):
    """While the agent types a request, the open requests like it (same type,
    same place or very similar text: ``grc.request.similarity``'s engine) are
    shown; the citizen is added to one of them as affected too instead of a
    duplicate being filed."""

    _inherit = "grc.frontdesk.console"

    similar_request_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Similar open requests",
        compute="_compute_similar_request_ids",
        help="Open requests of the same type at the same place or with a very "
        "similar text: the citizen may be affected by one of them already.",
    )
    similar_request_count = fields.Integer(compute="_compute_similar_request_ids")

    @api.depends(
        "request_type_id",
        "request_subject",
        "request_description",
        "location_street",
        "location_zip",
    )
    def _compute_similar_request_ids(self):
        Ticket = self.env["helpdesk.ticket"]
        for console in self:
            found = Ticket.browse(console._grc_similar_ids())
            console.similar_request_ids = found
            console.similar_request_count = len(found)

    def _grc_similar_ids(self):
        """Ids of the similar open requests the agent may read, the most
        similar first. Confidential requests are never offered, even to an
        agent of their service: the desk is a public place."""
        self.ensure_one()
        if not self.request_type_id:
            return []
        engine = self.env["grc.request.similarity"]
        matches = engine._find_similar_matches(
            {
                "request_type_id": self.request_type_id.id,
                "name": self.request_subject,
                "description": self.request_description,
                "location_street": self.location_street,
                "location_zip": self.location_zip,
                "company_id": self.env.company.id,
            },
            limit=SIMILAR_SHOWN * 2,
        )
        ids = [match["id"] for match in matches]
        # The engine reads in SQL: the agent's record rules apply here.
        readable = set(
            self.env["helpdesk.ticket"]
            .search([("id", "in", ids), ("is_confidential", "=", False)])
            .ids
        )
        return [ticket_id for ticket_id in ids if ticket_id in readable][:SIMILAR_SHOWN]

    def action_affected_too_first(self):
        """The one-key answer: the citizen is affected by the most similar
        request shown."""
        self.ensure_one()
        if not self.similar_request_ids:
            raise UserError(self.env._("No similar open request is shown."))
        return self._grc_affected_too(self.similar_request_ids[:1])

    def _grc_affected_too(self, ticket):
        """Add the citizen to ``ticket`` as affected too, log the contact and
        get ready for the next one. Nothing is filed."""
        self.ensure_one()
        self._grc_check_citizen()
        partner = self.partner_id
        if ticket.id not in self._grc_similar_ids():
            # Nothing read from the request: the agent may not read it.
            raise UserError(
                self.env._(
                    "This request is not among the similar open requests "
                    "(closed, confidential or no longer alike): file a request "
                    "instead."
                )
            )
        # sudo: the front desk reads the other services' requests but may not
        # write them; adding a citizen concerned is the desk's job, checked
        # above (open, not confidential, readable by this agent).
        ticket_sudo = ticket.sudo()
        if ticket_sudo.grc_state in DONE_STATES:
            raise UserError(self.env._("This request is no longer open."))
        already = partner in ticket_sudo._grc_affected_partners()
        if not already:
            ticket_sudo.grc_affected_partner_ids = [Command.link(partner.id)]
            ticket_sudo.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(name)s is affected too (told to %(agent)s by %(channel)s; "
                    "%(count)s citizens in all).",
                    name=partner.display_name,
                    agent=self.env.user.name,
                    channel=self.channel_id.name,
                    count=len(ticket_sudo._grc_affected_partners()),
                ),
                # A note: the citizen must not become a follower, who could
                # read another citizen's request on the portal.
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        self.env["grc.interaction"].create(
            {
                "name": self.env._("Affected too by %(ref)s", ref=ticket.number),
                "partner_id": partner.id,
                "channel_id": self.channel_id.id,
                "team_id": ticket_sudo.team_id.id,
                "notes": ticket_sudo.name,
                "outcome": "answered",
            }
        )
        if already:
            message = self.env._(
                "%(name)s was already concerned by request %(ref)s: nothing "
                "filed, the contact is logged.",
                name=partner.name,
                ref=ticket.number,
            )
        else:
            message = self.env._(
                "%(name)s added to request %(ref)s as affected too: they will be "
                "told when it is resolved.",
                name=partner.name,
                ref=ticket.number,
            )
        self._grc_reset(message)
        return True
