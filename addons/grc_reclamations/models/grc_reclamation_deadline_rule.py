# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SEVERITIES = [
    ("low", "Low"),
    ("normal", "Normal"),
    ("high", "High"),
    ("critical", "Critical"),
]
DELAY_UNITS = [("hours", "Working hours"), ("days", "Working days")]
# When no rule applies at all (every rule archived), the usual French practice.
FALLBACK = {
    "ack_delay": 48,
    "ack_unit": "hours",
    "answer_delay": 30,
    "answer_unit": "days",
}


class GrcReclamationDeadlineRule(models.Model):
    """How long the authority has to acknowledge and to answer a complaint,
    per reason (and its sub-reasons) and/or severity. When several rules
    apply, the one giving the earliest answer wins: the citizen never waits
    longer because a rule is more general."""

    _name = "grc.reclamation.deadline.rule"
    _description = "Complaint deadline rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company", index=True, help="Empty: every authority."
    )
    reason_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Reason",
        ondelete="cascade",
        help="Applies to this reason and its sub-reasons. Empty: every reason.",
    )
    severity = fields.Selection(
        selection=SEVERITIES, help="Applies to this severity only. Empty: any."
    )
    ack_delay = fields.Float(string="Acknowledgement delay", default=48)
    ack_unit = fields.Selection(
        selection=DELAY_UNITS, string="Acknowledgement unit", default="hours"
    )
    answer_delay = fields.Float(default=30)
    answer_unit = fields.Selection(selection=DELAY_UNITS, default="days")

    @api.constrains("ack_delay", "answer_delay")
    def _check_delays(self):
        for rule in self:
            if rule.ack_delay <= 0 or rule.answer_delay <= 0:
                raise ValidationError(self.env._("Delays must be positive."))

    @api.model
    def _matching_rules(self, reason, severity, company):
        """Active rules that apply to a complaint of this reason and severity."""
        ancestor_ids = [int(x) for x in (reason.parent_path or "").split("/") if x]
        return self.search(
            [
                ("company_id", "in", [company.id, False]),
                "|",
                ("reason_id", "=", False),
                ("reason_id", "in", ancestor_ids),
                "|",
                ("severity", "=", False),
                ("severity", "=", severity or False),
            ]
        )

    @api.model
    def _apply_deadlines(self, reclamations):
        """Write the deadlines of each complaint, from its received date."""
        for rec in reclamations:
            rec.write(
                self._compute_deadlines(
                    rec.received_date,
                    rec.reason_id,
                    rec.severity,
                    rec._reclamation_calendar(),
                    rec.company_id,
                )
            )

    @api.model
    def _compute_deadlines(
        self, start, reason, severity, calendar, company, rules=None
    ):
        """Deadlines of a complaint received at ``start`` (naive UTC), counted
        in working time of ``calendar`` by the SLA engine.

        :param rules: the ``_matching_rules`` of the reason, severity and
            company when the caller already has them (the demo's bulk
            generator, for thousands of complaints)

        :return: dict with ack_deadline, answer_deadline, answer_risk_date
            and deadline_basis (how the deadlines were obtained).
        """
        engine = self.env["grc.sla.engine"]
        # The calendar's intervals are read once for all the computations.
        working = {"working_time": engine._grc_working_time(calendar, start)}
        best = None
        if rules is None:
            rules = self._matching_rules(reason, severity, company)
        for rule in rules or [None]:
            terms = FALLBACK if rule is None else rule._read_terms()
            answer = engine._add_working_time(
                start, terms["answer_delay"], terms["answer_unit"], calendar, **working
            )
            if best is None or answer < best[1]:
                best = (rule, answer, terms)
        rule, answer_deadline, terms = best
        ack_deadline = engine._add_working_time(
            start, terms["ack_delay"], terms["ack_unit"], calendar, **working
        )
        risk_date = engine._grc_at_risk_date(
            start,
            answer_deadline,
            company.reclamation_at_risk_ratio,
            calendar,
            **working,
        )
        units = dict(self._fields["answer_unit"]._description_selection(self.env))
        basis = self.env._(
            "%(rule)s: acknowledgement within %(ack)s %(ack_unit)s, answer within "
            "%(answer)s %(answer_unit)s (%(calendar)s)",
            rule=rule.name if rule else self.env._("Default"),
            ack=f"{terms['ack_delay']:g}",
            ack_unit=units[terms["ack_unit"]].lower(),
            answer=f"{terms['answer_delay']:g}",
            answer_unit=units[terms["answer_unit"]].lower(),
            calendar=calendar.name or self.env._("no calendar"),
        )
        return {
            "ack_deadline": ack_deadline,
            "answer_deadline": answer_deadline,
            "answer_risk_date": risk_date,
            "deadline_basis": basis,
        }

    def _read_terms(self):
        self.ensure_one()
        return {
            "ack_delay": self.ack_delay,
            "ack_unit": self.ack_unit,
            "answer_delay": self.answer_delay,
            "answer_unit": self.answer_unit,
        }
