# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Row ids: the source's id times this, plus the source's rank (unique per
# source, stable while the records live).
ID_FACTOR = 16


class GrcCitizenTimeline(models.Model):
    """One chronological list per citizen across channels: requests,
    contacts at the desk and on the phone, messages exchanged on requests,
    and what feature addons add (``_grc_timeline_sources``). A SQL view
    over the records themselves: nothing is copied. Each row carries the
    confidentiality of what it is about, and the record rules keep a
    confidential service's rows within it, as for the records."""

    _name = "grc.citizen.timeline"
    _description = "Citizen timeline"
    _auto = False
    # Flushed before the timeline is read: what was just written shows.
    _depends = {
        "helpdesk.ticket": [
            "partner_id",
            "received_date",
            "channel_id",
            "number",
            "name",
            "team_id",
            "is_confidential",
            "company_id",
        ],
        "grc.interaction": [
            "partner_id",
            "date",
            "channel_id",
            "name",
            "ticket_id",
            "team_id",
            "is_confidential",
            "company_id",
        ],
        "mail.message": [
            "model",
            "res_id",
            "author_id",
            "date",
            "message_type",
            "subject",
            "subtype_id",
        ],
    }
    _order = "date desc, id desc"
    _rec_name = "name"

    partner_id = fields.Many2one("res.partner", string="Citizen", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        selection=[
            ("request", "Request"),
            ("contact", "Contact"),
            ("message_in", "Message from the citizen"),
            ("message_out", "Message to the citizen"),
        ],
        readonly=True,
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel", string="Channel", readonly=True
    )
    name = fields.Char(string="What", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Service", readonly=True)
    is_confidential = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )

    @api.model
    def _grc_timeline_sources(self):
        """The SELECTs of the view, each giving the columns: id, partner_id,
        date, kind, channel_id, name, ticket_id, team_id, is_confidential,
        company_id, res_model, res_id. Addons add theirs (with their own
        rank in the id: see ``ID_FACTOR``)."""
        web = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_web", raise_if_not_found=False
        )
        email = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
        )
        return [
            f"""
            SELECT t.id * {ID_FACTOR} + 1 AS id, t.partner_id,
                   t.received_date AS date, 'request' AS kind, t.channel_id,
                   concat_ws(' ', t.number, t.name) AS name, t.id AS ticket_id,
                   t.team_id, t.is_confidential, t.company_id,
                   'helpdesk.ticket' AS res_model, t.id AS res_id
              FROM helpdesk_ticket t
             WHERE t.partner_id IS NOT NULL
            """,
            f"""
            SELECT i.id * {ID_FACTOR} + 2, i.partner_id, i.date, 'contact',
                   i.channel_id, i.name, i.ticket_id,
                   COALESCE(i.team_id, it.team_id), i.is_confidential,
                   i.company_id, 'grc.interaction', i.id
              FROM grc_interaction i
              LEFT JOIN helpdesk_ticket it ON it.id = i.ticket_id
            """,
            # Messages the citizen and the services exchanged on requests
            # (internal notes are not exchanges).
            f"""
            SELECT m.id * {ID_FACTOR} + 3, t.partner_id, m.date,
                   CASE WHEN m.author_id = t.partner_id
                        THEN 'message_in' ELSE 'message_out' END,
                   CASE WHEN m.message_type = 'email'
                        THEN {email.id if email else "NULL"}
                        ELSE {web.id if web else "NULL"} END,
                   left(COALESCE(NULLIF(m.subject, ''), t.name), 200),
                   t.id, t.team_id, t.is_confidential, t.company_id,
                   'helpdesk.ticket', t.id
              FROM mail_message m
              JOIN helpdesk_ticket t
                ON m.model = 'helpdesk.ticket' AND t.id = m.res_id
              LEFT JOIN mail_message_subtype st ON st.id = m.subtype_id
             WHERE m.message_type IN ('comment', 'email')
               AND t.partner_id IS NOT NULL
               AND COALESCE(st.internal, FALSE) = FALSE
            """,
        ]

    @property
    def _table_query(self):
        # Read through at each search (no view to keep in step with the
        # addons installed): the sources' tables are small per citizen and
        # indexed on the citizen.
        return "\nUNION ALL\n".join(self._grc_timeline_sources())

    def action_grc_open(self):
        """The record the line is about, with its own access rules."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
