# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import defaultdict

import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .grc_text import grc_strip_bidi

# Requests in these states no longer wait for anything.
FINISHED_REQUEST_STATES = ("resolved", "closed", "cancelled")
# Real correspondence; tracking and system notifications are left out.
MESSAGE_TYPES = ("email", "comment", "email_outgoing")
# Values stored normalised on citizens.
CONTACT_FIELDS = ("email", "phone", "mobile")


class ResPartner(models.Model):
    """A citizen is a partner: one record whatever the channel they use."""

    _inherit = "res.partner"

    is_citizen = fields.Boolean(
        string="Citizen",
        index=True,
        help="This contact is a user of the authority's public services.",
    )
    citizen_number = fields.Char(
        copy=False,
        index=True,
        readonly=True,
        help="Number of the citizen in the referential, given on creation.",
    )
    birthdate = fields.Date(
        string="Date of birth", help="Helps tell two homonyms apart."
    )
    preferred_channel = fields.Selection(
        selection=[
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("sms", "SMS"),
            ("post", "Post"),
            ("portal", "Online account"),
        ],
        default="email",
        help="How the citizen wants to be contacted.",
    )
    consent_email = fields.Boolean(
        string="Agrees to e-mails", default=True, tracking=True
    )
    consent_sms = fields.Boolean(string="Agrees to SMS", tracking=True)
    consent_post = fields.Boolean(
        string="Agrees to letters", default=True, tracking=True
    )
    support_need_ids = fields.Many2many(
        comodel_name="grc.support.need",
        string="Support needs",
        help="Shown to every agent who opens this citizen or one of their requests.",
    )
    support_note = fields.Text(
        help="How to help this citizen (interpreter, large print, call back...)."
    )
    grc_interaction_ids = fields.One2many(
        comodel_name="grc.interaction", inverse_name="partner_id", string="Interactions"
    )
    # The dedup engine looks citizens up by exact values: indexed columns.
    email_normalized = fields.Char(index="btree_not_null")
    phone = fields.Char(index="btree_not_null")
    mobile = fields.Char(index="btree_not_null")
    grc_name_key = fields.Char(
        string="Name key",
        compute="_compute_grc_name_key",
        store=True,
        index="btree_not_null",
        help="Name without accents, case nor word order, to find homonyms.",
    )
    grc_street_key = fields.Char(
        string="Street key",
        compute="_compute_grc_street_key",
        store=True,
        help="Street line without accents, punctuation nor abbreviations.",
    )
    grc_duplicate_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Suspected duplicates",
        compute="_compute_grc_duplicate_ids",
        help="Other citizens with the same e-mail, phone, or name and address or "
        "date of birth.",
    )
    grc_duplicate_count = fields.Integer(
        string="Duplicates", compute="_compute_grc_duplicate_ids"
    )
    grc_is_suspected_duplicate = fields.Boolean(
        string="Suspected duplicate",
        compute="_compute_grc_duplicate_ids",
        search="_search_grc_is_suspected_duplicate",
    )
    grc_phone_search = fields.Char(
        string="Phone number",
        compute="_compute_grc_phone_search",
        search="_search_grc_phone_search",
        help="Search on phone and mobile as the number is typed: "
        '"06 12 34 56 78" finds +33612345678.',
    )
    grc_request_count = fields.Integer(
        string="Requests", compute="_compute_grc_request_counts"
    )
    grc_request_open_count = fields.Integer(
        string="Open requests", compute="_compute_grc_request_counts"
    )
    grc_interaction_count = fields.Integer(
        string="Interactions count", compute="_compute_grc_interaction_count"
    )
    grc_message_count = fields.Integer(
        string="Messages exchanged", compute="_compute_grc_message_count"
    )

    _sql_constraints = [
        (
            "citizen_number_uniq",
            "unique(citizen_number)",
            "Two citizens cannot share the same number.",
        ),
    ]

    # ------------------------------------------------------------------
    # Normalisation
    # ------------------------------------------------------------------

    @api.depends("name", "is_citizen")
    def _compute_grc_name_key(self):
        dedup = self.env["grc.citizen.dedup"]
        for partner in self:
            partner.grc_name_key = partner.is_citizen and dedup._normalize_name(
                partner.name
            )

    @api.depends("street", "is_citizen")
    def _compute_grc_street_key(self):
        dedup = self.env["grc.citizen.dedup"]
        for partner in self:
            partner.grc_street_key = partner.is_citizen and dedup._normalize_street(
                partner.street
            )

    @api.model
    def _grc_normalize_contact_values(self, vals, country_code=None):
        """Normalised e-mail and numbers of ``vals`` (only the keys it has)."""
        dedup = self.env["grc.citizen.dedup"]
        result = {}
        if "email" in vals:
            result["email"] = dedup._normalize_email(vals["email"], "email")
        for fname in ("phone", "mobile"):
            if fname in vals:
                result[fname] = dedup._normalize_phone(vals[fname], country_code, fname)
        return result

    @api.model
    def _grc_country_code(self, vals, partner=None):
        if vals.get("country_id"):
            return self.env["res.country"].browse(vals["country_id"]).code
        if partner is not None and "country_id" not in vals:
            return partner.country_id.code
        return None

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        default_citizen = self.env.context.get("default_is_citizen")
        for vals in vals_list:
            if "name" in vals:
                vals["name"] = grc_strip_bidi(vals["name"])
            if vals.get("is_citizen", default_citizen):
                vals.update(
                    self._grc_normalize_contact_values(
                        vals, self._grc_country_code(vals)
                    )
                )
                if not vals.get("citizen_number"):
                    vals["citizen_number"] = sequence.next_by_code("grc.citizen")
        return super().create(vals_list)

    def write(self, vals):
        # The only write of res.partner in this addon. The address of a
        # citizen's account changes only once proven (res_partner_email).
        guarded = self._grc_email_change_guard(vals)
        if guarded:
            others = dict(vals)
            others.pop("email")
            if others:
                guarded.write(others)
            if self - guarded:
                (self - guarded).write(vals)
            return True
        unproven = self._grc_email_unproven(vals)
        result = self._grc_write_contact(vals)
        if unproven:
            # sudo: an address nobody proved (typed by an agent, cleared).
            super(ResPartner, unproven.sudo()).write({"grc_email_verified": False})
        return result

    def _grc_write_contact(self, vals):
        """Write ``vals``, the contact details of citizens normalised."""
        if "name" in vals:
            # A right-to-left override makes a name read otherwise.
            vals = dict(vals, name=grc_strip_bidi(vals["name"]))
        becoming = vals.get("is_citizen")
        if not becoming and not set(CONTACT_FIELDS) & vals.keys():
            return super().write(vals)
        if "is_citizen" in vals:
            citizens = self if becoming else self.browse()
        else:
            citizens = self.filtered("is_citizen")
        if self - citizens:
            super(ResPartner, self - citizens).write(vals)
        new_citizens = citizens.filtered(lambda p: not p.is_citizen)
        # Numbers without prefix are read in the country of the citizen.
        by_country = citizens.grouped(lambda p: self._grc_country_code(vals, p))
        for country_code, partners in by_country.items():
            values = dict(
                vals, **self._grc_normalize_contact_values(vals, country_code)
            )
            super(ResPartner, partners).write(values)
        # A contact flagged as citizen: its existing e-mail and numbers are
        # normalised too, and it enters the referential with a number.
        sequence = self.env["ir.sequence"]
        for partner in new_citizens:
            current = {
                fname: partner[fname] for fname in CONTACT_FIELDS if fname not in vals
            }
            fixes = {
                fname: value
                for fname, value in partner._grc_normalize_contact_values(
                    current, partner.country_id.code
                ).items()
                if value != current[fname]
            }
            if not partner.citizen_number:
                fixes["citizen_number"] = sequence.next_by_code("grc.citizen")
            if fixes:
                super(ResPartner, partner).write(fixes)
        return True

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------

    @api.depends(
        "is_citizen", "email", "phone", "mobile", "name", "street", "zip", "birthdate"
    )
    def _compute_grc_duplicate_ids(self):
        duplicates = self.env["grc.citizen.dedup"]._find_duplicates(self)
        for partner in self:
            partner.grc_duplicate_ids = duplicates.get(partner.id, self.browse())
            partner.grc_duplicate_count = len(partner.grc_duplicate_ids)
            partner.grc_is_suspected_duplicate = bool(partner.grc_duplicate_ids)

    def _search_grc_is_suspected_duplicate(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on suspected duplicates."))
        ids = self.env["grc.citizen.dedup"]._suspected_duplicate_ids()
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # Phone search
    # ------------------------------------------------------------------

    def _compute_grc_phone_search(self):
        for partner in self:
            partner.grc_phone_search = partner.phone or partner.mobile

    def _search_grc_phone_search(self, operator, value):
        """Find a number however it is typed: as a whole number, normalised to
        E.164, otherwise as the beginning or a part of the stored number."""
        if operator not in ("=", "ilike", "like", "=ilike", "=like") or not isinstance(
            value, str
        ):
            raise UserError(self.env._("Unsupported search on phone numbers."))
        dedup = self.env["grc.citizen.dedup"]
        number = dedup._normalize_phone(value, raise_exception=False)
        if number:
            return ["|", ("phone", "=", number), ("mobile", "=", number)]
        digits = re.sub(r"\D", "", value)
        if len(digits) < 3 or re.search(r"[^\d\s.\-()/+]", value):
            return expression.FALSE_DOMAIN
        if value.strip().startswith("+"):
            operator, pattern = "=like", f"+{digits}%"
        elif digits.startswith("00"):
            operator, pattern = "=like", f"+{digits[2:]}%"
        elif digits.startswith("0"):
            prefix = phonenumbers.country_code_for_region(dedup.DEFAULT_REGION)
            operator, pattern = "=like", f"+{prefix}{digits[1:]}%"
        else:
            operator, pattern = "like", digits
        return ["|", ("phone", operator, pattern), ("mobile", operator, pattern)]

    # ------------------------------------------------------------------
    # 360° counters: one grouped query per counter, whatever the number of
    # citizens
    # ------------------------------------------------------------------

    def _compute_grc_request_counts(self):
        total, open_ = defaultdict(int), defaultdict(int)
        if self._origin.ids:
            groups = self.env["helpdesk.ticket"]._read_group(
                [("partner_id", "in", self._origin.ids)],
                groupby=["partner_id", "grc_state"],
                aggregates=["__count"],
            )
            for partner, state, count in groups:
                total[partner.id] += count
                if state not in FINISHED_REQUEST_STATES:
                    open_[partner.id] += count
        for partner in self:
            partner.grc_request_count = total[partner._origin.id]
            partner.grc_request_open_count = open_[partner._origin.id]

    def _compute_grc_interaction_count(self):
        counts = {}
        if self._origin.ids:
            counts = dict(
                self.env["grc.interaction"]._read_group(
                    [("partner_id", "in", self._origin.ids)],
                    groupby=["partner_id"],
                    aggregates=["__count"],
                )
            )
        for partner in self:
            partner.grc_interaction_count = counts.get(partner._origin, 0)

    def _grc_message_domain(self):
        return [
            ("message_type", "in", MESSAGE_TYPES),
            "|",
            ("author_id", "in", self.ids),
            ("notified_partner_ids", "in", self.ids),
        ]

    def _compute_grc_message_count(self):
        """Messages the citizen wrote or received, on any document."""
        counts = defaultdict(int)
        ids = self._origin.ids
        if ids:
            messages = self.env["mail.message"]
            types = [("message_type", "in", MESSAGE_TYPES)]
            for fname in ("author_id", "notified_partner_ids"):
                groups = messages._read_group(
                    [(fname, "in", ids), *types],
                    groupby=[fname],
                    aggregates=["__count"],
                )
                for partner, count in groups:
                    counts[partner.id] += count
        for partner in self:
            partner.grc_message_count = counts[partner._origin.id]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _grc_accepts(self, purpose):
        """Whether the citizen may be contacted for ``purpose``: "sms"
        (follow-up by SMS), "survey" (satisfaction surveys), "email_news".
        grc_citoyen_privacy records the consents behind the answer."""
        self.ensure_one()
        if purpose == "sms":
            return self.consent_sms
        return purpose == "survey"

    def action_view_grc_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc"
        )
        action.update(
            name=self.env._("Requests of %(name)s", name=self.display_name),
            domain=[("partner_id", "=", self.id)],
            context={"default_partner_id": self.id},
        )
        return action

    def action_view_grc_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.grc_interaction_action"
        )
        action.update(
            name=self.env._("Interactions with %(name)s", name=self.display_name),
            domain=[("partner_id", "=", self.id)],
            context={"default_partner_id": self.id},
        )
        return action

    def action_view_grc_messages(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Messages of %(name)s", name=self.display_name),
            "res_model": "mail.message",
            "view_mode": "list,form",
            "domain": self._grc_message_domain(),
            "context": {"create": False},
        }

    def action_view_grc_duplicates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.res_partner_action_citizen"
        )
        action.update(
            name=self.env._("Suspected duplicates of %(name)s", name=self.display_name),
            domain=[("id", "in", (self | self.grc_duplicate_ids).ids)],
        )
        return action

    def action_merge_grc_duplicates(self):
        """Open Odoo's merge wizard on the citizen and its suspected duplicates;
        the oldest record is proposed as the one to keep."""
        self.ensure_one()
        if not self.grc_duplicate_ids:
            raise UserError(
                self.env._("%(name)s has no suspected duplicate.", name=self.name)
            )
        partners = self | self.grc_duplicate_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge citizens"),
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_id": self.id,
                "active_ids": partners.ids,
            },
        }
