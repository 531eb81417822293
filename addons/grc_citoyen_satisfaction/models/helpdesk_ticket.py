# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SATISFACTION_SURVEY = "grc_citoyen_satisfaction.survey_grc_satisfaction"


class HelpdeskTicket(models.Model):
    """Satisfaction of the citizen, asked when the request is closed."""

    _inherit = "helpdesk.ticket"

    satisfaction_score = fields.Integer(
        string="Satisfaction (0-10)",
        readonly=True,
        copy=False,
        index="btree_not_null",
        aggregator="avg",
        help="Overall satisfaction given by the citizen in the survey sent at "
        "closure, from 0 to 10. Only meaningful when the survey was answered "
        "(see Survey answered on).",
    )
    satisfaction_date = fields.Datetime(
        string="Survey answered on",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    satisfaction_resolved = fields.Selection(
        selection=[("yes", "Yes"), ("partly", "Partly"), ("no", "No")],
        string="Resolved according to the citizen",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    satisfaction_comment = fields.Text(
        string="Citizen's comment", readonly=True, copy=False
    )
    grc_survey_url = fields.Char(
        string="Satisfaction survey link",
        compute="_compute_grc_survey_url",
        help="Link of the satisfaction survey the citizen has not answered yet.",
    )

    def _grc_survey_answers(self):
        # sudo: agents and citizens may not read survey answers; only this
        # request's invitations are looked up.
        return (
            self.env["survey.user_input"]
            .sudo()
            .search([("grc_ticket_id", "in", self.ids)], order="id desc")
        )

    def _compute_grc_survey_url(self):
        answers = self._grc_survey_answers().filtered(lambda a: a.state != "done")
        pending = {}
        for answer in answers:
            pending.setdefault(answer.grc_ticket_id.id, answer)
        for ticket in self:
            answer = pending.get(ticket.id)
            ticket.grc_survey_url = answer and (
                answer.get_base_url() + answer.get_start_url()
            )

    def action_grc_open_survey(self):
        """Open the citizen's survey, to type in a questionnaire returned on paper."""
        self.ensure_one()
        if not self.grc_survey_url:
            raise UserError(
                self.env._(
                    "Request %(ref)s has no survey waiting for an answer.",
                    ref=self.number,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": self.grc_survey_url,
            "target": "new",
        }

    def _grc_on_state_change(self, old_states):
        res = super()._grc_on_state_change(old_states)
        self.filtered(
            lambda t: t.grc_state == "closed" and old_states.get(t.id) != "closed"
        )._grc_satisfaction_invite()
        return res

    def _grc_closure_invitations(self):
        invitations = super()._grc_closure_invitations()
        if self.grc_survey_url:
            invitations.append(
                {
                    "text": self.env._(
                        "Your opinion helps us improve our public services: "
                        "tell us in one minute how your request was handled."
                    ),
                    "label": self.env._("Give my opinion"),
                    "url": self.grc_survey_url,
                }
            )
        return invitations

    def _grc_satisfaction_invite(self):
        """Create the citizen's invitation to the satisfaction survey; the
        closure mail, SMS or letter gives its link. One per request: a request
        closed again after a reopening keeps its first invitation."""
        # sudo: inviting is the system's work, whoever closes the request.
        survey = self.env.ref(SATISFACTION_SURVEY, raise_if_not_found=False)
        survey = survey and survey.sudo()
        # A citizen who withdrew their consent to surveys is not invited (sudo:
        # the closing agent may not read the consents of every citizen).
        tickets = self.filtered(
            lambda ticket: ticket.partner_id
            and ticket.partner_id.sudo()._grc_accepts("survey")
        )
        if not survey or not survey.active or not tickets:
            return self.env["survey.user_input"]
        invited = tickets._grc_survey_answers().grc_ticket_id
        # sudo: the closing agent may not create survey answers; each invites a citizen.
        answers = self.env["survey.user_input"].sudo()
        for ticket in tickets - invited:
            answers |= survey._create_answer(
                partner=ticket.partner_id.sudo(),
                check_attempts=False,
                grc_ticket_id=ticket.id,
            )
        return answers

    @api.model
    def _grc_satisfaction_low_score(self):
        # sudo: only administrators read settings; citizens' answers are scored.
        params = self.env["ir.config_parameter"].sudo()
        return int(params.get_param("grc_citoyen.satisfaction_low_score", 4))

    def _grc_store_satisfaction(self, values):
        """Record the answers of the citizen; a low score offers them to file
        a complaint when a complaint form exists."""
        self.ensure_one()
        # sudo: the citizen answering may neither write on the request nor post on
        # its chatter; the system records their answers there.
        self.sudo().write(dict(values, satisfaction_date=fields.Datetime.now()))
        score = values.get("satisfaction_score")
        self.sudo().message_post(
            body=self.env._(
                "Satisfaction survey answered: %(score)s/10.",
                score=score if score is not None else "-",
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if (
            score is not None
            and score <= self._grc_satisfaction_low_score()
            and self._grc_complaint_url()
            and "email" in self._grc_contact_channels()
        ):
            template = self.env.ref(
                "grc_citoyen_satisfaction.mail_template_grc_satisfaction_low",
                raise_if_not_found=False,
            )
            if template:
                self._grc_queue_mail(template)
