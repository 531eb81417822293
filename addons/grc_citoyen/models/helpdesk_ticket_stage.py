# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class HelpdeskTicketStage(models.Model):
    """New requests find their first stage in the registry cache
    (``helpdesk.ticket._grc_first_stage_id``): changing which stages apply to
    a service, or their order, empties it."""

    _name = "helpdesk.ticket.stage"
    _inherit = ["helpdesk.ticket.stage", "grc.registry.cache.mixin"]

    grc_state = fields.Selection(
        selection=[
            ("new", "New"),
            ("qualified", "Qualified"),
            ("in_progress", "In progress"),
            ("waiting", "Waiting for citizen"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        string="Request status",
        index=True,
        help="Step of the request life cycle this stage stands for; "
        "it defines which moves between stages are allowed.",
    )

    @api.model
    def _grc_cache_fields(self):
        # What decides the applicable stages of a service and their order.
        return {"active", "company_id", "sequence", "team_ids"}

    def _grc_translate_status_names(self, langs):
        """Name the stages still called after their status ("Resolved") with the
        status' translation, not with the one of the module that created them
        (helpdesk_mgmt's "Done": "Terminé")."""
        stages = self.with_context(active_test=False, lang="en_US").search(
            [("grc_state", "!=", False)]
        )
        labels_en = dict(self._fields["grc_state"]._description_selection(stages.env))
        stages = stages.filtered(lambda stage: stage.name == labels_en[stage.grc_state])
        for lang in langs:
            env = self.with_context(lang=lang).env
            labels = dict(self._fields["grc_state"]._description_selection(env))
            for stage in stages:
                stage.update_field_translations("name", {lang: labels[stage.grc_state]})
