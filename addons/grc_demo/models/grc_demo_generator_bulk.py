# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk path of the demo generator: a commune of a million requests in
minutes, for benchmarks.

The planning is the generator's (same channels, steps, dates, words); the
rows are written with PostgreSQL's ``COPY`` instead of the ORM, with every
stored field the ORM would compute filled here the same way: stage-related
fields, confidentiality, electronic submission, service-level deadlines (the
SLA engine's own working-time arithmetic), their status, implicit decision
date, references from the sequences (unique per year). No chatter, no mail,
no tracking history: these rows were never "lived".

Resumable: the work goes by chunks, each committed by the caller
(``commit``), and the progress is kept in a system parameter; a run started
again with the same arguments carries on where it stopped, with the same
rows it would have made (each chunk has its own random generator).
"""

import io
import itertools
import json
import logging
import math
import operator
import random
import uuid
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from pytz import timezone, utc

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from odoo.addons.grc_citoyen.models.helpdesk_ticket_sla import (
    DONE_STATES,
    SLA_STATUS_RANK,
)
from odoo.addons.grc_citoyen.models.helpdesk_ticket_sla_legal import (
    ELECTRONIC_CHANNELS,
)

from .grc_demo_generator import draw_satisfaction
from .grc_demo_working_time import CONTEXT_KEY, TabledCalendars
from .grc_reclamation_demo import ANSWERS, DEMO_REASONS, FOCUS

_logger = logging.getLogger(__name__)

PROGRESS_PARAM = "grc_demo.bulk_progress"
SATISFACTION_SURVEY = "grc_citoyen_satisfaction.survey_grc_satisfaction"
# Citizens per request (the demo commune: 320 for 2,100) and contacts per
# request answered on the spot (one in seven, as _generate_commune).
CITIZENS_PER_REQUEST = 0.15
INTERACTION_EVERY = 7
# One complaint for about thirteen requests (160 for 2,100 in the demo).
COMPLAINT_EVERY = 13
# The tables a run fills; for a large run their plain indexes are dropped
# before the load and built again after it (see _bulk_drop_indexes).
BULK_MODELS = (
    "res.partner",
    "helpdesk.ticket",
    "grc.interaction",
    "survey.user_input",
    "grc.reclamation",
)
# A run writing at least this many requests, and more than the table holds,
# builds the indexes once at the end rather than row by row.
DROP_INDEXES_FROM = 50000
# Working time is tabled up to this long after the run's end (the longest
# deadline of a request received on its last day).
TABLED_AFTER_END = timedelta(days=400)
COPY_READ_SIZE = 1 << 16


def _copy_text(value):
    return (
        value.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _copy_other(value):
    return _copy_text(str(value))


# COPY's text format per exact Python type (True is not taken for an int).
_COPY_FORMATS = {
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    int: str,
    float: repr,
    str: _copy_text,
    datetime: lambda value: value.isoformat(" "),
    date: date.isoformat,
    dict: lambda value: _copy_text(json.dumps(value)),
}


class CopyStream:
    """The rows of a COPY as the file psycopg2 reads, a batch of lines at a
    time: PostgreSQL writes a batch while the next one is formatted, and the
    rows are never all held in memory as text (PostgreSQL's text format:
    exact NULLs, escapes; the csv module measured no faster)."""

    BATCH = 2000

    def __init__(self, rows):
        self.rows = iter(rows)

    def read(self, size=-1):  # pylint: disable=method-required-super
        get, other = _COPY_FORMATS.get, _copy_other
        lines = [
            "\t".join([get(type(value), other)(value) for value in row])
            for row in itertools.islice(self.rows, self.BATCH)
        ]
        if lines:
            lines.append("")
        return "\n".join(lines)


class GrcDemoGenerator(models.AbstractModel):
    _inherit = "grc.demo.generator"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------

    @api.model
    def _bulk_generate_commune(
        self,
        requests,
        citizens=None,
        months=18,
        seed=42,
        end_date=None,
        chunk=25000,
        commit=None,
        progress=None,
    ):
        """Write ``requests`` requests of ``citizens`` citizens (15 % of the
        requests by default) received over ``months`` months, a contact
        answered on the spot for every seventh request, the satisfaction
        survey of the closed requests and a complaint for every thirteenth
        request (as the demo commune: 160 for 2,100), chunk by chunk.

        :param commit: called after each chunk (the benchmark commits there)
        :param progress: called with (what, done, total) after each chunk
        :return: {"citizens": n, "requests": n, "interactions": n, "answers": n,
            "complaints": n} written by this call
        """
        if citizens is None:
            citizens = max(1, round(requests * CITIZENS_PER_REQUEST))
        run = self._bulk_progress(
            {
                "seed": seed,
                "requests": requests,
                "citizens": citizens,
                "months": months,
            },
            end_date,
        )
        end = fields.Datetime.to_datetime(run["end"])
        start = end - timedelta(days=round(months * 30.44))
        if run["requests_done"] < requests:
            self._bulk_drop_indexes(run, requests, commit)
        written = dict.fromkeys(
            ("citizens", "requests", "interactions", "answers", "complaints"), 0
        )
        while run["citizens_done"] < citizens:
            size = min(chunk, citizens - run["citizens_done"])
            rng = random.Random(f"{seed}-citizens-{run['citizens_done']}")
            written["citizens"] += self._bulk_citizens(size, rng, run)
            run["citizens_done"] += size
            self._bulk_save(run, commit, progress, "citizens", citizens)
        context = None
        while run["requests_done"] < requests:
            context = context or self._bulk_request_context(run, end)
            size = min(chunk, requests - run["requests_done"])
            rng = random.Random(f"{seed}-requests-{run['requests_done']}")
            counts = self._bulk_requests(size, rng, context, start, end)
            for key, count in counts.items():
                written[key] += count
            run["requests_done"] += size
            self._bulk_save(run, commit, progress, "requests", requests)
        self._bulk_restore_indexes(run, commit)
        self._bulk_validate()
        return written

    @api.model
    def _bulk_progress(self, arguments, end_date):
        """The progress of the run with these arguments (a new one when the
        last run had others)."""
        # sudo: the generator keeps its progress in a system parameter.
        params = self.env["ir.config_parameter"].sudo()
        run = json.loads(params.get_param(PROGRESS_PARAM) or "{}")
        if run.get("arguments") != arguments:
            # An interrupted run with other arguments left its indexes out.
            self._bulk_restore_indexes(run, None)
            end = fields.Datetime.to_datetime(end_date) or fields.Datetime.now()
            run = {
                "arguments": arguments,
                "end": fields.Datetime.to_string(end),
                "citizens_done": 0,
                "requests_done": 0,
            }
        return run

    @api.model
    def _bulk_save(self, run, commit, progress, what, total):
        self._bulk_save_progress(run)
        if commit:
            # The chunk and its progress commit together without waiting for
            # the disk: a crash may lose the last chunks committed (never
            # half of one: the database stays consistent), which a resumed
            # run writes again. The data written is the same, and as durable
            # once on disk (no unlogged table).
            self.env.cr.execute("SET LOCAL synchronous_commit = off")
            commit()
        if progress:
            progress(what, run[f"{what}_done"], total)

    @api.model
    def _bulk_drop_indexes(self, run, requests, commit):
        """Drop the plain indexes of the tables the run fills when it writes
        many rows: PostgreSQL builds an index of a million rows in a few
        seconds, where keeping forty of them up to date row by row made
        a quarter of the run. Their definitions are kept in the progress,
        so that an interrupted run builds them again when it ends (or when
        another run starts). Unique indexes stay: they are constraints."""
        if "indexes" in run:
            return  # dropped by this run before an interruption
        cr = self.env.cr
        cr.execute("SELECT reltuples FROM pg_class WHERE relname = 'helpdesk_ticket'")
        existing = cr.fetchone()[0]
        if requests < DROP_INDEXES_FROM or requests <= existing:
            return
        tables = [self.env[model]._table for model in BULK_MODELS if model in self.env]
        cr.execute(
            SQL(
                """
                SELECT index.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                JOIN pg_class index ON index.oid = i.indexrelid
                JOIN pg_class tab ON tab.oid = i.indrelid
                WHERE tab.relname IN %s AND tab.relkind = 'r'
                    AND NOT i.indisunique AND NOT i.indisprimary
                    AND NOT EXISTS (
                        SELECT 1 FROM pg_constraint con
                        WHERE con.conindid = i.indexrelid
                    )
                ORDER BY index.relname
                """,
                tuple(tables),
            )
        )
        indexes = cr.fetchall()
        run["indexes"] = [definition for __, definition in indexes]
        # Saved before dropping: an interruption cannot lose them.
        self._bulk_save_progress(run)
        for name, __ in indexes:
            cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        if commit:
            commit()

    @api.model
    def _bulk_restore_indexes(self, run, commit):
        """Build again the indexes ``_bulk_drop_indexes`` dropped."""
        definitions = run.pop("indexes", None)
        if not definitions:
            return
        # Sorts of a million rows in memory rather than on disk.
        self.env.cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in definitions:
            self.env.cr.execute(
                definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
            )
        self._bulk_save_progress(run)
        if commit:
            commit()

    @api.model
    def _bulk_save_progress(self, run):
        # sudo: see _bulk_progress.
        self.env["ir.config_parameter"].sudo().set_param(
            PROGRESS_PARAM,
            json.dumps({key: value for key, value in run.items() if key[0] != "_"}),
        )

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------

    @api.model
    def _bulk_copy(self, model, columns, rows):
        """COPY the rows (tuples in the order of ``columns``) into the table
        of ``model``."""
        table = self.env[model]._table
        # A row-by-row check of each foreign key costs more than the COPY:
        # the keys are taken off for it and put back NOT VALID (still
        # enforced on every new row; the rows copied are checked once, at the
        # end of the run, by _bulk_validate).
        self.env.cr.execute(
            SQL(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                table,
            )
        )
        keys = self.env.cr.fetchall()
        for name, __ in keys:
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s DROP CONSTRAINT %s",
                    SQL.identifier(table),
                    SQL.identifier(name),
                )
            )
        self.env.cr.copy_expert(
            SQL(
                "COPY %s (%s) FROM STDIN",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(column) for column in columns),
            ).code,
            CopyStream(rows),
            size=COPY_READ_SIZE,
        )
        for name, definition in keys:
            definition = definition.removesuffix(" NOT VALID")
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s ADD CONSTRAINT %s %s NOT VALID",
                    SQL.identifier(table),
                    SQL.identifier(name),
                    SQL(definition),
                )
            )
        self.env[model].invalidate_model()

    @api.model
    def _bulk_validate(self):
        """Check the rows copied against the foreign keys put back NOT VALID."""
        self.env.cr.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype = 'f' AND NOT convalidated"
        )
        for table, name in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s VALIDATE CONSTRAINT %s",
                    SQL(table),
                    SQL.identifier(name),
                )
            )

    @api.model
    def _bulk_ids(self, model, count):
        """``count`` new ids from the table's sequence."""
        table = self.env[model]._table
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{table}_id_seq",
                count,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _bulk_numbers(self, code, count, day=None):
        """``count`` references of the sequence ``code`` (of the year of
        ``day`` for a sequence by date range), taken from it as
        ``next_by_code`` would, in one query."""
        # sudo: the generator hands out references like the ORM's create.
        sequence = self.env["ir.sequence"].sudo().search([("code", "=", code)], limit=1)
        first = sequence.with_context(ir_sequence_date=day).next_by_code(code)
        if count == 1:
            return [first]
        target = sequence
        context = {}
        if sequence.use_date_range:
            target = sequence._get_current_sequence(sequence_date=day)
            context = {"ir_sequence_date_range": target.date_from}
        if sequence.implementation == "standard":
            name = (
                f"ir_sequence_{sequence.id:03d}_{target.id:03d}"
                if sequence.use_date_range
                else f"ir_sequence_{sequence.id:03d}"
            )
            self.env.cr.execute(
                SQL("SELECT nextval(%s) FROM generate_series(1, %s)", name, count - 1)
            )
            numbers = [row[0] for row in self.env.cr.fetchall()]
        else:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET number_next = number_next + %s WHERE id = %s "
                    "RETURNING number_next",
                    SQL.identifier(target._table),
                    count - 1,
                    target.id,
                )
            )
            last = self.env.cr.fetchone()[0]
            numbers = list(range(last - count + 1, last))
            target.invalidate_recordset(["number_next"])
        sequence = sequence.with_context(ir_sequence_date=day, **context)
        prefix, suffix = sequence._get_prefix_suffix()
        return [first] + [
            f"{prefix}{str(number).zfill(sequence.padding)}{suffix}"
            for number in numbers
        ]

    # ------------------------------------------------------------------
    # Citizens
    # ------------------------------------------------------------------

    @api.model
    def _bulk_citizens(self, count, rng, run):
        """COPY ``count`` citizens; return how many."""
        state = dict(self._generator_state(0), rng=rng, emails=self._bulk_emails(run))
        voc = state["voc"]
        dedup = self.env["grc.citizen.dedup"]
        partner = self.env["res.partner"]
        country = self.env.ref("base.fr", raise_if_not_found=False)
        lang = None
        if self.env["res.lang"].search_count([("code", "=", "fr_FR")]):
            lang = "fr_FR"
        ids = self._bulk_ids("res.partner", count)
        numbers = self._bulk_numbers("grc.citizen", count)
        now = fields.Datetime.now()
        columns = [
            "id",
            "name",
            "complete_name",
            "type",
            "active",
            "is_company",
            "is_citizen",
            "commercial_partner_id",
            "partner_share",
            "citizen_number",
            "street",
            "zip",
            "city",
            "country_id",
            "lang",
            "email",
            "email_normalized",
            "phone",
            "mobile",
            "phone_sanitized",
            "birthdate",
            "preferred_channel",
            "consent_email",
            "consent_sms",
            "consent_post",
            "grc_name_key",
            "grc_street_key",
            "grc_identity_certified",
            "color",
            "message_bounce",
            "is_published",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
        ]
        rows = []
        for partner_id, number in zip(ids, numbers, strict=True):
            values = self._citizen_values(state, ())
            email = values["email"] or None
            rows.append(
                (
                    partner_id,
                    values["name"],
                    values["name"],
                    "contact",
                    True,
                    False,
                    True,
                    partner_id,
                    True,
                    number,
                    values["street"],
                    values["zip"],
                    voc["city"],
                    country.id if country else None,
                    lang,
                    email,
                    # The generator's e-mails are plain lower-case addresses.
                    email.lower() if email else None,
                    values["phone"] or None,
                    values["mobile"] or None,
                    self._bulk_sanitized_phone(
                        partner, values["mobile"] or values["phone"], country
                    ),
                    values["birthdate"],
                    values["preferred_channel"],
                    bool(values["consent_email"]),
                    bool(values["consent_sms"]),
                    bool(values["consent_post"]),
                    dedup._normalize_name(values["name"]) or None,
                    dedup._normalize_street(values["street"]) or None,
                    False,
                    0,
                    0,
                    False,
                    self.env.uid,
                    self.env.uid,
                    now,
                    now,
                )
            )
        self._bulk_copy("res.partner", columns, rows)
        return len(rows)

    @api.model
    def _bulk_emails(self, run):
        """E-mails already handed out (kept across the chunks of a run)."""
        if "_emails" not in run:
            self.env.cr.execute(
                "SELECT email FROM res_partner WHERE email IS NOT NULL AND is_citizen"
            )
            run["_emails"] = {row[0] for row in self.env.cr.fetchall()}
        return run["_emails"]

    @api.model
    def _bulk_sanitized_phone(self, partner, number, country):
        """``phone_sanitized`` as mail.thread.phone computes it. The generator
        writes French numbers only (0X XX XX XX XX, see _random_mobile): their
        E.164 form is +33 and the digits after the 0, without parsing (the
        test compares it with the ORM's)."""
        if not number:
            return None
        digits = number.replace(" ", "")
        if country and country.code == "FR" and len(digits) == 10 and digits[0] == "0":
            return "+33" + digits[1:]
        return partner._phone_format(number=number, country=country) or None

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------

    @api.model
    def _bulk_request_context(self, run, end):
        """What every chunk of requests reads: types as plain values, their
        service-level targets, stages, channels, the citizens."""
        state = self._generator_state(0)
        context = self._request_context(state)
        Ticket = self.env["helpdesk.ticket"]
        company = self.env.company
        stages = self.env["helpdesk.ticket.stage"].browse(context["stages"].values())
        context["stage_values"] = {
            key: {
                "id": stage.id,
                "closed": stage.closed,
                "unattended": stage.unattended,
                "grc_state": stage.grc_state,
            }
            for key, stage in zip(context["stages"], stages, strict=True)
        }
        model_data = self.env["ir.model.data"]
        context["electronic"] = {
            model_data._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in ELECTRONIC_CHANNELS
        } - {False, None}
        start = end - timedelta(days=round(run["arguments"]["months"] * 30.44) + 2)
        # Each calendar's working time tabled once for the run (deadlines of
        # requests and complaints): from the first day of the run to well
        # past the longest deadline of the last request.
        tables = TabledCalendars()
        context["working_times"] = tables
        context["tabled_span"] = (start, end + TABLED_AFTER_END)
        for rtype in context["types"]:
            record = rtype["record"]
            team = record.team_id
            calendar = team.resource_calendar_id or company.resource_calendar_id
            self._bulk_working_time(context, calendar)
            rtype["plain"] = SimpleNamespace(
                name=record.name, sla_target=record.sla_target, sla_unit=record.sla_unit
            )
            rtype["calendar"] = calendar
            rtype["working_time"] = tables.by_calendar[calendar.id]
            # Plain values read for every request (no ORM in the loop).
            rtype["ids"] = {
                "request_type_id": record.id,
                "category_id": record.category_id.id or None,
                "team_id": team.id,
            }
            rtype["unassigned"] = (
                None
                if not team
                else "manual"
                if team.assignment_mode == "manual"
                else "no_agent"
            )
            rtype["tz"] = timezone(calendar.tz or self.env.user.tz or "UTC")
            rtype["confidential"] = record.is_confidential or team.is_confidential
            rtype["implicit"] = record.implicit_decision not in (False, "none") and (
                record.implicit_decision_delay,
                record.implicit_decision_unit,
            )
            # Targets and basis per priority, as _grc_sla_plan words them.
            rtype["sla"] = {}
            for priority in ("0", "1", "2", "3"):
                probe = Ticket.new(
                    {
                        "received_date": end,
                        "request_type_id": record.id,
                        "team_id": team.id,
                        "priority": priority,
                        "company_id": company.id,
                    }
                )
                # The basis as the core words it (and translates it).
                plan = {
                    "targets": probe._grc_sla_targets(),
                    "basis": probe._grc_sla_plan(rtype["working_time"])["sla_basis"],
                }
                rtype["sla"][priority] = plan
        # Cumulative weights, computed once (rng.choices draws the same).
        context["type_weights"] = {}
        for month in range(1, 13):
            weights = [t["weights"][month - 1] for t in context["types"]]
            if not any(weights):
                weights = [1] * len(weights)
            context["type_weights"][month] = list(itertools.accumulate(weights))
        for rtype in context["types"]:
            words = rtype["words"]
            profile = context["voc"]["channel_profiles"][words.get("profile", "info")]
            keys = [k for k in profile if k in context["channels"]]
            rtype["channel_weights"] = (
                keys,
                list(itertools.accumulate(profile[k] for k in keys)),
            )
        context["company"] = company
        context["risk_ratio"] = company.grc_sla_risk_ratio
        context["ack_days"] = (
            company.grc_ack_registration_days,
            company.grc_ack_receipt_days,
        )
        self.env.cr.execute(
            "SELECT id, name, email, street FROM res_partner "
            "WHERE is_citizen AND active ORDER BY id"
        )
        context["citizens"] = [
            SimpleNamespace(id=row[0], name=row[1], email=row[2], street=row[3])
            for row in self.env.cr.fetchall()
        ]
        team = self.env["helpdesk.ticket.team"].search(
            [("code", "=", "ACC"), ("is_direction", "=", False)], limit=1
        )
        context["desk"] = {
            "team": team.id or None,
            "confidential": bool(team.is_confidential),
            "agents": team.user_ids.ids or [self.env.uid],
            "channels": [
                channel
                for channel in (
                    context["channels"].get("front_desk"),
                    context["channels"].get("phone"),
                )
                if channel
            ],
        }
        survey = self.env.ref(SATISFACTION_SURVEY, raise_if_not_found=False)
        context["survey"] = survey.id if survey and survey.active else None
        context["memo"] = {}
        context["done_date"] = "grc_done_date" in Ticket._fields
        return context

    @api.model
    def _bulk_working_time(self, context, calendar):
        """The tabled working time of ``calendar`` for the run."""
        tables = context["working_times"]
        if calendar.id not in tables.by_calendar:
            tables.by_calendar[calendar.id] = self.env[
                "grc.sla.engine"
            ]._grc_tabled_working_time(calendar, *context["tabled_span"])
        return tables.by_calendar[calendar.id]

    @api.model
    def _bulk_requests(self, count, rng, context, start, end):
        """Plan and COPY ``count`` requests, their contacts and survey answers."""
        citizens = context["citizens"]
        if not citizens or not context["types"]:
            return {}
        span = (end - start).total_seconds()
        plans = []
        for _index in range(count):
            received = start + timedelta(seconds=span * self._growth_sample(rng))
            rtype = rng.choices(
                context["types"], cum_weights=context["type_weights"][received.month]
            )[0]
            citizen = citizens[int(len(citizens) * rng.random() ** 1.8)]
            plans.append(self._bulk_plan(context, rtype, citizen, received, end, rng))
        plans.sort(key=lambda plan: plan["received_date"])
        by_year = {}
        for plan in plans:
            by_year.setdefault(plan["received_date"].year, []).append(plan)
        for year, year_plans in by_year.items():
            numbers = self._bulk_numbers(
                "grc.request", len(year_plans), f"{year}-07-01"
            )
            for plan, number in zip(year_plans, numbers, strict=True):
                plan["number"] = number
        ids = self._bulk_ids("helpdesk.ticket", len(plans))
        for plan, ticket_id in zip(plans, ids, strict=True):
            plan["id"] = ticket_id
        # The answers' scores are written with the requests (no UPDATE after).
        answers = self._bulk_plan_answers(plans, rng, context, end)
        columns = list(plans[0])
        self._bulk_copy(
            "helpdesk.ticket", columns, map(operator.itemgetter(*columns), plans)
        )
        return {
            "requests": len(plans),
            "interactions": self._bulk_interactions(
                count // INTERACTION_EVERY, rng, context, start, end
            ),
            "answers": self._bulk_answers(answers, context),
            "complaints": self._bulk_complaints(
                len(plans) // COMPLAINT_EVERY, plans, rng, context, start, end
            ),
        }

    def _bulk_plan(self, context, rtype, citizen, received, end, rng):
        """All the stored values of one request."""
        voc, words, record = context["voc"], rtype["words"], rtype["plain"]
        keys, weights = rtype["channel_weights"]
        channel = rng.choices(keys, cum_weights=weights)[0]
        received = min(self._in_opening_hours(received, channel, rng), end)
        location = self._random_location(voc, rng) if rtype["location"] else None
        placeholders = self._placeholders(voc, rng, record, citizen, location, end)
        dates = self._timeline(record, received, end, rng)
        agents = rtype["agents"]
        agent = None
        if agents and (dates["state"] != "new" or rng.random() < 0.3):
            agent = rng.choice(agents)
        stage = context["stage_values"][dates["state"]]
        priority = self._priority(rng, words)
        created = received
        if channel == "post":
            created = min(received + timedelta(days=rng.uniform(0.5, 3)), end)
        resolution = None
        if dates["state"] in ("resolved", "closed"):
            resolution = rng.choice(words["resolutions"])
        elif dates["state"] == "cancelled":
            resolution = f"<p>{rng.choice(voc['cancel_reasons'])}</p>"
        channel_id = context["channels"][channel]
        electronic = channel_id in context["electronic"]
        closed_date = (
            stage["closed"] and (dates["closure"] or dates["resolution"]) or None
        )
        values = {
            "name": rng.choice(words["subjects"]).format_map(placeholders)[:200],
            "description": rng.choice(words["descriptions"]).format_map(placeholders),
            "partner_id": citizen.id,
            "commercial_partner_id": citizen.id,
            "partner_name": citizen.name,
            "partner_email": citizen.email,
            **rtype["ids"],
            "user_id": agent,
            "channel_id": channel_id,
            "stage_id": stage["id"],
            "closed": stage["closed"],
            "unattended": stage["unattended"],
            "grc_state": stage["grc_state"],
            "priority": priority,
            "received_date": received,
            "first_response_date": dates["first_response"] or None,
            "resolution_date": dates["resolution"] or None,
            "closure_date": dates["closure"] or None,
            "last_stage_update": dates["last_update"],
            "assigned_date": agent
            and received + (dates["first_response_delay"] or timedelta(hours=1)) / 2
            or None,
            "closed_date": closed_date,
            "grc_resolution": resolution,
            "is_confidential": rtype["confidential"],
            "is_electronic_submission": electronic,
            "company_id": context["company"].id,
            "active": True,
            "kanban_state": "normal",
            "color": 0,
            "sequence": 10,
            "sla_paused_hours": 0.0,
            # Waiting since the last move (the clock is stopped).
            "sla_pause_start": dates["last_update"]
            if dates["state"] == "waiting"
            else None,
            "create_uid": self.env.uid,
            "write_uid": self.env.uid,
            "create_date": created,
            "write_date": max(created, dates["last_update"]),
        }
        for key in (
            "location_street",
            "location_zip",
            "location_city",
            "location_district",
            "location_latitude",
            "location_longitude",
        ):
            values[key] = location[key] if location else None
        values.update(self._bulk_deadlines(context, rtype, priority, received))
        values["ack_registration_deadline"] = values["ack_receipt_deadline"] = None
        if electronic:
            values.update(self._bulk_acks(context, rtype, received))
        values["implicit_decision_date"] = self._bulk_implicit(rtype, received)
        values["sla_status"] = self._bulk_sla_status(values)
        # Why an open request has no agent, as the core computes it.
        values["grc_unassigned_reason"] = (
            None if agent or stage["closed"] else rtype["unassigned"]
        )
        if context["done_date"]:
            # grc_pilotage's stored closing date, when it is installed.
            done = stage["grc_state"] in ("resolved", "closed") or (
                not stage["grc_state"] and stage["closed"]
            )
            values["grc_done_date"] = (
                done
                and (values["resolution_date"] or values["closure_date"] or closed_date)
                or None
            )
        return values

    def _bulk_memo_days(self, context, rtype, received, days):
        """End of the ``days``-th working day after the day of ``received``:
        the same for every moment of a day, computed once per day."""
        local_day = utc.localize(received).astimezone(rtype["tz"]).date()
        key = (rtype["calendar"].id, local_day, days)
        memo = context["memo"]
        if key not in memo:
            memo[key] = self._bulk_add_working_time(rtype, received, days, "days")
        return memo[key]

    def _bulk_add_working_time(self, rtype, received, amount, unit):
        """``_add_working_time`` from the run's tables; the engine when they
        cannot answer (beyond them, or to raise its error)."""
        deadline = rtype["working_time"].naive_add(received, amount, unit)
        if deadline is None:
            deadline = self.env["grc.sla.engine"]._add_working_time(
                received,
                amount,
                unit,
                rtype["calendar"],
                working_time=rtype["working_time"],
            )
        return deadline

    def _bulk_deadlines(self, context, rtype, priority, received):
        """Deadlines and at-risk dates, as ``_grc_sla_plan`` computes them."""
        plan = rtype["sla"][priority]
        working_time = rtype["working_time"]
        values = {
            "sla_basis": plan["basis"],
            "grc_sla_deadline": None,
            "sla_at_risk_date": None,
            "sla_first_response_deadline": None,
            "sla_first_response_at_risk_date": None,
        }
        for target, deadline_field, at_risk_field in (
            ("resolution", "grc_sla_deadline", "sla_at_risk_date"),
            (
                "first_response",
                "sla_first_response_deadline",
                "sla_first_response_at_risk_date",
            ),
        ):
            if not plan["targets"][target]:
                continue
            amount, unit, __ = plan["targets"][target]
            if unit == "days":
                deadline = self._bulk_memo_days(
                    context, rtype, received, math.ceil(amount)
                )
            else:
                deadline = self._bulk_add_working_time(rtype, received, amount, unit)
            values[deadline_field] = deadline
            at_risk = working_time.naive_at_risk(
                received, deadline, context["risk_ratio"]
            )
            if at_risk is None:
                at_risk = self.env["grc.sla.engine"]._grc_at_risk_date(
                    received,
                    deadline,
                    context["risk_ratio"],
                    rtype["calendar"],
                    working_time=working_time,
                )
            values[at_risk_field] = at_risk
        return values

    def _bulk_acks(self, context, rtype, received):
        registration, receipt = context["ack_days"]
        return {
            "ack_registration_deadline": self._bulk_memo_days(
                context, rtype, received, registration
            ),
            "ack_receipt_deadline": self._bulk_memo_days(
                context, rtype, received, receipt
            ),
        }

    @staticmethod
    def _bulk_implicit(rtype, received):
        if not rtype["implicit"]:
            return None
        delay, unit = rtype["implicit"]
        day = utc.localize(received).astimezone(rtype["tz"]).date()
        if unit == "months":
            return day + relativedelta(months=delay)
        return day + timedelta(days=delay)

    def _bulk_sla_status(self, values):
        """``_grc_sla_status_at(now)`` on the planned values."""
        Ticket = self.env["helpdesk.ticket"]
        now = fields.Datetime.now()
        if values["sla_pause_start"]:
            now = min(now, values["sla_pause_start"])
        done = values["grc_state"] in DONE_STATES
        if done:
            now = (
                values["resolution_date"]
                or values["closed_date"]
                or values["last_stage_update"]
                or now
            )
        statuses = []
        if values["grc_sla_deadline"]:
            statuses.append(
                Ticket._grc_sla_level(
                    now, values["sla_at_risk_date"], values["grc_sla_deadline"], done
                )
            )
        if values["sla_first_response_deadline"]:
            answered = values["first_response_date"]
            statuses.append(
                Ticket._grc_sla_level(
                    answered or now,
                    values["sla_first_response_at_risk_date"],
                    values["sla_first_response_deadline"],
                    done or bool(answered),
                )
            )
        return max(statuses, key=SLA_STATUS_RANK.get, default="on_track")

    # ------------------------------------------------------------------
    # Contacts and satisfaction
    # ------------------------------------------------------------------

    @api.model
    def _bulk_interactions(self, count, rng, context, start, end):
        """Questions answered on the spot at the desk or on the phone."""
        desk = context["desk"]
        if not count or not desk["channels"]:
            return 0
        keys = ["front_desk", "phone"][: len(desk["channels"])]
        span = (end - start).total_seconds()
        citizens = context["citizens"]
        ids = self._bulk_ids("grc.interaction", count)
        columns = [
            "id",
            "name",
            "notes",
            "partner_id",
            "channel_id",
            "user_id",
            "team_id",
            "date",
            "company_id",
            "is_confidential",
            "outcome",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
        ]
        rows = []
        for interaction_id in ids:
            index = rng.choices(range(len(keys)), [65, 35][: len(keys)])[0]
            moment = start + timedelta(seconds=span * self._growth_sample(rng))
            subject, answer = rng.choice(context["voc"]["interactions"])
            date = min(self._in_opening_hours(moment, keys[index], rng), end)
            rows.append(
                (
                    interaction_id,
                    subject,
                    answer,
                    rng.choice(citizens).id,
                    desk["channels"][index],
                    rng.choice(desk["agents"]),
                    desk["team"],
                    date,
                    context["company"].id,
                    desk["confidential"],
                    "answered",
                    self.env.uid,
                    self.env.uid,
                    date,
                    date,
                )
            )
        self._bulk_copy("grc.interaction", columns, rows)
        return len(rows)

    @api.model
    def _bulk_plan_answers(self, plans, rng, context, end):
        """The satisfaction survey of the closed requests, as
        ``_generate_satisfaction`` answers it: every citizen invited at
        closure, about a third answering (their scores set on the plans).

        :return: the invitations to write
        """
        answers = []
        survey = "satisfaction_score" in self.env["helpdesk.ticket"]._fields
        comments = context["voc"]["satisfaction_comments"]
        for plan in plans:
            if not survey:
                break
            plan.update(
                satisfaction_score=None,
                satisfaction_date=None,
                satisfaction_resolved=None,
                satisfaction_comment=None,
            )
            if plan["grc_state"] != "closed" or not context["survey"]:
                continue
            invited = plan["closure_date"] or plan["resolution_date"]
            answer = {
                "ticket": plan["id"],
                "partner": plan["partner_id"],
                "invited": invited,
                "done": None,
                "token": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
            answers.append(answer)
            drawn = draw_satisfaction(
                rng, (plan["resolution_date"] - plan["received_date"]).days, comments
            )
            if not drawn:
                continue
            answer["done"] = min(invited + drawn["delay"], end)
            plan.update(
                satisfaction_score=drawn["score"],
                satisfaction_date=answer["done"],
                satisfaction_resolved=drawn["resolved"],
                satisfaction_comment=drawn["comment"],
            )
        return answers

    @api.model
    def _bulk_answers(self, answers, context):
        """COPY the invitations (survey answers) of the requests."""
        if not answers:
            return 0
        ids = self._bulk_ids("survey.user_input", len(answers))
        columns = [
            "id",
            "survey_id",
            "partner_id",
            "grc_ticket_id",
            "access_token",
            "state",
            "end_datetime",
            "is_session_answer",
            "test_entry",
            "survey_first_submitted",
            "scoring_percentage",
            "scoring_total",
            "scoring_success",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
        ]
        self._bulk_copy(
            "survey.user_input",
            columns,
            (
                (
                    answer_id,
                    context["survey"],
                    answer["partner"],
                    answer["ticket"],
                    answer["token"],
                    "done" if answer["done"] else "new",
                    answer["done"],
                    False,
                    False,
                    bool(answer["done"]),
                    0.0,
                    0.0,
                    False,
                    self.env.uid,
                    self.env.uid,
                    answer["invited"],
                    answer["done"] or answer["invited"],
                )
                for answer_id, answer in zip(ids, answers, strict=True)
            ),
        )
        return len(answers)

    # ------------------------------------------------------------------
    # Complaints
    # ------------------------------------------------------------------

    @api.model
    def _bulk_complaint_context(self, context):
        """What the complaints of every chunk read (once per run)."""
        if "complaints" in context:
            return context["complaints"]
        env = self.env
        officer = env.ref(
            "grc_reclamations.group_reclamation_officer", raise_if_not_found=False
        )
        stages = env["grc.reclamation.stage"].search([], order="sequence, id")
        Reason = env["grc.reclamation.reason"]
        teams = env["helpdesk.ticket.team"].search(
            [("is_direction", "=", False)], order="id"
        )
        company = context["company"]
        context["complaints"] = {
            "reasons": {
                code: (
                    Reason.search([("parent_id.code", "=", code)], order="id")
                    or Reason.search([("code", "=", code)])
                )
                for code in DEMO_REASONS
            },
            "causes": env["grc.reclamation.root.cause"].search([], order="id").ids,
            "channels": env["helpdesk.ticket.channel"].search([], order="id").ids,
            "users": env["res.users"]
            .search(
                [
                    ("groups_id", "in", officer.ids),
                    ("id", "!=", SUPERUSER_ID),
                ],
                order="id",
            )
            .ids,
            "teams": teams,
            "stages": {stage.state: stage.id for stage in reversed(stages)},
            "signatory": company.reclamation_signatory_id.id or None,
            "rules": {},
        }
        return context["complaints"]

    @api.model
    def _bulk_complaints(self, count, plans, rng, context, start, end):
        """Plan and COPY ``count`` complaints, as the demo's complaints go
        (grc.reclamation.demo): six in ten about one of the chunk's requests
        (its citizen, its service), moved as far as their age allows, with
        the deadlines of the complaints' rules."""
        if not count or "grc.reclamation" not in self.env:
            return 0
        data = self._bulk_complaint_context(context)
        teams = data["teams"]
        if not teams or not data["stages"]:
            return 0
        # The engine reads the run's tabled working time (see
        # grc_demo_working_time).
        Rule = self.env["grc.reclamation.deadline.rule"].with_context(
            **{CONTEXT_KEY: context["working_times"]}
        )
        escalation = self.env["grc.reclamation.escalation"]
        company = context["company"]
        now = fields.Datetime.now()
        codes = list(DEMO_REASONS)
        code_weights = [DEMO_REASONS[code][0] for code in codes]
        span_days = (end - start).total_seconds() / 86400
        ids = self._bulk_ids("grc.reclamation", count)
        team_links, ticket_links = [], []
        complaints = []
        for complaint_id in ids:
            code = rng.choices(codes, weights=code_weights)[0]
            subject, text = rng.choice(DEMO_REASONS[code][1])
            reasons = data["reasons"][code]
            plan = rng.choice(plans)
            if rng.random() < 0.6:
                partner, team = plan["partner_id"], teams.browse(plan["team_id"])
                # After the request, within six weeks.
                received = min(
                    plan["received_date"] + timedelta(days=rng.uniform(1, 42)), end
                )
            else:
                plan = None
                partner = rng.choice(context["citizens"]).id
                team = rng.choice(teams)
                focus = FOCUS.get(code)
                if focus is not None and rng.random() < 0.7:
                    team = teams[focus % len(teams)]
                    reasons = reasons[:1]
                days = (
                    rng.uniform(0, 21)
                    if rng.random() < 0.1
                    else rng.uniform(0, span_days)
                )
                received = end - timedelta(days=days, minutes=rng.randint(0, 600))
            values = {
                "id": complaint_id,
                "subject": subject,
                "description": f"<p>{text}</p>",
                "partner_id": partner,
                "reason_id": rng.choice(reasons).id if reasons else None,
                "severity": rng.choices(
                    ["low", "normal", "high", "critical"], weights=[20, 55, 20, 5]
                )[0],
                "channel_id": rng.choice(data["channels"])
                if data["channels"]
                else None,
                "user_id": rng.choice(data["users"]) if data["users"] else None,
                "received_date": received,
                "company_id": company.id,
                "active": True,
                "escalation_level": 0,
                "request_escalated": False,
            }
            calendar = team.resource_calendar_id or company.resource_calendar_id
            if calendar:
                self._bulk_working_time(context, calendar)
            reason = self.env["grc.reclamation.reason"].browse(values["reason_id"])
            # The rules of a reason and severity, searched once per run.
            key = (reason.id, values["severity"])
            if key not in data["rules"]:
                data["rules"][key] = Rule._matching_rules(
                    reason, values["severity"], company
                )
            values.update(
                Rule._compute_deadlines(
                    received,
                    reason,
                    values["severity"],
                    calendar,
                    company,
                    rules=data["rules"][key],
                )
            )
            self._bulk_complaint_progress(values, rng, data, team, end)
            values["stage_id"] = data["stages"].get(values["state"])
            values["deadline_status"] = escalation._status_at(
                SimpleNamespace(**values), now
            )
            for key in ("create_date", "write_date"):
                values[key] = received
            values["create_uid"] = values["write_uid"] = self.env.uid
            complaints.append(values)
            team_links.append((complaint_id, team.id))
            if plan:
                ticket_links.append((complaint_id, plan["id"]))
        complaints.sort(key=lambda values: values["received_date"])
        by_year = {}
        for values in complaints:
            by_year.setdefault(values["received_date"].year, []).append(values)
        for year, year_values in by_year.items():
            numbers = self._bulk_numbers(
                "grc.reclamation", len(year_values), f"{year}-07-01"
            )
            for values, number in zip(year_values, numbers, strict=True):
                values["name"] = number
        columns = list(complaints[0])
        self._bulk_copy(
            "grc.reclamation",
            columns,
            map(operator.itemgetter(*columns), complaints),
        )
        self._bulk_copy_relation(
            "grc_reclamation_team_rel", ("reclamation_id", "team_id"), team_links
        )
        self._bulk_copy_relation(
            "grc_reclamation_ticket_rel", ("reclamation_id", "ticket_id"), ticket_links
        )
        return len(complaints)

    @api.model
    def _bulk_complaint_progress(self, values, rng, data, team, end):
        """The complaint moved as far as its age allows, with dates in the
        past (grc.reclamation.demo's _demo_progress, on plain values)."""
        received = values["received_date"]
        age = (end - received).days
        values.update(
            state="received",
            ack_date=received + timedelta(hours=rng.randint(2, 40)),
            inadmissible_reason=None,
            answer_date=None,
            closed_date=None,
            root_cause_id=None,
            responsible_team_id=None,
            justification=None,
            analysis=None,
            answer_body=None,
            signatory_id=None,
            citizen_satisfaction=None,
        )
        if values["ack_date"] > end:
            values["ack_date"] = None
        if age < 4:
            return
        if rng.random() < 0.08:
            values.update(
                inadmissible_reason="Le courrier ne contient aucun grief précis.",
                answer_date=values["ack_date"] + timedelta(days=rng.randint(1, 5)),
                state="not_admissible",
            )
            if age > 30:
                values.update(state="closed", closed_date=values["answer_date"])
            return
        values["state"] = "admissible"
        if age < 6:
            return
        values["state"] = "analysis"
        if age < 15:
            return
        values.update(
            root_cause_id=rng.choice(data["causes"]) if data["causes"] else None,
            responsible_team_id=team.id,
            justification=rng.choices(
                ["justified", "partly", "not_justified"], weights=[45, 30, 25]
            )[0],
            analysis="<p>Analyse menée avec le service concerné.</p>",
            answer_body=rng.choice(ANSWERS),
            state="drafted",
        )
        if age < 25:
            return
        answer_delay = timedelta(days=rng.choice([8, 12, 15, 20, 25, 35, 50]))
        values.update(
            answer_date=min(received + answer_delay, end),
            state="answered",
            signatory_id=data["signatory"],
        )
        if rng.random() < 0.6:
            values["citizen_satisfaction"] = rng.choices(
                ["satisfied", "not_satisfied"], weights=[70, 30]
            )[0]
        if age > 60:
            values.update(
                state="closed",
                closed_date=min(values["answer_date"] + timedelta(days=30), end),
            )

    @api.model
    def _bulk_copy_relation(self, table, columns, rows):
        """COPY the rows of a many2many table."""
        if not rows:
            return
        buffer = io.StringIO("".join(f"{left}\t{right}\n" for left, right in rows))
        self.env.cr.copy_expert(
            SQL(
                "COPY %s (%s) FROM STDIN",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(column) for column in columns),
            ).code,
            buffer,
        )
