# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import sql

from odoo.addons.grc_citoyen.models.helpdesk_ticket_internal import INTERNAL

from .grc_request_similarity import DONE_STATES

_logger = logging.getLogger(__name__)

# Chains of merges are followed at most this deep (they are flattened on merge).
MAX_MERGE_DEPTH = 10


class HelpdeskTicket(models.Model):
    """Duplicate requests: similar open requests, merges into a surviving
    request (helpdesk_mgmt's ``duplicate_id``), and citizens who declare being
    affected by a public-space report too.

    Citizens of merged requests and "affected too" citizens are not made
    followers: helpdesk_mgmt lets portal followers read (and close) a ticket,
    which would show them another citizen's request. They are told when the
    survivor is resolved, through ``_grc_affected_partners()``.
    """

    _inherit = "helpdesk.ticket"

    # Internal (groups): the other citizens and requests concerned are the
    # services' business, not readable with a citizen's session.
    grc_similar_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Similar requests",
        compute="_compute_grc_similar",
        groups=INTERNAL,
        help="Open requests of the same type at the same place or with a very "
        "similar text: possible duplicates.",
    )
    grc_similar_count = fields.Integer(
        string="Similar", compute="_compute_grc_similar", groups=INTERNAL
    )
    grc_affected_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="helpdesk_ticket_grc_affected_rel",
        column1="ticket_id",
        column2="partner_id",
        string="Also affected",
        copy=False,
        groups=INTERNAL,
        help="Citizens who declared on the portal being affected by this "
        "report too; they are told when it is resolved.",
    )
    grc_affected_count = fields.Integer(
        string="Citizens affected",
        compute="_compute_grc_affected_count",
        groups=INTERNAL,
        help="Citizen of the request, of the requests merged into it, and "
        "citizens who declared being affected too.",
    )

    def init(self):
        res = super().init()
        self._grc_create_trigram_extension()
        # Bounding box of the similar-requests search: type, then latitude.
        sql.create_index(
            self.env.cr,
            "helpdesk_ticket_grc_location_index",
            self._table,
            ["request_type_id", "location_latitude", "location_longitude"],
            where="location_latitude IS NOT NULL",
        )
        return res

    def _grc_create_trigram_extension(self):
        """pg_trgm compares texts in the database; without it (extension not
        installed on the server, or not allowed to this role) the same
        measure runs in Python over fewer requests."""
        similarity = self.env["grc.request.similarity"]
        if similarity._has_trigram():
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.info(
                "pg_trgm unavailable (%s): similar texts compared in Python",
                str(error).strip(),
            )
        self.env.registry.clear_cache()

    # ------------------------------------------------------------------
    # Similar requests
    # ------------------------------------------------------------------

    @api.depends(
        "request_type_id",
        "company_id",
        "name",
        "description",
        "location_street",
        "location_zip",
        "location_latitude",
        "location_longitude",
        "grc_state",
        "duplicate_id",
    )
    def _compute_grc_similar(self):
        # Shown on the form of one request: two queries per request.
        engine = self.env["grc.request.similarity"]
        for ticket in self:
            similar = self.browse()
            if (
                ticket.request_type_id
                and not ticket.duplicate_id
                and ticket.grc_state not in DONE_STATES
            ):
                similar = engine._find_similar(ticket._grc_similarity_values())
                similar = similar._filtered_access("read")
            ticket.grc_similar_ids = similar
            ticket.grc_similar_count = len(similar)

    def _grc_similarity_values(self):
        self.ensure_one()
        return {
            "request_type_id": self.request_type_id.id,
            "company_id": self.company_id.id,
            "name": self.name,
            "description": self.description,
            "location_street": self.location_street,
            "location_zip": self.location_zip,
            "location_latitude": self.location_latitude,
            "location_longitude": self.location_longitude,
            "exclude_ids": [self._origin.id] if self._origin.id else [],
        }

    def action_grc_view_similar(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc"
        )
        action.update(
            name=self.env._("Requests similar to %(ref)s", ref=self.number),
            domain=[("id", "in", self.grc_similar_ids.ids)],
            context={"create": False},
        )
        return action

    # ------------------------------------------------------------------
    # Merge
    # ------------------------------------------------------------------

    def action_grc_open_merge(self):
        """Choose the request these ones are merged into."""
        default_target = self.grc_similar_ids[:1] if len(self) == 1 else self.browse()
        return {
            "name": self.env._("Merge into..."),
            "type": "ir.actions.act_window",
            "res_model": "grc.request.merge",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_ids": self.ids,
                "default_target_id": default_target.id,
            },
        }

    def _grc_check_merge(self, target):
        if not target or len(target) != 1:
            raise UserError(self.env._("Choose the request to merge into."))
        if not self - target:
            raise UserError(self.env._("A request cannot be merged into itself."))
        if target.duplicate_id or target.grc_state in DONE_STATES:
            raise UserError(
                self.env._(
                    "Request %(ref)s is closed or already merged into another "
                    "one: merge into a request that is still being handled.",
                    ref=target.number,
                )
            )
        done = (self - target).filtered(
            lambda t: t.duplicate_id or t.grc_state in DONE_STATES
        )
        if done:
            raise UserError(
                self.env._(
                    "Requests %(refs)s are already closed or merged: only open "
                    "requests can be merged.",
                    refs=", ".join(done.mapped("number")),
                )
            )
        other_company = (self - target).filtered(
            lambda t: t.company_id != target.company_id
        )
        if other_company:
            raise UserError(
                self.env._(
                    "Requests %(refs)s belong to another authority than %(ref)s.",
                    refs=", ".join(other_company.mapped("number")),
                    ref=target.number,
                )
            )

    def _grc_merge_into(self, target):
        """Merge these requests into ``target``, which goes on being handled.

        Each merged request is marked duplicate of the survivor and cancelled
        with a resolution saying so; its citizen is told, and will be told again
        when the survivor is resolved (``_grc_affected_partners``). Requests
        merged earlier into these ones now point at the survivor.
        """
        self._grc_check_merge(target)
        merged = self - target
        earlier = (
            self.with_context(active_test=False).search(
                [("duplicate_id", "in", merged.ids)]
            )
            - target
        )
        resolution = Markup("<p>%s</p>") % self.env._(
            "Merged into %(ref)s.", ref=target.number
        )
        merged.write({"duplicate_id": target.id, "grc_resolution": resolution})
        earlier.write({"duplicate_id": target.id})
        merged._grc_move_to_state("cancelled")
        for ticket in merged:
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Your request %(ref)s reports the same problem as request "
                    "%(target)s, which our services are handling: the two have "
                    "been merged. You will be told when it is resolved.",
                    ref=ticket.number,
                    target=target.number,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        target.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Merged into this request: %(refs)s. Their citizens will be told "
                "when it is resolved.",
                refs=", ".join(merged.mapped("number")),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return target

    def _grc_merged_requests(self):
        """Requests merged into these ones, directly or through earlier merges."""
        merged = self.browse()
        current = self
        for _depth in range(MAX_MERGE_DEPTH):
            current = (
                self.with_context(active_test=False).search(
                    [("duplicate_id", "in", current.ids)]
                )
                - merged
                - self
            )
            if not current:
                break
            merged |= current
        return merged

    def _grc_affected_partners(self):
        """Citizens concerned by these requests: their citizens, those of the
        requests merged into them, and the citizens who declared being affected
        too. The hook that notifications of a resolution use."""
        requests = self | self._grc_merged_requests()
        return (requests.partner_id | requests.grc_affected_partner_ids).exists()

    def action_grc_view_affected(self):
        self.ensure_one()
        return {
            "name": self.env._("Citizens concerned by %(ref)s", ref=self.number),
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self._grc_affected_partners().ids)],
            "context": {"create": False},
        }

    @api.depends("partner_id", "grc_affected_partner_ids", "duplicate_ids")
    def _compute_grc_affected_count(self):
        for ticket in self:
            ticket.grc_affected_count = (
                len(ticket._origin._grc_affected_partners()) if ticket._origin else 0
            )

    def _grc_on_state_change(self, old_states):
        result = super()._grc_on_state_change(old_states)
        self.filtered(
            lambda t: t.grc_state == "resolved" and old_states.get(t.id) != "resolved"
        )._grc_notify_affected_partners()
        return result

    def _grc_notify_affected_partners(self):
        """Tell the other citizens concerned that the problem is resolved.

        The request's own citizen is told by the resolution itself; the others
        get a message that names no one and quotes nothing the first citizen
        wrote: reference, type and street only.
        """
        for ticket in self:
            partners = ticket._grc_affected_partners() - ticket.partner_id
            if not partners:
                continue
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The problem reported in request %(ref)s (%(type)s, "
                    "%(place)s) has been resolved by our services. Thank you for "
                    "telling us about it.",
                    ref=ticket.number,
                    type=ticket.request_type_id.name or "-",
                    place=ticket.location_street or ticket.location_city or "-",
                ),
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="grc_citoyen_similarity.mt_grc_request_affected_resolved",
            )
