# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access log: who read or changed a citizen's data, hash-chained.

Reads and changes are collected in memory during the transaction
(``_grc_log``) and written at its end by a pre-commit hook (``_grc_flush``),
in one INSERT: opening a form costs one statement whatever the number of
fields read, and a record read twice in a transaction makes one entry.

Each entry's hash covers the previous entry's hash (HMAC-SHA256). The head of
the chain lives in a one-row table locked (``FOR UPDATE``) while entries are
appended: a concurrent writer waits, then fails to serialise and Odoo replays
its request on the new head, so the chain never forks.
"""

import contextvars
import hashlib
import hmac
import json
import logging

from odoo import SUPERUSER_ID, api, fields, http, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

_logger = logging.getLogger(__name__)

BUFFER_KEY = "grc_citoyen_access_log.buffer"
GENESIS_HASH = "0" * 64
# The columns an entry's hash covers, in this order.
HASHED_COLUMNS = (
    "sequence",
    "logged_at",
    "user_ref",
    "operation",
    "model_name",
    "res_id",
    "citizen_ref",
    "team_ref",
    "field_names",
    "route",
    "screen",
    "changes_digest",
)
STORED_COLUMNS = HASHED_COLUMNS + ("changes", "prev_hash", "hash")
VERIFY_BATCH = 5000
# Reads shown to the citizen: the services' consultations, not their own.
CONSULTATIONS = ("read", "export")
# Fields that tell nothing about the person: a read of these alone is not
# logged (a many2one shown in another form reads its display name).
IGNORED_FIELDS = {"id", "display_name", "write_date"}
# Set while a list, kanban or search reads records: one entry per line shown
# would cost a row each and tell less than the form the agent then opens.
LISTING = contextvars.ContextVar("grc_access_log_listing", default=False)
MAX_VALUE_LENGTH = 500


def field_value(record, fname):
    """A field's value as the log keeps it: text, never a record."""
    field = record._fields[fname]
    value = record[fname]
    if field.type == "many2one":
        return value.display_name or False
    if field.type in ("one2many", "many2many"):
        return sorted(value.mapped("display_name"))
    if field.type == "binary":
        return bool(value)
    if field.type == "html":
        value = html2plaintext(value or "")
    if field.type in ("date", "datetime"):
        return _canonical(value) or False
    if isinstance(value, str):
        return value[:MAX_VALUE_LENGTH]
    return value


class listing:
    """Context manager: reads made inside are not logged one by one."""

    def __enter__(self):
        self.token = LISTING.set(True)

    def __exit__(self, *exc):
        LISTING.reset(self.token)


def _canonical(value):
    if value is None or value is False:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def entry_hash(key, prev_hash, row):
    """HMAC of an entry: the previous hash, then each hashed column."""
    message = "\x1f".join(
        [prev_hash] + [_canonical(row[column]) for column in HASHED_COLUMNS]
    )
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def _request_origin():
    """(route, screen) of the HTTP request being served, if any: the path
    called and the back-office page it was called from."""
    try:
        httprequest = http.request and http.request.httprequest
    except (RuntimeError, AttributeError):
        httprequest = None
    if not httprequest:
        return "", ""
    referrer = httprequest.referrer or ""
    screen = referrer.split("://", 1)[-1].partition("/")[2] if referrer else ""
    return httprequest.path[:200], ("/" + screen.split("?")[0])[:200] if screen else ""


