# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.grc_citoyen.models.res_partner import FINISHED_REQUEST_STATES


class GrcErasureRequest(models.Model):
    """A citizen asks for their personal data to be erased (RGPD art. 17).

    The data protection officer decides: the erasure runs through the same
    anonymisation engine as the retention periods, or is refused with its
    grounds (a legal obligation to keep the data, open requests...). Both are
    recorded here and shown to the citizen on their privacy page.
    """

    _name = "grc.erasure.request"
    _description = "Personal data erasure request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_citizen", "=", True)],
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Asked from the account",
        readonly=True,
        help="Online account the request was filed from, if any.",
    )
    request_date = fields.Datetime(
        string="Asked on", required=True, default=fields.Datetime.now, index=True
    )
    reason = fields.Text(
        string="Citizen's message", help="What the citizen wrote with the request."
    )
    state = fields.Selection(
        selection=[
            ("new", "To review"),
            ("done", "Data erased"),
            ("refused", "Refused"),
        ],
        string="Status",
        default="new",
        required=True,
        index=True,
        tracking=True,
    )
    decision_note = fields.Text(
        string="Grounds of the decision",
        tracking=True,
        help="Told to the citizen. Required to refuse; when erasing, say which "
        "data are kept and the legal obligation that requires it, if any.",
    )
    decision_date = fields.Datetime(readonly=True, copy=False)
    decision_user_id = fields.Many2one(
        comodel_name="res.users", string="Decided by", readonly=True, copy=False
    )
    open_request_count = fields.Integer(
        string="Open requests", compute="_compute_open_request_count"
    )
    request_count = fields.Integer(
        string="Requests anonymised", readonly=True, copy=False
    )
    interaction_count = fields.Integer(
        string="Interactions anonymised", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )

    @api.depends("partner_id")
    def _compute_open_request_count(self):
        counts = {}
        if self.partner_id:
            # sudo: the citizen (privacy page) or the admin may not read every
            # open request of the citizen; only their number is shown.
            counts = dict(
                self.env["helpdesk.ticket"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", self.partner_id.ids),
                        "|",
                        ("grc_state", "=", False),
                        ("grc_state", "not in", FINISHED_REQUEST_STATES),
                    ],
                    groupby=["partner_id"],
                    aggregates=["__count"],
                )
            )
        for erasure in self:
            erasure.open_request_count = counts.get(erasure.partner_id, 0)

    @api.depends("partner_id", "request_date")
    def _compute_display_name(self):
        for erasure in self:
            erasure.display_name = self.env._(
                "Erasure request #%(id)s", id=erasure.id or "-"
            )

    @api.model_create_multi
    def create(self, vals_list):
        erasures = super().create(vals_list)
        for erasure in erasures:
            erasure.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Review the erasure request"),
                note=self.env._(
                    "A citizen asks for their personal data to be erased: "
                    "erase them or refuse with the grounds (answer within a "
                    "month)."
                ),
                user_id=erasure._grc_dpo_user().id,
            )
        return erasures

    def _grc_dpo_user(self):
        """Who reviews erasure requests: the company's data protection
        officer, or else the first GRC administrator."""
        self.ensure_one()
        if self.company_id.grc_dpo_user_id:
            return self.company_id.grc_dpo_user_id
        # sudo: a citizen filing from the portal may not read groups nor users.
        admins = self.env.ref("grc_citoyen.group_grc_admin").sudo().users
        admins = admins.filtered(
            lambda user: user.active and not user.share and not user._is_superuser()
        )
        return admins.sorted("id")[:1] or self.env.user

    @api.model
    def _grc_portal_request(self, user, reason=None):
        """Erasure request filed by ``user`` from the portal; a pending one is
        returned instead of filing it twice."""
        partner = user.partner_id
        # sudo: citizens may not file erasure requests themselves (read only);
        # this one is for their own partner, their pending one is reused.
        pending = self.sudo().search(
            [("partner_id", "=", partner.id), ("state", "=", "new")], limit=1
        )
        if pending:
            return pending
        return self.sudo().create(  # sudo: as above
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "reason": (reason or "").strip()[:5000] or False,
                "company_id": user.company_id.id,
            }
        )

    def _check_pending(self):
        decided = self.filtered(lambda erasure: erasure.state != "new")
        if decided:
            raise UserError(
                self.env._(
                    "%(name)s has already been decided.",
                    name=decided[0].display_name,
                )
            )

    def _grc_record_decision(self, state, values=None):
        self.write(
            dict(
                values or {},
                state=state,
                decision_date=fields.Datetime.now(),
                decision_user_id=self.env.user.id,
            )
        )
        # sudo: the review activity may be another officer's, which the decider
        # cannot mark done.
        self.sudo().activity_ids.action_feedback(
            feedback=dict(self._fields["state"]._description_selection(self.env))[state]
        )

    def action_execute(self):
        """Erase the citizen's data now, whatever the retention periods;
        refused while one of their requests is open."""
        # The engine works as superuser: only who may decide gets this far
        # (a citizen can call this method on their own request by RPC).
        self.check_access("write")
        self._check_pending()
        engine = self.env["grc.retention.engine"]
        for erasure in self:
            engine._check_erasure(erasure.partner_id)
            # Told before the e-mail address goes away with the rest.
            erasure._grc_send_decision_mail(
                self.env._(
                    "Your personal data have been erased: your requests are "
                    "kept without anything that identifies you, for "
                    "statistics only."
                )
            )
            counts = engine._erase_citizen(erasure.partner_id)
            self.env["grc.retention.log"]._log_run(
                counts, trigger="erasure", erasure_request=erasure
            )
            erasure._grc_record_decision(
                "done",
                {
                    "request_count": counts["request_count"],
                    "interaction_count": counts["interaction_count"],
                },
            )
        return True

    def action_refuse(self):
        """Refuse the erasure, with its grounds told to the citizen."""
        self.check_access("write")
        self._check_pending()
        missing = self.filtered(
            lambda erasure: not (erasure.decision_note or "").strip()
        )
        if missing:
            raise UserError(
                self.env._(
                    "Give the grounds of the refusal of %(name)s (a legal "
                    "obligation to keep the data, for example): the citizen "
                    "is told about them.",
                    name=missing[0].display_name,
                )
            )
        for erasure in self:
            erasure._grc_send_decision_mail(
                self.env._("Your request to erase your personal data is refused.")
            )
        self._grc_record_decision("refused")
        return True

    def _grc_send_decision_mail(self, decision):
        """Tell the citizen; the address is given as is so that the mail
        still leaves once the citizen's record is anonymised."""
        self.ensure_one()
        email = self.partner_id.email
        if not email:
            return self.env["mail.mail"]
        body = Markup("<p>%s</p>") % decision
        if self.decision_note:
            body += plaintext2html(self.decision_note)
        # sudo: only system administrators may create mail.mail records.
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": self.env._("Your request to erase your personal data"),
                    "email_to": email,
                    "email_from": self.company_id.email_formatted
                    or self.env.user.email_formatted
                    or False,
                    "body_html": body,
                    "auto_delete": True,
                }
            )
        )
