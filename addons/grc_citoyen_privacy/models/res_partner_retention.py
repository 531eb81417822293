# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import re
import zipfile

from odoo import Command, api, fields, models
from odoo.tools import html2plaintext


def _text(html):
    return html2plaintext(html or "").strip()


def _date(value):
    return fields.Datetime.to_string(value) if value else None


class ResPartner(models.Model):
    """Retention of citizens: anonymised once nothing of theirs is kept any
    more, and what they may take away with them (right of access)."""

    _inherit = "res.partner"

    grc_anonymised_date = fields.Datetime(
        string="Anonymised on",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The citizen's identity and contact details were removed on this "
        "date; their requests stay in the statistics.",
    )

    @api.model
    def _grc_anonymised_values(self):
        """Values written over the identity of anonymised citizens.

        Postal code, city and country are kept, as on requests: statistics
        per territory stay true without pointing at anyone.
        """
        return {
            "email": False,
            "phone": False,
            "mobile": False,
            "street": False,
            "street2": False,
            "birthdate": False,
            "support_need_ids": [Command.clear()],
            "support_note": False,
            "comment": False,
            "function": False,
            "title": False,
            "website": False,
            "ref": False,
            "vat": False,
            "image_1920": False,
            "citizen_number": False,
            "consent_email": False,
            "consent_sms": False,
            "grc_consent_news": False,
            "grc_consent_survey": False,
            "consent_post": False,
            "active": False,
        }

    @api.model
    def _grc_anonymised_name_prefix(self):
        """Anonymised citizens are named this, followed by their id."""
        return self.env._("Citizen anonymised #")

    # ------------------------------------------------------------------
    # Right of access: what a citizen downloads from their privacy page
    # ------------------------------------------------------------------

    def _grc_export_requests(self):
        """The citizen's requests as they see them on the portal: searched
        with the citizen's own rights, without internal notes, internal
        messages nor files of internal notes."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        tickets = self.env["helpdesk.ticket"].search(
            [("partner_id", "child_of", commercial.ids)], order="received_date, id"
        )
        requests, files = [], []
        # sudo: found with the citizen's rights; their timeline and files are
        # not readable by a portal user.
        for ticket in tickets.sudo():
            messages = [
                {
                    "date": _date(event["message"].date),
                    "author": event["message"].author_id.name
                    or event["message"].email_from
                    or None,
                    "from_you": event["from_citizen"],
                    "body": _text(event["message"].body),
                }
                for event in ticket._grc_portal_timeline()
                if event["kind"] == "message"
            ]
            attachments = []
            for attachment in ticket._grc_portal_attachments():
                name = re.sub(r"[^\w.\-]+", "_", attachment.name or "file")
                path = f"attachments/{ticket.number}/{attachment.id}-{name}"
                attachments.append({"name": attachment.name, "file": path})
                files.append((path, attachment.raw or b""))
            requests.append(
                {
                    "reference": ticket.number,
                    "subject": ticket.name,
                    "type": ticket.request_type_id.name or None,
                    "service": ticket.team_id.name or None,
                    "channel": ticket.channel_id.name or None,
                    "status": ticket.stage_id.name or None,
                    "received_on": _date(ticket.received_date),
                    "first_answer_on": _date(ticket.first_response_date),
                    "resolved_on": _date(ticket.resolution_date),
                    "closed_on": _date(ticket.closure_date),
                    "anonymised_on": _date(ticket.grc_anonymised_date),
                    "description": _text(ticket.description),
                    "resolution": _text(ticket.grc_resolution) or None,
                    "location": {
                        "street": ticket.location_street or None,
                        "postal_code": ticket.location_zip or None,
                        "city": ticket.location_city or None,
                        "district": ticket.location_district or None,
                        "latitude": ticket.location_latitude or None,
                        "longitude": ticket.location_longitude or None,
                    },
                    "messages": messages,
                    "attachments": attachments,
                }
            )
        return requests, files

    def _grc_export_interactions(self):
        """Contacts with the services: what was asked and answered; the
        agents' chatter on them is internal and left out."""
        self.ensure_one()
        # sudo: citizens may not read interactions; only their own are listed.
        interactions = (
            self.env["grc.interaction"]
            .sudo()
            .search([("partner_id", "=", self.id)], order="date, id")
        )
        return [
            {
                "date": _date(interaction.date),
                "subject": interaction.name,
                "channel": interaction.channel_id.name or None,
                "service": interaction.team_id.name or None,
                "answer_given": interaction.notes or None,
                "request": interaction.ticket_id.number or None,
            }
            for interaction in interactions
        ]

    def _grc_export_profile(self):
        self.ensure_one()
        # sudo: a portal user may not read support needs; this is their own record.
        partner = self.sudo()
        channels = dict(
            partner._fields["preferred_channel"]._description_selection(self.env)
        )
        return {
            "name": partner.name,
            "citizen_number": partner.citizen_number or None,
            "email": partner.email or None,
            "phone": partner.phone or None,
            "mobile": partner.mobile or None,
            "street": partner.street or None,
            "street2": partner.street2 or None,
            "postal_code": partner.zip or None,
            "city": partner.city or None,
            "country": partner.country_id.name or None,
            "date_of_birth": fields.Date.to_string(partner.birthdate)
            if partner.birthdate
            else None,
            "preferred_channel": channels.get(partner.preferred_channel),
            "agrees_to_emails": partner.consent_email,
            "agrees_to_sms": partner.consent_sms,
            "agrees_to_letters": partner.consent_post,
            "support_needs": partner.support_need_ids.mapped("name"),
        }

    def _grc_personal_data_export(self):
        """Everything the citizen may see of their data, and the files, as
        ``(data, [(path, bytes)])``; run it with the citizen's rights."""
        self.ensure_one()
        requests, files = self._grc_export_requests()
        # sudo: their erasure requests whatever the company that recorded them.
        erasures = (
            self.env["grc.erasure.request"]
            .sudo()
            .search([("partner_id", "=", self.id)])
        )
        states = dict(erasures._fields["state"]._description_selection(self.env))
        data = {
            "generated_on": _date(fields.Datetime.now()),
            "profile": self._grc_export_profile(),
            "requests": requests,
            "interactions": self._grc_export_interactions(),
            **self.env["grc.retention.engine"]._export_citizen_records(self, files),
            # sudo: the citizen reads their own consents (rule), whatever the
            # company that recorded them.
            "consents": self.env["grc.consent"]
            .sudo()
            .search([("partner_id", "=", self.id)])
            ._grc_proof(),
            "erasure_requests": [
                {
                    "asked_on": _date(erasure.request_date),
                    "status": states[erasure.state],
                    "decided_on": _date(erasure.decision_date),
                    "grounds": erasure.decision_note or None,
                }
                for erasure in erasures
            ],
        }
        return data, files

    def _grc_personal_data_archive(self):
        """ZIP of ``my_data.json`` and the files of the citizen's requests."""
        data, files = self._grc_personal_data_export()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "my_data.json", json.dumps(data, ensure_ascii=False, indent=2)
            )
            for path, content in files:
                archive.writestr(path, content)
        return buffer.getvalue()
