# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models


class GrcReclamationIrritant(models.Model):
    """A recurring cause: many complaints with the same reason about the same
    service within a sliding window. Raised automatically, for managers to
    treat at the root rather than complaint by complaint."""

    _name = "grc.reclamation.irritant"
    _description = "Irritant"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "last_detection_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    reason_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Reason",
        required=True,
        index=True,
        ondelete="restrict",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        required=True,
        index=True,
        ondelete="restrict",
    )
    reclamation_ids = fields.Many2many(
        comodel_name="grc.reclamation",
        relation="grc_reclamation_irritant_rel",
        column1="irritant_id",
        column2="reclamation_id",
        string="Complaints",
    )
    reclamation_count = fields.Integer(compute="_compute_reclamation_count")
    detection_date = fields.Datetime(
        string="Detected on", default=fields.Datetime.now, readonly=True
    )
    last_detection_date = fields.Datetime(
        default=fields.Datetime.now, readonly=True, index=True
    )
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("in_treatment", "In treatment"),
            ("treated", "Treated"),
        ],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Manager", tracking=True, index=True
    )
    root_cause_id = fields.Many2one(
        comodel_name="grc.reclamation.root.cause", string="Root cause", tracking=True
    )
    treatment = fields.Html(help="What is done to remove the cause at its root.")

    @api.depends("reason_id.complete_name", "team_id.name")
    def _compute_name(self):
        for irritant in self:
            irritant.name = (
                f"{irritant.reason_id.complete_name} / {irritant.team_id.name}"
            )

    @api.depends("name", "reason_id.display_name", "team_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """The stored name is in the language it was computed in."""
        for irritant in self:
            irritant.display_name = (
                f"{irritant.reason_id.display_name} / {irritant.team_id.name}"
                if irritant.reason_id and irritant.team_id
                else irritant.name
            )

    @api.depends("reclamation_ids")
    def _compute_reclamation_count(self):
        for irritant in self:
            irritant.reclamation_count = len(irritant.reclamation_ids)

    def action_start_treatment(self):
        self.write({"state": "in_treatment"})
        return True

    def action_treated(self):
        self.write({"state": "treated"})
        return True

    def action_view_reclamations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_reclamations.grc_reclamation_action"
        )
        action["domain"] = [("id", "in", self.reclamation_ids.ids)]
        return action

    @api.model
    def _cron_detect_irritants(self):
        for company in self.env["res.company"].search([]):
            self._detect(company)
        return True

    @api.model
    def _detect(self, company, now=None):
        """Raise (or feed) an irritant for every reason and service with at
        least the company's threshold of complaints received within its
        window. An irritant stays the same record until it is treated, so
        running the detection again only adds the new complaints.

        :return: the irritants created or fed with new complaints.
        """
        now = now or fields.Datetime.now()
        since = now - timedelta(days=company.reclamation_irritant_window_days)
        groups = self.env["grc.reclamation"]._read_group(
            [
                ("company_id", "=", company.id),
                ("received_date", ">=", since),
                ("received_date", "<=", now),
                ("team_ids", "!=", False),
            ],
            groupby=["reason_id", "team_ids"],
            aggregates=["__count", "id:array_agg"],
        )
        open_irritants = {
            (irritant.reason_id, irritant.team_id): irritant
            for irritant in self.search(
                [("company_id", "=", company.id), ("state", "!=", "treated")]
            )
        }
        touched = self.browse()
        for reason, team, count, ids in groups:
            if count < company.reclamation_irritant_threshold:
                continue
            irritant = open_irritants.get((reason, team))
            if not irritant:
                irritant = self._raise(company, reason, team, ids, now)
            else:
                new_ids = set(ids) - set(irritant.reclamation_ids.ids)
                if not new_ids:
                    continue
                irritant.write(
                    {
                        "reclamation_ids": [fields.Command.link(i) for i in new_ids],
                        "last_detection_date": now,
                    }
                )
                irritant.message_post(
                    body=self.env._(
                        "%(count)s new complaint(s) with the same cause.",
                        count=len(new_ids),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            touched |= irritant
        return touched

    @api.model
    def _raise(self, company, reason, team, ids, now):
        manager = team.user_id
        irritant = self.create(
            {
                "detection_date": now,
                "last_detection_date": now,
                "company_id": company.id,
                "reason_id": reason.id,
                "team_id": team.id,
                "reclamation_ids": [fields.Command.set(ids)],
                "user_id": manager.id,
            }
        )
        irritant.message_post(
            body=Markup(
                self.env._(
                    "Recurring cause detected: %(count)s complaints about "
                    "%(reason)s for %(service)s within %(days)s days."
                )
            )
            % {
                "count": len(ids),
                "reason": reason.display_name,
                "service": team.name,
                "days": company.reclamation_irritant_window_days,
            },
            subtype_xmlid="mail.mt_note",
        )
        if manager:
            irritant.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Treat this recurring cause at the root"),
                user_id=manager.id,
            )
        return irritant
