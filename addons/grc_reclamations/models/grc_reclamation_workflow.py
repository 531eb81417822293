# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .grc_reclamation_stage import (
    RECLAMATION_STATES,
    RECLAMATION_TRANSITIONS,
    STOPPED_STATES,
)

OFFICER_GROUP = "grc_reclamations.group_reclamation_officer"


class GrcReclamationWorkflow(models.AbstractModel):
    """The life cycle of a complaint: the defined path between stages, what
    each stage requires, and what entering it does (acknowledgement, answer
    date that stops the clock, mails to the citizen)."""

    _name = "grc.reclamation.workflow"
    _description = "Complaint life cycle"

    def write(self, vals):
        target = None
        if vals.get("stage_id"):
            target = self.env["grc.reclamation.stage"].browse(vals["stage_id"]).state
            self._check_transition(target)
        res = super().write(vals)
        if target:
            self._check_state_requirements(target)
            self._on_enter_state(target)
        return res

    def _check_transition(self, target):
        """Only complaints officers move complaints, along the defined path."""
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._(
                    "Only complaints officers can change the stage of a complaint."
                )
            )
        labels = dict(RECLAMATION_STATES)
        for rec in self:
            if rec.state != target and target not in RECLAMATION_TRANSITIONS.get(
                rec.state, ()
            ):
                raise UserError(
                    self.env._(
                        "Complaint %(ref)s cannot go from %(from)s to %(to)s.",
                        ref=rec.name,
                        **{"from": labels.get(rec.state), "to": labels[target]},
                    )
                )

    def _check_state_requirements(self, target):
        for rec in self:
            if (
                target == "not_admissible"
                and not (rec.inadmissible_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Say why complaint %(ref)s is not admissible.", ref=rec.name
                    )
                )
            if target == "drafted" and not rec.justification:
                raise UserError(
                    self.env._(
                        "Conclude the analysis of %(ref)s (justified or not) "
                        "before drafting the answer.",
                        ref=rec.name,
                    )
                )
            if target in ("drafted", "answered") and is_html_empty(rec.answer_body):
                raise UserError(
                    self.env._("Write the answer of %(ref)s first.", ref=rec.name)
                )
            if target == "closed" and rec.open_action_count:
                raise UserError(
                    self.env._(
                        "Complaint %(ref)s still has open corrective actions: "
                        "follow them to completion (or cancel them) before closing.",
                        ref=rec.name,
                    )
                )

    def _on_enter_state(self, target):
        now = fields.Datetime.now()
        self.filtered(lambda r: not r.ack_date and target != "received").write(
            {"ack_date": now}
        )
        if target == "closed":
            self.filtered(lambda r: not r.closed_date).write({"closed_date": now})
        if target in ("not_admissible", "answered"):
            # The answer (or the notice of inadmissibility) stops the clock.
            self.filtered(lambda r: not r.answer_date).write({"answer_date": now})
            self.filtered(lambda r: not r.signatory_id).write(
                {"signatory_id": self.env.company.reclamation_signatory_id.id}
            )
        if target == "not_admissible" and not self.env.context.get(
            "grc_reclamation_no_mail"
        ):
            self._post_template(
                "grc_reclamations.mail_template_reclamation_inadmissible"
            )
        self._refresh_deadline_status()

    def _set_state(self, state):
        stage = self.env["grc.reclamation.stage"].search(
            [("state", "=", state)], limit=1
        )
        if not stage:
            raise UserError(self.env._("No stage stands for this status."))
        self.write({"stage_id": stage.id})
        return True

    def action_admissible(self):
        return self._set_state("admissible")

    def action_not_admissible(self):
        return self._set_state("not_admissible")

    def action_start_analysis(self):
        return self._set_state("analysis")

    def action_draft_answer(self):
        return self._set_state("drafted")

    def action_answered_by_post(self):
        """The letter was printed and posted: the answer date is today."""
        return self._set_state("answered")

    def action_close(self):
        return self._set_state("closed")

    def action_acknowledge(self):
        self.filtered(lambda r: not r.ack_date).write(
            {"ack_date": fields.Datetime.now()}
        )
        self._refresh_deadline_status()
        return True

    def action_send_answer(self):
        """Open the mail composer with the answer letter attached; sending it
        marks the complaint answered."""
        self.ensure_one()
        self._check_state_requirements("answered")
        template = self.env.ref("grc_reclamations.mail_template_reclamation_answer")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "mark_reclamation_answered": True,
            },
        }

    def action_print_answer(self):
        self.ensure_one()
        return self.env.ref(
            "grc_reclamations.action_report_reclamation_answer"
        ).report_action(self)

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if self.env.context.get("mark_reclamation_answered"):
            self.filtered(lambda r: r.state == "drafted")._set_state("answered")
        return message

    def _post_template(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        for rec in self.filtered("partner_id.email"):
            rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _send_acknowledgement(self):
        """Acknowledge by mail what arrived with an address; the mail is
        queued with the transaction (a failing mail server loses nothing)."""
        to_ack = self.filtered(lambda r: r.partner_id.email and r.state == "received")
        to_ack._post_template("grc_reclamations.mail_template_reclamation_ack")
        to_ack.write({"ack_date": fields.Datetime.now()})
        to_ack._refresh_deadline_status()

    def _grc_record_satisfaction(self, satisfaction, feedback=None):
        """The citizen says whether the answer satisfied them (from the portal)."""
        self.ensure_one()
        if self.state not in STOPPED_STATES:
            raise UserError(self.env._("This complaint has not been answered yet."))
        if satisfaction not in ("satisfied", "not_satisfied"):
            raise UserError(self.env._("Say whether the answer satisfied you."))
        feedback = (feedback or "").strip()[:2000]
        self.write({"citizen_satisfaction": satisfaction, "citizen_feedback": feedback})
        labels = dict(
            self._fields["citizen_satisfaction"]._description_selection(self.env)
        )
        body = self.env._(
            "Opinion on the answer: %(opinion)s.", opinion=labels[satisfaction]
        )
        if feedback:
            body = Markup("%s<br/>%s") % (body, feedback)
        self.message_post(
            body=body,
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        officer = self.user_id or self.company_id.reclamation_officer_id
        if satisfaction == "not_satisfied" and officer:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("The citizen is not satisfied with the answer"),
                user_id=officer.id,
            )
        return True
