# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The entry of the GRC in the authority's register of processing activities
(RGPD article 30), generated from the configuration: nothing in it is typed
twice, so it changes as soon as a request type, a service, a retention period
or the data protection officer changes."""

import json

from odoo import api, fields, models
from odoo.exceptions import AccessError

LEGAL_BASES = [
    ("public_task", "Public task (article 6-1-e)"),
    ("legal_obligation", "Legal obligation (article 6-1-c)"),
    ("consent", "Consent (article 6-1-a)"),
    ("contract", "Contract (article 6-1-b)"),
    ("vital_interest", "Vital interests (article 6-1-d)"),
]


class GrcProcessingRegister(models.AbstractModel):
    """Builds the register entry of a company: sections of rows, the same
    structure printed (QWeb report) and exported (JSON)."""

    _name = "grc.processing.register"
    _description = "Processing register entry of the GRC"

    @api.model
    def _check_register_access(self):
        """Administrators of the GRC and the data protection officer."""
        user = self.env.user
        if self.env.su or user.has_group("grc_citoyen.group_grc_admin"):
            return
        if user in self.env.companies.grc_dpo_user_id:
            return
        raise AccessError(
            self.env._(
                "Only the GRC administrators and the data protection officer "
                "may read the processing register."
            )
        )

    @api.model
    def _grc_register(self, company):
        """The register entry of ``company``, as a dict of sections."""
        self._check_register_access()
        # sudo: the access was checked above; the register describes every
        # service, confidential ones included, whatever the reader's rules.
        company = company.sudo()
        env = company.with_company(company).env
        types = env["grc.request.type"].search(
            [("company_id", "in", [company.id, False])], order="sequence, name"
        )
        teams = env["helpdesk.ticket.team"].search(
            [("company_id", "in", [company.id, False]), ("is_direction", "=", False)],
            order="name",
        )
        return {
            "name": self.env._("Citizen relationship management (GRC)"),
            "controller": self._register_controller(company),
            "generated_at": fields.Datetime.to_string(fields.Datetime.now()),
            "purposes": self._register_purposes(company, types),
            "legal_bases": self._register_legal_bases(company, types),
            "data_categories": self._register_data_categories(company, types),
            "person_categories": self._register_person_categories(company),
            "recipients": self._register_recipients(company, teams, types),
            "retention": self._register_retention(company, types),
            "security_measures": self._register_security_measures(company, teams),
        }

    @api.model
    def _register_controller(self, company):
        dpo = company.grc_dpo_user_id
        address = ", ".join(
            part for part in (company.street, company.zip, company.city) if part
        )
        return {
            "name": company.name,
            "address": address,
            "email": company.email or "",
            "phone": company.phone or "",
            "dpo": dpo.name or "",
            "dpo_email": dpo.email or "",
        }

    @api.model
    def _type_legal_basis_label(self, request_type):
        labels = dict(
            request_type._fields["grc_legal_basis"]._description_selection(self.env)
        )
        return labels.get(request_type.grc_legal_basis, "")

    @api.model
    def _register_purposes(self, company, types):
        """One purpose a request type in use, then those of feature addons
        (a row: purpose, legal basis, detail)."""
        rows = []
        for request_type in types.filtered("active"):
            rows.append(
                {
                    "purpose": request_type.grc_register_purpose
                    or self.env._(
                        "Handle the requests: %(type)s", type=request_type.name
                    ),
                    "legal_basis": self._type_legal_basis_label(request_type),
                    "detail": request_type.team_id.name or "",
                }
            )
        # What citizens agree to (grc.consent), each its own purpose.
        consent = self.env["grc.consent"]
        labels = consent._fields["purpose"]._description_selection(self.env)
        for _purpose, label in labels:
            rows.append(
                {
                    "purpose": label,
                    "legal_basis": self.env._("Consent (article 6-1-a)"),
                    "detail": "",
                }
            )
        rows.append(
            {
                "purpose": self.env._(
                    "Statistics of the public service, on anonymised data"
                ),
                "legal_basis": self.env._("Public task (article 6-1-e)"),
                "detail": "",
            }
        )
        return rows

    @api.model
    def _register_legal_bases(self, company, types):
        return sorted(
            {row["legal_basis"] for row in self._register_purposes(company, types)}
        )

    @api.model
    def _register_data_categories(self, company, types):
        active = types.filtered("active")
        rows = [
            self.env._("Identity and contact details (name, e-mail, phone)"),
            self.env._("Content of the requests and of the exchanges"),
        ]
        if any(active.mapped("location_required")):
            rows.append(self.env._("Address or position of the request"))
        if any(active.mapped("attachments_allowed")):
            rows.append(self.env._("Documents and photographs sent by the citizen"))
        needs = self.env["grc.support.need"].sudo().search([])  # sudo: config
        if needs:
            rows.append(
                self.env._(
                    "Support needs declared by the citizen (may reveal health "
                    "data, article 9): %(needs)s",
                    needs=", ".join(needs.mapped("name")),
                )
            )
        confidential = active.filtered(
            lambda t: t.is_confidential or t.team_id.is_confidential
        )
        if confidential:
            rows.append(
                self.env._(
                    "Social situation, for the confidential request types: %(types)s",
                    types=", ".join(confidential.mapped("name")),
                )
            )
        return rows

    @api.model
    def _register_person_categories(self, company):
        return [
            self.env._("Citizens and users of the public service"),
            self.env._("Persons concerned by a request (co-reporters)"),
            self.env._("Agents of the authority handling the requests"),
        ]

    @api.model
    def _register_recipients(self, company, teams, types):
        """Per service: who reads the requests and which types it receives."""
        rows = []
        for team in teams:
            team_types = types.filtered(lambda t, team=team: t.team_id == team)
            rows.append(
                {
                    "service": team.name,
                    "agents": len(team.user_ids),
                    "manager": team.user_id.name or "",
                    "request_types": team_types.mapped("name"),
                    "confidential": team.is_confidential,
                }
            )
        return rows

    @api.model
    def _register_retention(self, company, types):
        """How long the data stay after closure, per request type, then the
        other records (complaints are added by their bridge)."""
        default = company.grc_retention_months_default
        rows = [
            {
                "item": request_type.name,
                "months": request_type.retention_months or default,
            }
            for request_type in types.filtered("active")
        ]
        rows.append(
            {
                "item": self.env._(
                    "Other requests, interactions and citizens without activity"
                ),
                "months": default,
            }
        )
        return rows

    @api.model
    def _register_security_measures(self, company, teams):
        rows = [
            self.env._(
                "Access by service: an agent reads the requests of their services only"
            ),
            self.env._(
                "Personal data anonymised automatically when their retention "
                "period has passed, each run recorded"
            ),
            self.env._(
                "Rights of access, portability and erasure exercised from the "
                "citizen's online account"
            ),
        ]
        confidential = teams.filtered("is_confidential")
        if confidential:
            rows.append(
                self.env._(
                    "Confidential services, read only by their members: %(teams)s",
                    teams=", ".join(confidential.mapped("name")),
                )
            )
        if company.grc_portal_inactivity_years:
            rows.append(
                self.env._(
                    "Online accounts unused for %(years)s years no longer keep "
                    "a citizen's data",
                    years=company.grc_portal_inactivity_years,
                )
            )
        return rows

    @api.model
    def _grc_register_print_action(self, company=None):
        """The report of the current company's register entry."""
        self._check_register_access()
        return self.env.ref(
            "grc_citoyen_privacy.action_report_processing_register"
        ).report_action(company or self.env.company)

    @api.model
    def _grc_register_export_action(self, company=None):
        """Download of the current company's register entry, in JSON."""
        self._check_register_access()
        company = company or self.env.company
        return {
            "type": "ir.actions.act_url",
            "url": f"/grc/privacy/register/{company.id}.json",
            "target": "self",
        }

    @api.model
    def _grc_register_json(self, company):
        """The register entry as a JSON document (UTF-8 bytes)."""
        return json.dumps(
            self._grc_register(company), ensure_ascii=False, indent=2
        ).encode()


class ReportProcessingRegister(models.AbstractModel):
    _name = "report.grc_citoyen_privacy.report_processing_register"
    _description = "Processing register report"

    @api.model
    def _get_report_values(self, docids, data=None):
        companies = self.env["res.company"].browse(docids)
        register = self.env["grc.processing.register"]
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "registers": {
                company.id: register._grc_register(company) for company in companies
            },
        }
