# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The call log of a telephony system, imported from its CSV export."""

import base64
import csv
import io
from datetime import datetime

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

# Column names accepted for each field (lower case, French or English).
COLUMNS = {
    "external_ref": ("call_id", "id", "identifiant", "id appel"),
    "date": ("date", "start", "started_at", "debut", "début", "date appel"),
    "direction": ("direction", "sens"),
    "status": ("status", "outcome", "statut", "resultat", "résultat", "etat", "état"),
    "team": ("service", "team", "file", "queue", "ligne"),
    "wait_seconds": ("wait_seconds", "wait", "attente", "attente_s"),
    "duration_seconds": ("duration_seconds", "duration", "duree", "durée", "duree_s"),
}
STATUSES = {
    "answered": "answered",
    "answer": "answered",
    "connected": "answered",
    "repondu": "answered",
    "répondu": "answered",
    "decroche": "answered",
    "décroché": "answered",
    "missed": "missed",
    "abandoned": "missed",
    "no answer": "missed",
    "noanswer": "missed",
    "busy": "missed",
    "manque": "missed",
    "manqué": "missed",
    "perdu": "missed",
    "abandonne": "missed",
    "abandonné": "missed",
    "non repondu": "missed",
    "non répondu": "missed",
}
DIRECTIONS = {
    "inbound": "inbound",
    "in": "inbound",
    "incoming": "inbound",
    "entrant": "inbound",
    "outbound": "outbound",
    "out": "outbound",
    "outgoing": "outbound",
    "sortant": "outbound",
}
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
MAX_ERRORS_SHOWN = 20


class GrcPhoneCallImport(models.TransientModel):
    """Reads a CSV call log (comma or semicolon separated, UTF-8 or
    Latin-1; dates in the authority's local time). Either every line is
    valid and imported, or nothing is and each faulty line is named. A call
    already imported (same call id) is skipped."""

    _name = "grc.phone.call.import"
    _description = "Import a telephony call log"

    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()
    imported_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(readonly=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Done")], default="draft"
    )

    def _decode(self):
        raw = base64.b64decode(self.file or b"")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise UserError(self.env._("The file is neither UTF-8 nor Latin-1 text."))

    def _reader(self, text):
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        headers = {
            (name or "").strip().lower(): name for name in reader.fieldnames or []
        }
        columns = {}
        for field, names in COLUMNS.items():
            for name in names:
                if name in headers:
                    columns[field] = headers[name]
                    break
        missing = [f for f in ("external_ref", "date", "status") if f not in columns]
        if missing:
            raise UserError(
                self.env._(
                    "The file needs a call id, a date and an outcome column "
                    "(for example: call_id, date, status). Missing: %(columns)s.",
                    columns=", ".join(missing),
                )
            )
        return reader, columns

    def _parse_date(self, value, tz):
        value = (value or "").strip()
        for pattern in DATE_FORMATS:
            try:
                moment = datetime.strptime(value, pattern)
            except ValueError:
                continue
            return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)
        return None

    def _parse_seconds(self, value):
        value = (value or "").strip()
        if not value:
            return 0
        if ":" in value:
            parts = value.split(":")
            if all(part.isdigit() for part in parts) and len(parts) <= 3:
                seconds = 0
                for part in parts:
                    seconds = seconds * 60 + int(part)
                return seconds
            return None
        return int(value) if value.isdigit() else None

    def _parse_row(self, row, columns, tz, by_name, refs):
        """The values of one line's call and what is wrong with it."""

        def cell(field):
            column = columns.get(field)
            return (row.get(column) or "").strip() if column else ""

        _ = self.env._
        problems = []
        ref = cell("external_ref")
        if not ref:
            problems.append(_("no call id"))
        elif ref in refs:
            problems.append(_("call id %(ref)s twice in the file", ref=ref))
        refs.add(ref)
        date = self._parse_date(cell("date"), tz)
        if not date:
            problems.append(_("date %(value)r not understood", value=cell("date")))
        status = STATUSES.get(cell("status").lower())
        if not status:
            problems.append(_("outcome %(value)r not understood", value=cell("status")))
        direction = DIRECTIONS.get(cell("direction").lower() or "inbound")
        if not direction:
            problems.append(
                _("direction %(value)r not understood", value=cell("direction"))
            )
        team = self.env["helpdesk.ticket.team"]
        if cell("team"):
            team = by_name.get(cell("team").lower(), team)
            if not team:
                problems.append(_("no service named %(value)r", value=cell("team")))
        wait = self._parse_seconds(cell("wait_seconds"))
        duration = self._parse_seconds(cell("duration_seconds"))
        if wait is None or duration is None:
            problems.append(_("a waiting or talk time is not a duration"))
        return {
            "external_ref": ref,
            "date": date,
            "status": status,
            "direction": direction,
            "team_id": team.id or False,
            "wait_seconds": wait,
            "duration_seconds": duration if status == "answered" else 0,
            "user_id": False,
            "source": "import",
        }, problems

    def _parse(self):
        """The values of the calls to create, or a UserError naming every
        faulty line (up to 20)."""
        self.ensure_one()
        company = self.env.company
        tz = pytz.timezone(
            company.resource_calendar_id.tz or self.env.user.tz or "Europe/Paris"
        )
        reader, columns = self._reader(self._decode())
        teams = self.env["helpdesk.ticket.team"].search(
            [("company_id", "in", [company.id, False])]
        )
        by_name = {}
        for team in teams:
            by_name.setdefault(team.name.strip().lower(), team)
            if team.code:
                by_name.setdefault(team.code.strip().lower(), team)
        values, errors, refs = [], [], set()
        for line_no, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            vals, problems = self._parse_row(row, columns, tz, by_name, refs)
            if problems:
                errors.append(
                    self.env._(
                        "line %(line)s: %(problems)s",
                        line=line_no,
                        problems=", ".join(problems),
                    )
                )
            else:
                vals["company_id"] = company.id
                values.append(vals)
        if errors:
            shown = errors[:MAX_ERRORS_SHOWN]
            if len(errors) > MAX_ERRORS_SHOWN:
                shown.append(
                    self.env._("… and %(count)s more.", count=len(errors) - len(shown))
                )
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct the file:\n%(errors)s",
                    errors="\n".join(shown),
                )
            )
        if not values:
            raise UserError(self.env._("The file holds no call."))
        return values

    def action_import(self):
        self.ensure_one()
        values = self._parse()
        Call = self.env["grc.phone.call"]
        # Calls of an earlier import of the same export are skipped (the
        # import's log may overlap the previous one).
        # sudo: the calls of a confidential service the importer does not
        # read are still the same calls; only their ids are compared.
        known = set(
            Call.sudo()
            .search(
                [
                    ("company_id", "=", self.env.company.id),
                    ("external_ref", "in", [v["external_ref"] for v in values]),
                ]
            )
            .mapped("external_ref")
        )
        new_values = [v for v in values if v["external_ref"] not in known]
        Call.create(new_values)
        self.write(
            {
                "state": "done",
                "imported_count": len(new_values),
                "skipped_count": len(values) - len(new_values),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
