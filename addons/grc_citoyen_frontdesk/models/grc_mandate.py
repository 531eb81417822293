# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcMandate(models.Model):
    """A citizen's consent for someone else to file requests on their behalf:
    an agent, a France Services adviser or a registered helper (aidant)."""

    _name = "grc.mandate"
    _description = "Mandate to file requests for a citizen"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    representative_id = fields.Many2one(
        comodel_name="res.partner",
        string="Representative",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Who files the requests: the agent, adviser or helper.",
    )
    beneficiary_id = fields.Many2one(
        comodel_name="res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("is_citizen", "=", True)],
        help="The citizen the requests are filed for.",
    )
    kind = fields.Selection(
        selection=[
            ("agent", "Agent of the authority"),
            ("france_services", "France Services adviser"),
            ("aidant", "Registered helper (aidant)"),
        ],
        required=True,
        default="aidant",
        tracking=True,
    )
    habilitation_number = fields.Char(
        tracking=True,
        help="Number of the helper's habilitation (Aidants Connect or similar); "
        "required for a registered helper.",
    )
    scope = fields.Selection(
        selection=[("all", "Every request"), ("types", "Some request types")],
        required=True,
        default="all",
        tracking=True,
    )
    request_type_ids = fields.Many2many(
        comodel_name="grc.request.type",
        string="Request types covered",
    )
    consent_given = fields.Boolean(
        string="Consent given",
        tracking=True,
        help="The citizen agreed to this mandate; without it, the mandate covers "
        "nothing.",
    )
    consent_date = fields.Date(tracking=True)
    consent_method = fields.Selection(
        selection=[
            ("signed_form", "Signed form"),
            ("oral_desk", "Orally at the desk"),
            ("email", "By e-mail"),
        ],
        string="Consent given by",
        tracking=True,
    )
    date_from = fields.Date(
        string="Valid from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_to = fields.Date(
        string="Valid until",
        tracking=True,
        help="Empty: until revoked (archived).",
    )
    active = fields.Boolean(default=True, tracking=True)
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Signed mandate",
        help="The signed form, or the e-mail in which the citizen consented.",
    )
    note = fields.Text()
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
    )
    # Record rules cannot compare dates with today (their domain is cached):
    # this flag, kept up to date on every change and by a daily cron, is what
    # the representative's access to the requests follows.
    in_force = fields.Boolean(
        string="In force",
        compute="_compute_in_force",
        store=True,
        index=True,
        help="Active, consented to, and valid today: the representative reads "
        "the requests filed under it and follows them.",
    )

    @api.depends("active", "consent_given", "date_from", "date_to")
    def _compute_in_force(self):
        today = fields.Date.context_today(self)
        for mandate in self:
            mandate.in_force = bool(
                mandate.active
                and mandate.consent_given
                and mandate.date_from
                and mandate.date_from <= today
                and (not mandate.date_to or mandate.date_to >= today)
            )

    def write(self, vals):
        result = super().write(vals)
        # Archived, revoked or cut short: the representative stops following
        # the requests at once, not at the next cron.
        self.filtered(lambda mandate: not mandate.in_force)._grc_end_access()
        return result

    def unlink(self):
        self._grc_end_access()
        return super().unlink()

    @api.model
    def _cron_grc_refresh_in_force(self):
        """Daily: mandates start and end with the calendar, not with an edit.
        The representative of a mandate that ended stops following its
        requests."""
        today = fields.Date.context_today(self)
        mandates = self.with_context(active_test=False).search(
            [
                "|",
                ("in_force", "=", True),
                "&",
                ("active", "=", True),
                ("date_from", "<=", today),
            ]
        )
        self.env.add_to_compute(self._fields["in_force"], mandates)
        mandates._recompute_recordset(["in_force"])
        mandates.filtered(lambda mandate: not mandate.in_force)._grc_end_access()

    def _grc_end_access(self):
        """Unsubscribe the representatives of mandates no longer in force from
        the requests filed under them: following would otherwise keep giving
        them the request, its messages and their notifications."""
        if not self:
            return
        # sudo: whoever ends the mandate (the front desk, the cron) may not read
        # every request it covers: the follower list is the mandate's business.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("mandate_id", "in", self.ids)])
        )
        for ticket in tickets:
            representative = ticket.mandate_id.representative_id
            if representative in ticket.message_partner_ids:
                ticket.message_unsubscribe(partner_ids=representative.ids)

    @api.depends("representative_id", "beneficiary_id")
    def _compute_display_name(self):
        for mandate in self:
            mandate.display_name = self.env._(
                "%(representative)s for %(beneficiary)s",
                representative=mandate.representative_id.name or "?",
                beneficiary=mandate.beneficiary_id.name or "?",
            )

    @api.constrains("representative_id", "beneficiary_id")
    def _check_parties(self):
        for mandate in self:
            if mandate.representative_id == mandate.beneficiary_id:
                raise ValidationError(
                    self.env._("A citizen cannot be their own representative.")
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for mandate in self:
            if mandate.date_to and mandate.date_to < mandate.date_from:
                raise ValidationError(
                    self.env._("A mandate cannot end before it starts.")
                )

    @api.constrains("consent_given", "consent_date", "consent_method")
    def _check_consent(self):
        for mandate in self:
            if mandate.consent_given and not (
                mandate.consent_date and mandate.consent_method
            ):
                raise ValidationError(
                    self.env._(
                        "Say when and how %(citizen)s gave their consent.",
                        citizen=mandate.beneficiary_id.name,
                    )
                )

    @api.constrains("kind", "habilitation_number")
    def _check_habilitation(self):
        for mandate in self:
            if (
                mandate.kind == "aidant"
                and not (mandate.habilitation_number or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Give the habilitation number of the registered helper "
                        "%(name)s.",
                        name=mandate.representative_id.name,
                    )
                )

    @api.constrains("scope", "request_type_ids")
    def _check_scope(self):
        for mandate in self:
            if mandate.scope == "types" and not mandate.request_type_ids:
                raise ValidationError(
                    self.env._("Choose the request types the mandate covers.")
                )

    @api.model
    def _grc_valid_domain(self, date=None):
        """Mandates in force on ``date`` (today by default), consent given."""
        date = date or fields.Date.context_today(self)
        return [
            ("active", "=", True),
            ("consent_given", "=", True),
            ("date_from", "<=", date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", date),
        ]

    @api.model
    def _grc_covering_domain(
        self, representative, beneficiary, request_type, date=None
    ):
        """Mandates in force letting ``representative`` file a request of
        ``request_type`` for ``beneficiary``."""
        return self._grc_valid_domain(date) + [
            ("representative_id", "=", representative.id),
            ("beneficiary_id", "=", beneficiary.id),
            "|",
            ("scope", "=", "all"),
            ("request_type_ids", "in", request_type.ids),
        ]

    @api.model
    def _grc_find_mandate(self, representative, beneficiary, request_type, date=None):
        """The mandate in force letting ``representative`` file a request of
        ``request_type`` for ``beneficiary``; an empty recordset if none.

        Read as superuser: whether a mandate exists decides what may be filed,
        whoever files it (a portal helper cannot read mandates).
        """
        if not representative or not beneficiary:
            return self.browse()
        # sudo: a portal helper may not read mandates (see above).
        return self.sudo().search(
            self._grc_covering_domain(representative, beneficiary, request_type, date),
            order="scope desc, date_from desc",
            limit=1,
        )
