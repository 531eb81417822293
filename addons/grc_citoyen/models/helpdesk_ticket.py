# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import re
from datetime import timedelta

import phonenumbers

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, is_html_empty

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """A citizen request is a helpdesk ticket with a type, a public reference,
    a place and the dates a public service is measured on."""

    _inherit = "helpdesk.ticket"
    _description = "Request"

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type",
        string="Request type",
        index=True,
        tracking=True,
    )
    is_confidential = fields.Boolean(
        compute="_compute_is_confidential",
        store=True,
        help="Visible only to the agents of its service.",
    )
    grc_state = fields.Selection(
        related="stage_id.grc_state", store=True, index=True, string="Status"
    )
    support_need_ids = fields.Many2many(
        related="partner_id.support_need_ids", string="Citizen support needs"
    )
    support_note = fields.Text(related="partner_id.support_note")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    # Where the request is about (a street lamp, a pothole...).
    location_street = fields.Char(string="Street")
    location_zip = fields.Char(string="Postal code", index=True)
    location_city = fields.Char(string="City")
    location_district = fields.Char(string="District", index="btree_not_null")
    location_latitude = fields.Float(string="Latitude", digits=(10, 7))
    location_longitude = fields.Float(string="Longitude", digits=(10, 7))
    received_date = fields.Datetime(
        string="Received on",
        default=fields.Datetime.now,
        required=True,
        index=True,
        tracking=True,
        help="When the authority received the request (a letter may be "
        "registered days after it arrived).",
    )
    first_response_date = fields.Datetime(
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="First answer sent to the citizen.",
    )
    resolution_date = fields.Datetime(copy=False, index="btree_not_null", tracking=True)
    closure_date = fields.Datetime(copy=False, index="btree_not_null", tracking=True)
    grc_resolution = fields.Html(
        string="Resolution",
        help="What was done; told to the citizen when the request is resolved.",
    )
    # A request is a ticket: name helpdesk's fields the way a public service does.
    partner_id = fields.Many2one(string="Citizen")
    team_id = fields.Many2one(string="Service")
    user_id = fields.Many2one(string="Agent")
    number = fields.Char(string="Reference")
    partner_name = fields.Char(string="Citizen name")
    partner_email = fields.Char(string="Citizen e-mail")
    # Same label: helpdesk_mgmt's French catalogue leaves it untranslated.
    notes = fields.Html(string="Internal notes")
    citizen_phone_search = fields.Char(
        string="Citizen phone",
        compute="_compute_citizen_phone_search",
        search="_search_citizen_phone_search",
        help="Finds the requests of a citizen whatever way their phone number "
        "was typed (06 12 34 56 78, +33612345678...).",
    )

    _sql_constraints = [
        (
            "number_company_uniq",
            "unique(number, company_id)",
            "Two requests cannot share the same reference.",
        ),
    ]

    def init(self):
        res = super().init()
        # Few requests are confidential: an index of those only, which most
        # new requests do not write in (filters look for the confidential
        # ones; the record rule reads the others, most of the table).
        self.env.cr.execute(
            "DROP INDEX IF EXISTS helpdesk_ticket__is_confidential_index"
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS helpdesk_ticket_confidential_index
            ON helpdesk_ticket (is_confidential) WHERE is_confidential
            """
        )
        return res

    @api.depends("request_type_id.is_confidential", "team_id.is_confidential")
    def _compute_is_confidential(self):
        for ticket in self:
            ticket.is_confidential = (
                ticket.request_type_id.is_confidential or ticket.team_id.is_confidential
            )

    # ---------------------------------------------------
    # Life cycle hooks: the only create and write of the model in this addon
    # ---------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        given = [set(vals) for vals in vals_list]
        self._grc_prepare_request_values(vals_list)
        # Computed with the values by _grc_precompute_step: not again.
        fnames = self._grc_precomputed_fields()
        precomputed = [
            [fname for fname in fnames if fname in vals and fname not in before]
            for vals, before in zip(vals_list, given, strict=True)
        ]
        tickets = super().create(vals_list)
        for ticket, names in zip(tickets, precomputed, strict=True):
            for fname in names:
                self.env.remove_to_compute(self._fields[fname], ticket)
        tickets._grc_after_create()
        return tickets

    @api.model
    def _grc_request_steps(self):
        """The steps that complete the values of new requests, as a list of
        (sequence, method name); each method takes the list of values.

        Every intake path (portal, e-mail, API, front desk, paper) creates its
        requests through ``create``, so all get the same treatment. Each
        addon adds its steps; the sequence says where they run, whatever the
        order in which addons or files are loaded: 10 place (district),
        20 routing, 30 assignment, 80 the stored computed fields (stage,
        status, deadlines: steps after it must not change what they depend
        on), 90 acknowledgement.
        """
        return [(80, "_grc_precompute_step")]

    @api.model
    def _grc_prepare_request_values(self, vals_list):
        """Run the intake steps on the values of new requests, in order."""
        for __, step in sorted(self._grc_request_steps()):
            getattr(self, step)(vals_list)
        return vals_list

    @api.model
    def _grc_precomputed_fields(self):
        """Stored computed fields that the values of a new request decide,
        given with them by ``_grc_precompute_step``; addons add theirs."""
        return [
            "commercial_partner_id",
            "unattended",
            "closed",
            "grc_state",
            "is_confidential",
        ]

    @api.model
    def _grc_precompute_step(self, vals_list):
        """Add to the values of new requests their stage and the stored fields
        computed from them (status, confidentiality, deadlines...), so that
        the row is inserted complete.

        Otherwise the ORM computes these fields after the insert and writes
        them with an UPDATE that changes indexed columns: PostgreSQL then
        writes a second version of the row in every index of the table.
        Odoo's ``precompute`` does not apply: the fields depend on the service
        and the stage, which helpdesk_mgmt computes after the insert. They
        are computed here on a new record holding the final values (the
        stage and company helpdesk_mgmt's create would set, the defaults),
        hence the last step but the acknowledgement: a later step must not
        change what they depend on. Only for requests given their service:
        the stage of the others is chosen after the insert.
        """
        fnames = self._grc_precomputed_fields()
        # The fields they depend on that may come from defaults.
        depends = self._grc_precomputed_depends()
        # A new record has no id: nothing to track on it (mail would prepare
        # the tracking of every field computed on it, for nothing).
        new_records = self.with_context(mail_notrack=True)
        for vals in vals_list:
            if not vals.get("team_id"):
                continue
            # sudo: whoever files the request, as helpdesk_mgmt's create reads
            # the service's company and stages (then skipped, already set).
            team = self.env["helpdesk.ticket.team"].sudo().browse(vals["team_id"])
            if team.company_id:
                vals["company_id"] = team.company_id.id
            if "stage_id" not in vals:
                vals["stage_id"] = self._grc_first_stage_id(team)
            missing = [fname for fname in depends if fname not in vals]
            record_vals = vals
            if missing:
                # As create would add them.
                vals.update(self.default_get(missing))
                # Those without a default are empty on the new record, as
                # they would be (left out, each read of them would ask
                # default_get again); computed ones are computed on it.
                record_vals = dict.fromkeys(
                    (f for f in missing if not self._fields[f].compute), False
                )
                record_vals.update(vals)
            ticket = new_records._grc_new_request(record_vals, keep=depends)
            for fname in fnames:
                if fname not in vals:
                    field = self._fields[fname]
                    vals[fname] = field.convert_to_write(ticket[fname], ticket)

    @api.model
    def _grc_new_request(self, vals, keep=()):
        """A new record of the request ``vals`` describe, to compute on it
        what the row is inserted with. The lines it is created with (a
        form's answers, files) are left out, unless named in ``keep``: each
        would become a new record of its model, for nothing."""
        return self.new(
            {
                fname: value
                for fname, value in vals.items()
                if fname in keep
                or getattr(self._fields.get(fname), "type", None)
                not in ("one2many", "many2many")
            }
        )

    @api.model
    @tools.ormcache()
    def _grc_precomputed_depends(self):
        """The fields of the request the precomputed fields depend on (the
        first name of each dependency), as a frozenset."""
        return frozenset(
            path.split(".")[0]
            for fname in self._grc_precomputed_fields()
            for path in self.pool.field_depends[self._fields[fname]]
        )

    @api.model
    def _grc_first_stage_id(self, team):
        """The stage helpdesk_mgmt's create gives a new request of ``team``
        (sudo): the first of its applicable stages, read from the registry
        cache (``helpdesk.ticket.stage`` empties it when stages change)."""
        if not self.env.context.get("active_test", True):
            return team._get_applicable_stages()[:1].id
        return self._grc_first_stage_id_cached(team.id, team.company_id.id)

    @api.model
    @tools.ormcache("team_id", "company_id")
    def _grc_first_stage_id_cached(self, team_id, company_id):
        # sudo: as helpdesk_mgmt's create, whoever files the request; the
        # service's company is part of the key (its stages depend on it).
        # pylint: disable-next=context-overridden
        team = self.env["helpdesk.ticket.team"].sudo().with_context({})
        return team.browse(team_id)._get_applicable_stages()[:1].id

    def _grc_after_create(self):
        """Side effects of new requests, once they exist (one call per
        ``create``); addons extend it."""
        return True

    def _grc_on_state_change(self, old_states):
        """Side effects of a change of status, called once per ``write`` that
        changes the stage, after it; addons extend it.

        :param old_states: {request id: status (``grc_state``) before}
        """
        return True

    def _prepare_ticket_number(self, values):
        """Citizens get a public reference DEM-YYYY-NNNNNN instead of HTnnnnn."""
        seq = self.env["ir.sequence"]
        if "company_id" in values:
            seq = seq.with_company(values["company_id"])
        # next_by_code, the sequence found in the registry cache (no search).
        return seq._grc_next_by_code("grc.request") or super()._prepare_ticket_number(
            values
        )

    # ---------------------------------------------------
    # Search
    # ---------------------------------------------------

    def _compute_citizen_phone_search(self):
        self.citizen_phone_search = False

    @api.model
    def _grc_phone_search_patterns(self, value):
        """LIKE patterns matching a phone number whatever its written form.

        A full number is matched in its national (0612345678), E.164
        (+33612345678) and international (0033612345678) forms; a partial one
        by its digits.
        """
        digits = re.sub(r"\D", "", value or "")
        if not digits:
            return []
        variants = {digits}
        try:
            number = phonenumbers.parse(value, "FR")
        except phonenumbers.NumberParseException:
            number = None
        if number and phonenumbers.is_possible_number(number):
            e164 = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
            national = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.NATIONAL
            )
            variants |= {e164, "00" + e164[1:], re.sub(r"\D", "", national)}
        return [f"%{variant}%" for variant in sorted(variants)]

    def _search_citizen_phone_search(self, operator, value):
        if operator not in ("ilike", "like", "=", "=ilike") or not isinstance(
            value, str
        ):
            raise UserError(
                self.env._(
                    "Search the citizen phone with a number, e.g. 06 12 34 56 78."
                )
            )
        patterns = self._grc_phone_search_patterns(value)
        if not patterns:
            return [("id", "=", False)]
        # Stored numbers are typed by hand: compare them without separators.
        self.env["res.partner"].flush_model(["phone", "mobile"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM res_partner
                    WHERE regexp_replace(phone, '[^0-9+]', '', 'g') LIKE ANY(%(p)s)
                       OR regexp_replace(mobile, '[^0-9+]', '', 'g') LIKE ANY(%(p)s)""",
                p=patterns,
            )
        )
        return [("partner_id", "in", [row[0] for row in self.env.cr.fetchall()])]

    # ---------------------------------------------------
    # Life cycle
    # ---------------------------------------------------

    @api.model
    def _grc_allowed_transitions(self):
        """Moves allowed between request statuses (``grc_state`` of stages).

        Override to change the life cycle. Reopening a closed request is not a
        move of this map: it is the explicit ``action_grc_reopen``.
        """
        return {
            "new": {"qualified", "in_progress", "cancelled"},
            "qualified": {"in_progress", "waiting", "cancelled"},
            "in_progress": {"waiting", "resolved", "cancelled"},
            "waiting": {"in_progress", "resolved", "cancelled"},
            "resolved": {"closed", "in_progress"},
            "closed": set(),
            "cancelled": set(),
        }

    def _grc_is_transition_allowed(self, new_stage):
        """Whether this request may go to ``new_stage``.

        Stages without a request status are not restricted.
        """
        self.ensure_one()
        old_state, new_state = self.stage_id.grc_state, new_stage.grc_state
        if not old_state or not new_state or old_state == new_state:
            return True
        if (
            old_state == "closed"
            and new_state == "in_progress"
            and self.env.context.get("grc_reopen")
        ):
            return True
        return new_state in self._grc_allowed_transitions().get(old_state, ())

    def _grc_check_stage_change(self, new_stage, vals):
        for ticket in self:
            if ticket.stage_id == new_stage:
                continue
            if not ticket._grc_is_transition_allowed(new_stage):
                raise UserError(
                    self.env._(
                        'Request %(ref)s cannot go from stage "%(old_stage)s" to '
                        'stage "%(new_stage)s".',
                        ref=ticket.number,
                        old_stage=ticket.stage_id.name,
                        new_stage=new_stage.name,
                    )
                )
            if (
                ticket.stage_id.grc_state == "closed"
                and new_stage.grc_state == "in_progress"
            ):
                ticket._grc_check_reopen_window()
            if new_stage.grc_state == "resolved" and is_html_empty(
                vals.get("grc_resolution", ticket.grc_resolution)
            ):
                raise UserError(
                    self.env._(
                        "Describe the resolution of request %(ref)s (what was "
                        "done) before resolving it: the citizen is told about it.",
                        ref=ticket.number,
                    )
                )

    def _grc_stage_change_values(self, new_stage, now):
        """Dates a request gets when it enters ``new_stage``."""
        self.ensure_one()
        old_state, new_state = self.stage_id.grc_state, new_stage.grc_state
        values = {}
        if self.stage_id == new_stage or old_state == new_state:
            return values
        if new_state == "resolved":
            values["resolution_date"] = now
            if not self.first_response_date:
                # Solving the request is an answer to the citizen too.
                values["first_response_date"] = now
        elif new_state == "closed":
            values["closure_date"] = now
        elif old_state in ("resolved", "closed") and new_state != "cancelled":
            # Reopened: the request is being handled again.
            values.update(resolution_date=False, closure_date=False, closed_date=False)
        return values

    def write(self, vals):
        if not vals.get("stage_id"):
            return super().write(vals)
        new_stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        self._grc_check_stage_change(new_stage, vals)
        old_states = {ticket.id: ticket.grc_state for ticket in self}
        now = fields.Datetime.now()
        # Requests coming from different statuses get different dates: write
        # each group of identical values at once.
        groups = {}
        for ticket in self:
            key = tuple(sorted(ticket._grc_stage_change_values(new_stage, now).items()))
            groups[key] = groups.get(key, self.browse()) | ticket
        for key, tickets in groups.items():
            super(HelpdeskTicket, tickets).write({**dict(key), **vals})
        self._grc_on_state_change(old_states)
        return True

    def _grc_stage_for_state(self, state):
        """First stage standing for ``state`` usable by the request's service."""
        stages = self.team_id[:1]._get_applicable_stages()
        return stages.filtered(lambda stage: stage.grc_state == state)[:1]

    def _grc_move_to_state(self, state, raise_if_no_stage=True):
        for team, tickets in self.grouped("team_id").items():
            stage = tickets._grc_stage_for_state(state)
            if not stage:
                if raise_if_no_stage:
                    state_label = dict(
                        self.env["helpdesk.ticket.stage"]
                        ._fields["grc_state"]
                        ._description_selection(self.env)
                    )[state]
                    raise UserError(
                        self.env._(
                            'No stage stands for the status "%(state)s" for the '
                            "service %(team)s: set one up in the configuration.",
                            state=state_label,
                            team=team.display_name or "-",
                        )
                    )
                _logger.info(
                    "No %s stage for service %s: %s left as is",
                    state,
                    team.display_name,
                    tickets,
                )
                continue
            tickets.write({"stage_id": stage.id})
        return True

    def _grc_reopen_deadline(self):
        """Until when a resolved or closed request can be reopened."""
        self.ensure_one()
        start = self.resolution_date or self.closure_date
        if not start:
            return False
        return start + timedelta(days=self.company_id.grc_reopen_days)

    def _grc_check_reopen_window(self):
        for ticket in self:
            deadline = ticket._grc_reopen_deadline()
            if deadline and fields.Datetime.now() > deadline:
                raise UserError(
                    self.env._(
                        "Request %(ref)s can no longer be reopened: the %(days)s "
                        "days to reopen it after its resolution have passed. "
                        "File a new request instead.",
                        ref=ticket.number,
                        days=ticket.company_id.grc_reopen_days,
                    )
                )

    def action_grc_qualify(self):
        return self._grc_move_to_state("qualified")

    def action_grc_start(self):
        return self._grc_move_to_state("in_progress")

    def action_grc_wait(self):
        return self._grc_move_to_state("waiting")

    def action_grc_resolve(self):
        return self._grc_move_to_state("resolved")

    def action_grc_close(self):
        return self._grc_move_to_state("closed")

    def action_grc_cancel(self):
        return self._grc_move_to_state("cancelled")

    def action_grc_reopen(self):
        """Send resolved or closed requests back to their agent."""
        not_done = self.filtered(
            lambda ticket: ticket.grc_state not in ("resolved", "closed")
        )
        if not_done:
            raise UserError(
                self.env._(
                    "Only resolved or closed requests can be reopened (%(refs)s).",
                    refs=", ".join(not_done.mapped("number")),
                )
            )
        self._grc_check_reopen_window()
        # The agent is kept: the one who handled the request takes it back.
        return self.with_context(grc_reopen=True)._grc_move_to_state("in_progress")

    def _grc_portal_close_stages(self):
        """Stages the citizen may move this request to from the portal."""
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered("close_from_portal")
        return stages.filtered(
            lambda stage: stage != self.stage_id
            and self._grc_is_transition_allowed(stage)
            and not (
                stage.grc_state == "resolved" and is_html_empty(self.grc_resolution)
            )
        )

    @api.model
    def _cron_close_resolved_requests(self, batch_size=500):
        """Close the requests resolved for longer than the reopen window.

        Idempotent: closed requests are no longer resolved, so a second run
        finds nothing; a run that stops halfway is resumed by the next one.
        """
        now = fields.Datetime.now()
        by_company = []
        # sudo: the cron closes requests of every company, not only its user's.
        for company in self.env["res.company"].sudo().search([]):
            cutoff = now - timedelta(days=company.grc_reopen_days)
            by_company.append(
                [
                    ("company_id", "=", company.id),
                    "|",
                    ("resolution_date", "<=", cutoff),
                    "&",
                    ("resolution_date", "=", False),
                    ("last_stage_update", "<=", cutoff),
                ]
            )
        domain = expression.AND(
            [[("grc_state", "=", "resolved")], expression.OR(by_company)]
        )
        tickets = self.search(domain, order="resolution_date, id", limit=batch_size)
        tickets._grc_move_to_state("closed", raise_if_no_stage=False)
        remaining = self.search_count(domain) if len(tickets) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=remaining)
        return tickets

    @api.model
    def _cron_prepare_reference_ranges(self, days_ahead=31):
        """Create the yearly range of the request reference ahead of time.

        ``ir.sequence`` creates a year's range on the first number it draws;
        two requests filed at once on the first day of a year would each create
        one and both get DEM-YYYY-000001. Creating it in advance avoids that.
        """
        today = fields.Date.today()
        # sudo: only administrators read sequences; the cron prepares their ranges.
        ranges = self.env["ir.sequence.date_range"].sudo()
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "grc.request"), ("use_date_range", "=", True)])
        )
        for sequence in sequences:
            for day in (today, today + timedelta(days=days_ahead)):
                if not ranges.search_count(
                    [
                        ("sequence_id", "=", sequence.id),
                        ("date_from", "<=", day),
                        ("date_to", ">=", day),
                    ],
                    limit=1,
                ):
                    sequence._create_date_range_seq(day)
        return True

    # ---------------------------------------------------
    # Messages
    # ---------------------------------------------------

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if not self.first_response_date and self._grc_is_answer_to_citizen(message):
            # sudo: the system stamps this date, whatever the author may write.
            self.sudo().write({"first_response_date": fields.Datetime.now()})
        return message

    def _grc_is_answer_to_citizen(self, message):
        """A message sent to the followers by an agent, not a note nor a
        message generated by the system."""
        # sudo: citizens cannot read subtypes nor users telling an agent's answer.
        message = message.sudo()
        if message.message_type != "comment" or not message.subtype_id:
            return False
        if message.subtype_id.internal:
            return False
        author = message.author_id
        if not author or author == self.env.ref("base.partner_root"):
            return False
        return any(
            not user.share for user in author.with_context(active_test=False).user_ids
        )
