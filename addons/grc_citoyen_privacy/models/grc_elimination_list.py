# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Elimination lists (bordereaux d'élimination): requests are public
archives (Code du patrimoine, articles L212-2 and R212-14); once past their
retention period they are listed per request type and destroyed (their
personal data anonymised) only after the archives' visa is recorded on the
list. The list and its visa are kept: they prove the lawful destruction."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ARCHIVES_GROUP = "grc_citoyen_privacy.group_grc_archives"


class GrcEliminationList(models.Model):
    _name = "grc.elimination.list"
    _description = "Elimination list"
    _inherit = ["mail.thread"]
    _order = "proposed_date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        selection=[("request", "Requests")],
        string="Kind of records",
        default="request",
        required=True,
        readonly=True,
        help="What the list holds; other addons list their records (complaints).",
    )
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type",
        string="Request type",
        readonly=True,
        ondelete="restrict",
        help="The type of the requests listed; empty for requests without type.",
    )
    state = fields.Selection(
        selection=[
            ("proposed", "Waiting for the archives' visa"),
            ("approved", "Visa recorded"),
            ("done", "Eliminated"),
            ("cancelled", "Cancelled"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
    )
    proposed_date = fields.Datetime(
        string="Proposed on", default=fields.Datetime.now, readonly=True
    )
    line_ids = fields.One2many(
        comodel_name="grc.elimination.list.line",
        inverse_name="list_id",
        string="Records",
    )
    line_count = fields.Integer(string="Records listed", compute="_compute_counts")
    kept_count = fields.Integer(
        string="Kept by the archives", compute="_compute_counts"
    )
    visa_signatory = fields.Char(
        string="Visa given by",
        tracking=True,
        help="Name and title of who gave the visa: an archivist of the "
        "authority or the director of the departmental archives.",
    )
    visa_date = fields.Date(string="Visa date", tracking=True)
    visa_reference = fields.Char(
        string="Visa reference",
        tracking=True,
        help="Reference of the visa (number of the signed list or of the letter).",
    )
    visa_user_id = fields.Many2one(
        comodel_name="res.users", string="Visa recorded by", readonly=True
    )
    eliminated_date = fields.Datetime(string="Eliminated on", readonly=True)
    eliminated_count = fields.Integer(string="Records eliminated", readonly=True)

    _sql_constraints = [
        (
            "grc_elimination_visa_complete",
            "CHECK(state NOT IN ('approved', 'done') OR (visa_date IS NOT NULL "
            "AND visa_reference IS NOT NULL AND visa_signatory IS NOT NULL))",
            "A list cannot be approved without the visa's signatory, date "
            "and reference.",
        ),
    ]

    @api.depends("line_ids.decision")
    def _compute_counts(self):
        for elimination in self:
            elimination.line_count = len(elimination.line_ids)
            elimination.kept_count = len(
                elimination.line_ids.filtered(lambda line: line.decision == "keep")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # sudo: the numbering belongs to the list, whoever proposes it.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                    "grc.elimination.list"
                ) or self.env._("New")
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Visa
    # ------------------------------------------------------------------

    def _check_may_record_visa(self):
        """The authority's archivists, or the GRC administrators and the data
        protection officer recording a visa given on paper."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group(ARCHIVES_GROUP)
            or user.has_group("grc_citoyen.group_grc_admin")
            or user in self.company_id.grc_dpo_user_id
        ):
            return
        raise AccessError(
            self.env._(
                "Only the archivists, the GRC administrators and the data "
                "protection officer may record the visa of an elimination list."
            )
        )

    def action_record_visa(self):
        """Record the archives' visa: an archivist of the authority signs
        with their own name; anyone else records the visa given by the
        departmental archives (who, date and reference are required)."""
        self._check_may_record_visa()
        archivist = self.env.user.has_group(ARCHIVES_GROUP)
        for elimination in self:
            if elimination.state != "proposed":
                raise UserError(
                    self.env._(
                        "%(list)s is not waiting for a visa.", list=elimination.name
                    )
                )
            values = {
                "visa_signatory": elimination.visa_signatory
                or (archivist and self.env.user.name),
                "visa_date": elimination.visa_date
                or (archivist and fields.Date.context_today(elimination)),
                "visa_reference": elimination.visa_reference
                or (archivist and elimination.name),
            }
            missing = [
                elimination._fields[fname].get_description(self.env)["string"]
                for fname, value in values.items()
                if not value
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The visa of %(list)s cannot be recorded without: %(fields)s.",
                        list=elimination.name,
                        fields=", ".join(missing),
                    )
                )
            elimination.write(
                dict(values, state="approved", visa_user_id=self.env.user.id)
            )
        return True

    def action_cancel(self):
        for elimination in self:
            if elimination.state == "done":
                raise UserError(
                    self.env._(
                        "%(list)s was carried out: it is kept as the proof of "
                        "the elimination.",
                        list=elimination.name,
                    )
                )
        self.write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Elimination
    # ------------------------------------------------------------------

    def action_eliminate(self):
        """Destroy now the personal data of the records of lists whose visa
        is recorded; refused otherwise."""
        self._check_may_record_visa()
        without_visa = self.filtered(
            lambda elimination: elimination.state != "approved"
        )
        if without_visa:
            raise UserError(
                self.env._(
                    "No elimination without the archives' visa: record it on "
                    "%(lists)s first.",
                    lists=", ".join(without_visa.mapped("name")),
                )
            )
        counts = self._grc_eliminate()
        self.env["grc.retention.log"]._log_run(
            dict(counts, remaining_count=0), trigger="elimination"
        )
        return True

    def _grc_eliminate(self, limit=None):
        """Anonymise the records of approved lists still to destroy (at most
        ``limit``); lists left with nothing to do are done. Return the counts."""
        engine = self.env["grc.retention.engine"]
        counts = {"request_count": 0, "interaction_count": 0}
        for elimination in self.filtered(lambda e: e.state == "approved"):
            lines = elimination.line_ids.filtered(
                lambda line: line.decision == "eliminate" and not line.eliminated
            )
            if limit is not None:
                lines = lines[: max(limit - counts["request_count"], 0)]
            result = engine._grc_eliminate_lines(lines)
            for key, value in result.items():
                counts[key] = counts.get(key, 0) + value
            if not elimination.line_ids.filtered(
                lambda line: line.decision == "eliminate" and not line.eliminated
            ):
                elimination.write(
                    {
                        "state": "done",
                        "eliminated_date": fields.Datetime.now(),
                        "eliminated_count": len(
                            elimination.line_ids.filtered("eliminated")
                        ),
                    }
                )
            if limit is not None and counts["request_count"] >= limit:
                break
        return counts


class GrcEliminationListLine(models.Model):
    """One record of an elimination list: what the list proves once the
    record is destroyed (reference, dates), never personal data."""

    _name = "grc.elimination.list.line"
    _description = "Record of an elimination list"
    _order = "list_id, closed_date, id"

    list_id = fields.Many2one(
        comodel_name="grc.elimination.list",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="list_id.company_id", store=True)
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        ondelete="set null",
        index="btree_not_null",
    )
    reference = fields.Char(readonly=True, help="Reference of the request.")
    closed_date = fields.Datetime(string="Closed on", readonly=True)
    due_date = fields.Date(
        string="Retention over on",
        readonly=True,
        help="End of the retention period of the request type.",
    )
    decision = fields.Selection(
        selection=[("eliminate", "Eliminate"), ("keep", "Keep (archives)")],
        default="eliminate",
        required=True,
        help="The archives may keep records of historical interest: those "
        "are never proposed again.",
    )
    eliminated = fields.Boolean(readonly=True)

    def write(self, vals):
        if "decision" in vals and any(
            line.list_id.state != "proposed" for line in self
        ):
            raise UserError(
                self.env._(
                    "The records kept or eliminated are decided before the visa."
                )
            )
        return super().write(vals)
