# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models


class GrcReclamationAction(models.Model):
    """A corrective action decided by the analysis of a complaint, followed to
    completion: done, then checked for effectiveness."""

    _name = "grc.reclamation.action"
    _description = "Corrective action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

    name = fields.Char(string="Description", required=True, tracking=True)
    reclamation_id = fields.Many2one(
        comodel_name="grc.reclamation",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="reclamation_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        index=True,
        help="Service that carries out the action.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    date_deadline = fields.Date(
        string="Due date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=30),
    )
    state = fields.Selection(
        selection=[
            ("todo", "To do"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        tracking=True,
        index=True,
    )
    done_date = fields.Date(readonly=True, copy=False)
    effectiveness = fields.Selection(
        selection=[
            ("effective", "Effective"),
            ("partly", "Partly effective"),
            ("not_effective", "Not effective"),
        ],
        tracking=True,
        copy=False,
        help="Checked some time after the action is done: did the fault stop?",
    )
    effectiveness_note = fields.Text(string="Effectiveness check", copy=False)
    is_open = fields.Boolean(
        compute="_compute_is_open",
        store=True,
        index=True,
        help="Not finished: to do, in progress, or done without its "
        "effectiveness checked.",
    )

    @api.depends("state", "effectiveness")
    def _compute_is_open(self):
        for action in self:
            action.is_open = action.state in ("todo", "in_progress") or (
                action.state == "done" and not action.effectiveness
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("team_id") and vals.get("reclamation_id"):
                reclamation = self.env["grc.reclamation"].browse(vals["reclamation_id"])
                vals["team_id"] = reclamation.responsible_team_id.id
        actions = super().create(vals_list)
        for action in actions:
            if action.state in ("todo", "in_progress"):
                action.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=action.date_deadline,
                    summary=self.env._("Corrective action to carry out"),
                    user_id=action.user_id.id,
                )
            action.reclamation_id.message_post(
                body=Markup(
                    self.env._("Corrective action added: %(action)s (owner %(user)s).")
                )
                % {"action": action.name, "user": action.user_id.name},
                subtype_xmlid="mail.mt_note",
            )
        return actions

    def action_start(self):
        self.filtered(lambda a: a.state == "todo").write({"state": "in_progress"})
        return True

    def action_done(self):
        todo = self.filtered(lambda a: a.state in ("todo", "in_progress"))
        todo.write({"state": "done", "done_date": fields.Date.context_today(self)})
        todo.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        todo = self.filtered(lambda a: a.state in ("todo", "in_progress"))
        todo.write({"state": "cancelled"})
        todo.activity_unlink(["mail.mail_activity_data_todo"])
        return True
