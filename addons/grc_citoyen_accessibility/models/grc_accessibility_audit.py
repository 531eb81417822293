# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Accessibility audits of the citizen portal, whose results the statement
(/accessibilite) is generated from: the manual audit against the RGAA
criteria gives the compliance rate and the status; the automated run of
axe-core (its JSON results imported) gives the pages checked and the
violations found by tools."""

import base64
import binascii
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

# RGAA 4.1 method: a criterion is met when it is met on every page of the
# sample where it applies; the rate is met criteria / applicable criteria.
# "Fully compliant": every criterion met; "partially": at least half.
FULL_RATE = 100.0
PARTIAL_RATE = 50.0
IMPACTS = [
    ("critical", "Critical"),
    ("serious", "Serious"),
    ("moderate", "Moderate"),
    ("minor", "Minor"),
]


def compliance_status(rate):
    """The status the law asks for, from the RGAA compliance rate."""
    if rate is None:
        return "none"
    if rate >= FULL_RATE:
        return "full"
    if rate >= PARTIAL_RATE:
        return "partial"
    return "none"


class GrcAccessibilityAudit(models.Model):
    _name = "grc.accessibility.audit"
    _description = "Accessibility audit of the citizen portal"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        selection=[
            ("manual", "Audit against the RGAA criteria"),
            ("automated", "Automated check (axe-core)"),
        ],
        required=True,
        default="manual",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    auditor = fields.Char(
        help="Who carried out the audit (the authority itself or an external "
        "firm), or the tool and its version for an automated check."
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        readonly=True,
    )
    result_ids = fields.One2many(
        comodel_name="grc.accessibility.audit.result",
        inverse_name="audit_id",
        string="Results",
    )
    compliant_count = fields.Integer(
        string="Criteria met", compute="_compute_rate", store=True
    )
    non_compliant_count = fields.Integer(
        string="Criteria not met", compute="_compute_rate", store=True
    )
    not_applicable_count = fields.Integer(
        string="Criteria not applicable", compute="_compute_rate", store=True
    )
    rate = fields.Float(
        string="Compliance rate (%)",
        digits=(5, 1),
        compute="_compute_rate",
        store=True,
        help="Criteria met / applicable criteria, a criterion being met only "
        "when met on every page of the sample (RGAA method).",
    )
    status = fields.Selection(
        selection=[
            ("none", "Not compliant"),
            ("partial", "Partially compliant"),
            ("full", "Fully compliant"),
        ],
        compute="_compute_rate",
        store=True,
    )
    axe_file = fields.Binary(
        string="axe-core results (JSON)",
        attachment=False,
        help="The JSON results of axe-core (one result or a list, one per "
        "page), as saved by axe's command line or the test suite.",
    )

    @api.depends("kind", "result_ids.status", "result_ids.criterion")
    def _compute_rate(self):
        for audit in self:
            criteria = audit._grc_criteria_status() if audit.kind == "manual" else {}
            statuses = list(criteria.values())
            met = statuses.count("compliant")
            not_met = statuses.count("non_compliant")
            audit.compliant_count = met
            audit.non_compliant_count = not_met
            audit.not_applicable_count = statuses.count("not_applicable")
            rate = round(100.0 * met / (met + not_met), 1) if met + not_met else None
            audit.rate = rate or 0.0
            audit.status = compliance_status(rate) if audit.kind == "manual" else False

    def _grc_criteria_status(self):
        """{criterion: status} over the pages of the sample."""
        self.ensure_one()
        criteria = {}
        for result in self.result_ids.filtered("criterion"):
            previous = criteria.get(result.criterion)
            if previous == "non_compliant" or result.status == "non_compliant":
                criteria[result.criterion] = "non_compliant"
            elif previous == "compliant" or result.status == "compliant":
                criteria[result.criterion] = "compliant"
            else:
                criteria[result.criterion] = result.status
        return criteria

    # ------------------------------------------------------------------
    # axe-core results
    # ------------------------------------------------------------------

    def action_import_axe(self):
        """Read the axe-core results file into the audit's results."""
        for audit in self:
            if not audit.axe_file:
                raise UserError(self.env._("Choose the axe-core results file first."))
            try:
                data = json.loads(base64.b64decode(audit.axe_file))
            except (ValueError, binascii.Error) as error:
                raise UserError(
                    self.env._(
                        "This file is not axe-core JSON results: %(error)s",
                        error=error,
                    )
                ) from error
            audit._grc_import_axe(data)
            audit.axe_file = False
        return True

    def _grc_import_axe(self, data):
        """Replace the results of this automated audit by those of ``data``
        (axe-core's ``axe.run`` output, or a list of them)."""
        self.ensure_one()
        runs = data if isinstance(data, list) else [data]
        values = []
        version = None
        for run in runs:
            if not isinstance(run, dict) or "violations" not in run:
                raise UserError(
                    self.env._(
                        "This file is not axe-core JSON results: each page "
                        "must have its 'url' and 'violations'."
                    )
                )
            version = version or (run.get("testEngine") or {}).get("version")
            page = self._grc_page_path(run.get("url") or "")
            values.append({"page": page, "status": "compliant", "rule": False})
            for violation in run["violations"]:
                values.append(
                    {
                        "page": page,
                        "rule": str(violation.get("id") or "")[:100],
                        "impact": violation.get("impact")
                        if violation.get("impact") in dict(IMPACTS)
                        else False,
                        "description": str(violation.get("help") or "")[:500],
                        "node_count": len(violation.get("nodes") or []),
                        "status": "non_compliant",
                    }
                )
        self.write(
            {
                "kind": "automated",
                "auditor": self.auditor
                or (version and f"axe-core {version}")
                or "axe-core",
                "result_ids": [fields.Command.clear()]
                + [fields.Command.create(value) for value in values],
            }
        )

    @api.model
    def _grc_page_path(self, url):
        """The path of a page (the statement lists paths, not hosts)."""
        path = url.split("?")[0].split("#")[0]
        if "://" in path:
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        return path[:300] or "/"

    # ------------------------------------------------------------------
    # Publication
    # ------------------------------------------------------------------

    def action_publish(self):
        """The audit becomes what the statement says; a manual audit sets
        the company's status, rate, date and auditor."""
        for audit in self:
            if not audit.result_ids:
                raise UserError(
                    self.env._(
                        "%(audit)s has no result: it cannot be published.",
                        audit=audit.name,
                    )
                )
            if audit.kind == "manual":
                if not audit.compliant_count + audit.non_compliant_count:
                    raise UserError(
                        self.env._(
                            "%(audit)s has no applicable criterion: its rate "
                            "cannot be computed.",
                            audit=audit.name,
                        )
                    )
                audit.company_id.write(
                    {
                        "grc_accessibility_status": audit.status,
                        "grc_accessibility_rate": audit.rate,
                        "grc_accessibility_date": audit.date,
                        "grc_accessibility_auditor": audit.auditor,
                    }
                )
        self.write({"state": "published"})
        return True

    def action_back_to_draft(self):
        self.write({"state": "draft"})
        return True

    @api.model
    def _grc_latest(self, company, kind):
        """The latest published audit of ``kind`` of ``company``."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("kind", "=", kind),
                ("state", "=", "published"),
            ],
            limit=1,
        )

    @api.model
    def _grc_statement_values(self, company):
        """What the statement shows of the latest audits: the criteria not
        met (manual audit), the violations found by tools and the pages they
        covered (automated check)."""
        manual = self._grc_latest(company, "manual")
        automated = self._grc_latest(company, "automated")
        failed = []
        if manual:
            criteria = manual._grc_criteria_status()
            for criterion in sorted(
                (c for c, status in criteria.items() if status == "non_compliant"),
                key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")],
            ):
                results = manual.result_ids.filtered(
                    lambda r, c=criterion: r.criterion == c
                    and r.status == "non_compliant"
                )
                failed.append(
                    {
                        "criterion": criterion,
                        "description": "; ".join(
                            d for d in results.mapped("description") if d
                        ),
                        "pages": sorted({r.page for r in results if r.page}),
                    }
                )
        violations = {}
        for result in automated.result_ids.filtered("rule"):
            entry = violations.setdefault(
                result.rule,
                {
                    "rule": result.rule,
                    "impact": result.impact,
                    "description": result.description,
                    "pages": set(),
                },
            )
            entry["pages"].add(result.page)
        order = {impact: index for index, (impact, _label) in enumerate(IMPACTS)}
        return {
            "manual_audit": manual,
            "automated_audit": automated,
            "failed_criteria": failed,
            "violations": sorted(
                (dict(v, pages=sorted(v["pages"])) for v in violations.values()),
                key=lambda v: (order.get(v["impact"], 9), v["rule"]),
            ),
            "automated_pages": sorted(set(automated.result_ids.mapped("page"))),
        }


class GrcAccessibilityAuditResult(models.Model):
    _name = "grc.accessibility.audit.result"
    _description = "Result of an accessibility audit"
    _order = "audit_id, criterion, page, id"

    audit_id = fields.Many2one(
        comodel_name="grc.accessibility.audit",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="audit_id.company_id", store=True)
    criterion = fields.Char(
        string="RGAA criterion",
        help="Number of the RGAA 4.1 criterion (for example 3.2), for a "
        "manual audit.",
    )
    rule = fields.Char(string="axe-core rule", help="For an automated check.")
    page = fields.Char(help="Path of the page checked, for example /demarches.")
    status = fields.Selection(
        selection=[
            ("compliant", "Met"),
            ("non_compliant", "Not met"),
            ("not_applicable", "Not applicable"),
        ],
        required=True,
        default="compliant",
    )
    impact = fields.Selection(selection=IMPACTS)
    description = fields.Char(help="What fails, as the statement shows it.")
    node_count = fields.Integer(string="Elements at fault")

    _sql_constraints = [
        (
            "grc_criterion_or_rule",
            "CHECK(criterion IS NOT NULL OR rule IS NOT NULL OR page IS NOT NULL)",
            "A result is about a criterion, a rule or a page.",
        ),
    ]