class GrcAccessLog(models.Model):
    """One read or change of a citizen's data or of a confidential request.

    Append-only: entries are inserted by ``_grc_flush`` only; ``create``,
    ``write`` and ``unlink`` refuse everyone, the superuser included, and a
    trigger refuses UPDATE and DELETE to the database's own clients but the
    sealed purge."""

    _name = "grc.access.log"
    _description = "Access to personal data"
    _order = "sequence desc"
    _rec_name = "sequence"
    _log_access = False

    sequence = fields.Integer(readonly=True, index=True, help="Place in the chain.")
    logged_at = fields.Datetime(string="Date", readonly=True, index=True)
    # Plain ids, not many2one: the log must not change when a user or a
    # citizen is deleted or merged (a foreign key would update or block it).
    user_ref = fields.Integer(string="User id", readonly=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="User",
        compute="_compute_references",
        search="_search_user_id",
    )
    operation = fields.Selection(
        selection=[
            ("read", "Read in the back office"),
            ("export", "Export"),
            ("api_read", "Read through the API"),
            ("write", "Change"),
        ],
        readonly=True,
        index=True,
    )
    model_name = fields.Char(string="Model", readonly=True)
    res_id = fields.Integer(string="Record id", readonly=True)
    citizen_ref = fields.Integer(string="Citizen id", readonly=True, index=True)
    citizen_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        compute="_compute_references",
        search="_search_citizen_id",
    )
    team_ref = fields.Integer(string="Service id", readonly=True, index=True)
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        compute="_compute_references",
        help="The service of the user who read or changed the data.",
    )
    field_names = fields.Char(
        string="Fields", readonly=True, help="The fields read or changed."
    )
    route = fields.Char(readonly=True, help="The address called on the server.")
    screen = fields.Char(readonly=True, help="The back-office page it came from.")
    changes = fields.Text(
        readonly=True, help="Old and new value of each personal field changed."
    )
    changes_digest = fields.Char(readonly=True)
    prev_hash = fields.Char(string="Previous hash", readonly=True)
    hash = fields.Char(readonly=True)

    def init(self):
        cr = self.env.cr
        cr.execute(
            """
            CREATE TABLE IF NOT EXISTS grc_access_log_head (
                id integer PRIMARY KEY CHECK (id = 1),
                last_sequence integer NOT NULL,
                last_hash varchar NOT NULL
            )
            """
        )
        cr.execute(
            "INSERT INTO grc_access_log_head VALUES (1, 0, %s) ON CONFLICT DO NOTHING",
            (GENESIS_HASH,),
        )
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION grc_access_log_append_only()
            RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE'
                   AND current_setting('grc_access_log.purge', true) = 'on' THEN
                    RETURN OLD;
                END IF;
                -- The erasure of a citizen's data empties the old and new
                -- values of their entries, and changes nothing else: the
                -- hash covers the values' digest, which stays.
                IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'grc_access_log'
                   AND current_setting('grc_access_log.erase', true) = 'on'
                   AND NEW.changes IS NULL
                   AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'The access log is append-only (%)', TG_TABLE_NAME;
            END $$
            """
        )
        for table in ("grc_access_log", "grc_access_log_seal"):
            if not tools.sql.table_exists(cr, table):
                continue
            cr.execute(
                SQL(
                    "DROP TRIGGER IF EXISTS grc_access_log_append_only ON %s;"
                    "CREATE TRIGGER grc_access_log_append_only BEFORE UPDATE OR "
                    "DELETE ON %s FOR EACH ROW "
                    "EXECUTE FUNCTION grc_access_log_append_only()",
                    SQL.identifier(table),
                    SQL.identifier(table),
                )
            )

    def _compute_references(self):
        # A user, citizen or service deleted since is shown empty.
        existing = {
            column: set(
                self.env[model]
                .with_context(active_test=False)
                .browse(set(self.mapped(column)) - {0})
                .exists()
                .ids
            )
            for column, model in (
                ("user_ref", "res.users"),
                ("citizen_ref", "res.partner"),
                ("team_ref", "helpdesk.ticket.team"),
            )
        }
        for entry in self:
            found = {
                column: entry[column] if entry[column] in ids else False
                for column, ids in existing.items()
            }
            entry.user_id = found["user_ref"]
            entry.citizen_id = found["citizen_ref"]
            entry.team_id = found["team_ref"]

    def _search_user_id(self, operator, value):
        return self._grc_search_ref("user_ref", "res.users", operator, value)

    def _search_citizen_id(self, operator, value):
        return self._grc_search_ref("citizen_ref", "res.partner", operator, value)

    def _grc_search_ref(self, column, model, operator, value):
        if isinstance(value, str):
            ids = (
                self.env[model]
                .with_context(active_test=False)
                ._search([("display_name", operator, value)])
            )
            return [(column, "in", ids)]
        if operator in ("=", "in", "!=", "not in"):
            return [(column, operator, value)]
        raise UserError(self.env._("Unsupported search on the access log."))

    # ------------------------------------------------------------------
    # Append-only
    # ------------------------------------------------------------------

    # pylint: disable=method-required-super
    # The log is append-only: nothing reaches the ORM's create, write, unlink.
    @api.model_create_multi
    def create(self, vals_list):
        raise UserError(
            self.env._("Access log entries are recorded by the system only.")
        )

    def write(self, vals):
        raise UserError(self.env._("The access log cannot be changed."))

    def unlink(self):
        raise UserError(self.env._("Access log entries cannot be deleted."))

    # ------------------------------------------------------------------
    # Collecting and flushing
    # ------------------------------------------------------------------

    @api.model
    def _grc_log(self, operation, subjects, field_names=(), changes=None):
        """Record, for the end of the transaction, that the current user
        read or changed ``subjects``: a list of ``(model name, record id,
        citizen id, the record's service or None)``; the entry keeps the
        reader's service (``_grc_flush``).

        ``changes``: ``{record id: {field: [old, new]}}`` for ``write``.
        """
        cr = self.env.cr
        data = cr.precommit.data
        buffer = data.get(BUFFER_KEY)
        if buffer is None:
            buffer = data[BUFFER_KEY] = {}
            # sudo: the log is written by the system, whoever read the data.
            cr.precommit.add(self.sudo()._grc_flush)
        route, screen = _request_origin()
        uid = self.env.uid
        for model_name, res_id, citizen_id, team_id in subjects:
            key = (operation, model_name, res_id, uid)
            entry = buffer.get(key)
            if entry is None:
                entry = buffer[key] = {
                    "user_ref": uid,
                    "operation": operation,
                    "model_name": model_name,
                    "res_id": res_id,
                    "citizen_ref": citizen_id or None,
                    "team_ref": team_id or None,
                    "fields": set(),
                    "route": route,
                    "screen": screen,
                    "changes": {},
                }
            entry["fields"].update(field_names)
            for fname, (old, new) in ((changes or {}).get(res_id) or {}).items():
                # Several writes in one transaction: the first old value,
                # the last new one.
                first = entry["changes"].get(fname, [old, new])[0]
                entry["changes"][fname] = [first, new]

    @api.model
    def _grc_log_read(self, records, operation, field_names):
        """Log that the current user read ``field_names`` of ``records``
        (they define ``_grc_access_log_subjects``), when a person of the
        authority did, from the back office or an external client."""
        env = records.env
        # Records being edited (not saved yet) are not in the database.
        records = records.browse([i for i in records._ids if isinstance(i, int)])
        if (
            not records
            or env.su
            or LISTING.get()
            # A read-only transaction (a replica) cannot hold the log: the
            # routes that open a record are read/write for that reason.
            or env.cr.readonly
            or not env.user._is_internal()
        ):
            return
        fnames = {fname.split("/")[0].split(".")[0] for fname in field_names}
        fnames -= IGNORED_FIELDS
        if fnames:
            self._grc_log(operation, records._grc_access_log_subjects(), fnames)

    @api.model
    def _grc_log_api_read(self, records, field_names):
        """Log that the current user (a citizen's app) read ``records``
        through the API; ``field_names``: what the API hands back."""
        if records and not records.env.cr.readonly:
            # sudo: the subjects name the service, which citizens cannot read.
            subjects = records.sudo()._grc_access_log_subjects()
            self._grc_log("api_read", subjects, field_names)

    @api.model
    def _grc_logs_changes(self):
        """Changes are logged when a person makes them. The system's own
        processing (installation, scheduled anonymisation as OdooBot) is
        not a person accessing data; logging it would copy into the log
        the very values an anonymisation destroys."""
        return self.env.uid != SUPERUSER_ID

    @api.model
    def _grc_values(self, records, fnames):
        """{record id: {field: value}} of ``records``, read as the system."""
        # sudo: the old values are kept whatever the writer may read.
        return {
            record.id: {fname: field_value(record, fname) for fname in fnames}
            for record in records.sudo()
        }

    @api.model
    def _grc_log_changes(self, records, fnames, old_values):
        """Log the personal fields of ``records`` that changed since
        ``old_values`` (``_grc_values`` before the write)."""
        new_values = self._grc_values(records, fnames)
        changes = {}
        for record_id, new in new_values.items():
            old = old_values.get(record_id, {})
            diff = {f: [old.get(f), new[f]] for f in fnames if old.get(f) != new[f]}
            if diff:
                changes[record_id] = diff
        changed = records.filtered(lambda r: r.id in changes)
        if changed:
            fields_changed = {f for diff in changes.values() for f in diff}
            # sudo: the writer may no longer read the record (moved to
            # another service); the subjects are read by the system.
            self._grc_log(
                "write",
                changed.sudo()._grc_access_log_subjects(),
                fields_changed,
                changes,
            )

    def _grc_flush(self):
        """Append the entries collected in this transaction to the chain:
        two statements whatever their number (the head locked with the
        readers' services, then the entries inserted and the head moved)."""
        cr = self.env.cr
        buffer = cr.precommit.data.pop(BUFFER_KEY, None)
        if not buffer:
            return
        uids = tuple({entry["user_ref"] for entry in buffer.values()})
        cr.execute(
            """
            SELECT h.last_sequence, h.last_hash,
                   (SELECT json_object_agg(uid, teams) FROM (
                        SELECT rel.res_users_id AS uid,
                               array_agg(rel.helpdesk_ticket_team_id
                                         ORDER BY rel.helpdesk_ticket_team_id) AS teams
                          FROM helpdesk_ticket_team_res_users_rel rel
                         WHERE rel.res_users_id IN %s
                         GROUP BY rel.res_users_id) AS readers)
              FROM grc_access_log_head h
             WHERE h.id = 1
               FOR UPDATE OF h
            """,
            (uids,),
        )
        sequence, prev_hash, teams_by_user = cr.fetchone()
        teams_by_user = teams_by_user or {}
        key = self._grc_key()
        logged_at = fields.Datetime.now()
        rows = []
        for entry in buffer.values():
            sequence += 1
            changes = (
                json.dumps(entry["changes"], sort_keys=True, ensure_ascii=False)
                if entry["changes"]
                else None
            )
            teams = teams_by_user.get(str(entry["user_ref"])) or []
            record_team = entry["team_ref"]
            row = {
                "sequence": sequence,
                "logged_at": logged_at,
                "user_ref": entry["user_ref"],
                "operation": entry["operation"],
                "model_name": entry["model_name"],
                "res_id": entry["res_id"],
                "citizen_ref": entry["citizen_ref"],
                # The reader's service: the record's own when they belong to
                # it, else their first one.
                "team_ref": record_team
                if record_team in teams
                else (teams[0] if teams else None),
                "field_names": ",".join(sorted(entry["fields"]))[:1000] or None,
                "route": entry["route"] or None,
                "screen": entry["screen"] or None,
                "changes": changes,
                "changes_digest": changes
                and hashlib.sha256(changes.encode()).hexdigest(),
                "prev_hash": prev_hash,
            }
            row["hash"] = prev_hash = entry_hash(key, prev_hash, row)
            rows.append(tuple(row[column] for column in STORED_COLUMNS))
        cr.execute(
            SQL(
                "WITH inserted AS (INSERT INTO grc_access_log (%s) VALUES %s) "
                "UPDATE grc_access_log_head SET last_sequence = %s, last_hash = %s "
                "WHERE id = 1",
                SQL(", ").join(SQL.identifier(c) for c in STORED_COLUMNS),
                SQL(", ").join(SQL("%s", row) for row in rows),
                sequence,
                prev_hash,
            )
        )

    @api.model
    def _grc_key(self):
        """The HMAC key: the server's ``grc_access_log_key`` option when set
        (kept out of the database, so that whoever can write the tables
        cannot recompute the hashes), the database secret otherwise."""
        secret = tools.config.get("grc_access_log_key") or (
            # sudo: the database secret is readable by the system only.
            self.env["ir.config_parameter"].sudo().get_param("database.secret")
        )
        return (secret or "").encode()

    # ------------------------------------------------------------------
    # The citizen's view
    # ------------------------------------------------------------------

    @api.model
    def _grc_portal_consultations(self, partner, limit=500):
        """The days and services that read the data of ``partner``, most
        recent first: ``[{"date", "service"}]``. Never who: the agents'
        names are not the citizen's data."""
        partners = partner | partner.commercial_partner_id
        tz = partner.tz or self.env.user.tz or "Europe/Paris"
        self.env.cr.execute(
            """
            SELECT (logged_at AT TIME ZONE 'UTC' AT TIME ZONE %s)::date AS day,
                   team_ref
              FROM grc_access_log
             WHERE citizen_ref IN %s AND operation IN %s
             GROUP BY 1, 2
             ORDER BY 1 DESC, 2
             LIMIT %s
            """,
            (tz, tuple(partners.ids), CONSULTATIONS, limit),
        )
        rows = self.env.cr.fetchall()
        # sudo: citizens may not read services; only their names are shown.
        teams = self.env["helpdesk.ticket.team"].sudo()
        names = {
            team.id: team.name
            for team in teams.browse({ref for __, ref in rows if ref}).exists()
        }
        return [{"date": day, "service": names.get(ref)} for day, ref in rows]

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------

    @api.model
    def _grc_verify(self):
        """Walk the chain and the seals; return the problems found, as
        dicts ``{"sequence", "kind", "message"}``, kind being ``altered``,
        ``inserted`` or ``deleted``. An empty list: the log is intact."""
        cr = self.env.cr
        seals = self.env["grc.access.log.seal"]
        start_sequence, prev_hash = seals._grc_chain_start()
        cr.execute("SELECT last_sequence, last_hash FROM grc_access_log_head")
        head_sequence, head_hash = cr.fetchone()
        key = self._grc_key()
        problems = []
        expected = start_sequence + 1
        hashes = {}
        last = (start_sequence, 0)
        columns = SQL(", ").join(SQL.identifier(c) for c in STORED_COLUMNS)
        while True:
            cr.execute(
                SQL(
                    "SELECT id, %s FROM grc_access_log WHERE (sequence, id) > (%s, %s)"
                    " ORDER BY sequence, id LIMIT %s",
                    columns,
                    last[0],
                    last[1],
                    VERIFY_BATCH,
                )
            )
            rows = cr.dictfetchall()
            if not rows:
                break
            last = (rows[-1]["sequence"], rows[-1]["id"])
            for row in rows:
                prev_hash, expected = self._grc_verify_row(
                    row, key, prev_hash, expected, head_sequence, problems
                )
                hashes[row["sequence"]] = row["hash"]
        if expected <= head_sequence:
            problems.append(self._grc_problem(expected, "deleted", head_sequence))
        elif prev_hash != head_hash and expected - 1 == head_sequence:
            problems.append(self._grc_problem(head_sequence, "altered"))
        problems += seals._grc_verify_seals(hashes, start_sequence)
        return problems

    @api.model
    def _grc_verify_row(self, row, key, prev_hash, expected, head, problems):
        """Check one entry against the chain so far; return the new
        (previous hash, expected sequence)."""
        sequence = row["sequence"]
        if sequence < expected or sequence > head:
            problems.append(self._grc_problem(sequence, "inserted"))
            return prev_hash, expected
        if sequence > expected:
            problems.append(self._grc_problem(expected, "deleted", sequence - 1))
        elif row["prev_hash"] != prev_hash:
            # The entry before it was rewritten (its hash recomputed).
            problems.append(self._grc_problem(sequence - 1, "altered"))
        # Values erased with the citizen's data (``_grc_erase_changes``)
        # leave their digest, which the hash still covers.
        digest = row["changes"] and hashlib.sha256(row["changes"].encode()).hexdigest()
        if entry_hash(key, row["prev_hash"], row) != row["hash"] or (
            digest and digest != row["changes_digest"]
        ):
            problems.append(self._grc_problem(sequence, "altered"))
        return row["hash"], sequence + 1

    @api.model
    def _grc_problem(self, sequence, kind, until=None):
        messages = {
            "altered": self.env._("Entry %(sequence)s was altered.", sequence=sequence),
            "inserted": self.env._(
                "An entry was inserted at %(sequence)s.", sequence=sequence
            ),
            "deleted": self.env._(
                "Entries %(sequence)s to %(until)s were deleted.",
                sequence=sequence,
                until=until,
            ),
        }
        return {"sequence": sequence, "kind": kind, "message": messages[kind]}

    # ------------------------------------------------------------------
    # Erasure of a citizen's data
    # ------------------------------------------------------------------

    @api.model
    def _grc_erase_changes(self, model_name, res_ids, citizen_ids=()):
        """Empty the old and new values kept for the records ``res_ids`` of
        ``model_name`` (and for the citizens ``citizen_ids``), once their
        personal data are destroyed (retention over, erasure): the log keeps
        who changed which fields and when, and the digest of the values
        (the chain stays verifiable), but no longer the values themselves,
        which would outlive the data they were about."""
        res_ids = tuple(res_ids)
        citizen_ids = tuple(citizen_ids)
        if not res_ids and not citizen_ids:
            return 0
        buffer = self.env.cr.precommit.data.get(BUFFER_KEY) or {}
        for entry in buffer.values():
            if (entry["model_name"] == model_name and entry["res_id"] in res_ids) or (
                entry["citizen_ref"] in citizen_ids
            ):
                entry["changes"] = {}
        cr = self.env.cr
        cr.execute("SELECT set_config('grc_access_log.erase', 'on', true)")
        cr.execute(
            SQL(
                """UPDATE grc_access_log SET changes = NULL
                    WHERE changes IS NOT NULL
                      AND ((model_name = %s AND res_id IN %s)
                           OR citizen_ref IN %s)""",
                model_name,
                res_ids or (0,),
                citizen_ids or (0,),
            )
        )
        count = cr.rowcount
        cr.execute("SELECT set_config('grc_access_log.erase', 'off', true)")
        return count

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.model
    def _grc_retention_days(self):
        # sudo: the setting is read by the system's scheduled action.
        param = self.env["ir.config_parameter"].sudo()
        try:
            return max(int(param.get_param("grc_access_log.retention_days", 365)), 1)
        except ValueError:
            return 365

    @api.model
    def _grc_purge(self, cutoff):
        """Delete the entries logged before ``cutoff``; return how many."""
        self.env.cr.execute(
            "SELECT max(sequence) FROM grc_access_log WHERE logged_at < %s", (cutoff,)
        )
        last = self.env.cr.fetchone()[0]
        return self._grc_purge_upto(last) if last else 0

    @api.model
    def _grc_purge_upto(self, sequence):
        """Delete the entries up to ``sequence``, after sealing the last of
        them: verification then starts from that seal."""
        cr = self.env.cr
        cr.execute("SELECT hash FROM grc_access_log WHERE sequence = %s", (sequence,))
        last = cr.fetchone()
        if not last:
            return 0
        self.env["grc.access.log.seal"]._grc_seal("purge", sequence, last[0])
        cr.execute("SELECT set_config('grc_access_log.purge', 'on', true)")
        cr.execute("DELETE FROM grc_access_log WHERE sequence <= %s", (sequence,))
        count = cr.rowcount
        cr.execute("SELECT set_config('grc_access_log.purge', 'off', true)")
        return count
