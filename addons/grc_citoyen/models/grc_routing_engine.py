# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routing engine: request values -> (service, rule, trace).

Rules are compiled once per registry into plain tuples (``ormcache``) and
evaluated in memory, so routing a request costs no query per rule. The cache
is cleared whenever a rule is created, changed or deleted.
"""

from typing import NamedTuple

from odoo import api, models, tools

from ..tools.normalize import html_to_text, normalize_text, normalize_zip, split_list

# Keywords are first looked up by their first letters among those of the
# words of the request, a set operation far cheaper than searching the text.
KEY_LENGTH = 3


class CompiledRule(NamedTuple):
    """A routing rule reduced to immutable values (what the cache holds)."""

    id: int
    name: str
    sequence: int
    company_id: int
    type_ids: frozenset
    category_ids: frozenset
    channel_ids: frozenset
    zips: frozenset
    zip_prefixes: tuple
    places: frozenset
    keywords: tuple  # normalised, each prefixed with a space (word start)
    keyword_keys: frozenset  # first letters of the keywords: a cheap pre-test
    team_id: int
    priority: str
    tag_ids: tuple


class RoutingInput(NamedTuple):
    """What the rules look at in a request, normalised once per request."""

    company_id: int
    type_id: int
    category_path: frozenset  # the category and all its parents
    channel_id: int
    zip: str
    places: frozenset  # normalised district and city
    text: str  # " " + normalised subject and description
    word_keys: frozenset  # first one to three letters of each word of text


def failing_condition(rule, request):
    """Name of the first condition of ``rule`` that ``request`` fails, or None.

    Conditions left empty on the rule accept any request. Cheap tests first.
    """
    if rule.company_id and rule.company_id != request.company_id:
        return "company"
    if rule.type_ids and request.type_id not in rule.type_ids:
        return "type"
    if rule.category_ids and rule.category_ids.isdisjoint(request.category_path):
        return "category"
    if rule.channel_ids and request.channel_id not in rule.channel_ids:
        return "channel"
    if (rule.zips or rule.zip_prefixes or rule.places) and not (
        request.zip in rule.zips
        or (request.zip and request.zip.startswith(rule.zip_prefixes))
        or not rule.places.isdisjoint(request.places)
    ):
        return "zone"
    if rule.keywords and (
        rule.keyword_keys.isdisjoint(request.word_keys)
        or not any(kw in request.text for kw in rule.keywords)
    ):
        return "keywords"
    return None


class GrcRoutingEngine(models.AbstractModel):
    _name = "grc.routing.engine"
    _description = "Routing engine of citizen requests"

    # ------------------------------------------------------------------
    # Public interface
    # ------------------------------------------------------------------

    @api.model
    def _route(self, values):
        """Choose the service of a new request.

        :param values: request values (``helpdesk.ticket`` field names, ids
            or records): request_type_id, category_id, channel_id, company_id,
            location_zip, location_city, location_district, name, description.
        :return: (service, rule, trace) -- service and rule may be empty
            recordsets; trace tells in words why this service was chosen.
        """
        request = self._routing_input(values)
        rules = self._compiled_rules()
        checked = 0
        for rule in rules:
            checked += 1
            if failing_condition(rule, request) is None:
                # sudo: citizens cannot read services; the team returns in their env.
                team = self.env["helpdesk.ticket.team"].sudo().browse(rule.team_id)
                if not team.active:
                    continue
                trace = self.env._(
                    "Rule “%(rule)s” (sequence %(sequence)s) matched: %(why)s.",
                    rule=rule.name,
                    sequence=rule.sequence,
                    why=", ".join(self._match_reasons(rule, request)),
                )
                return (
                    team.with_env(self.env),
                    self.env["grc.routing.rule"].browse(rule.id),
                    trace,
                )
        team, trace = self._fallback(values, request, checked)
        return team, self.env["grc.routing.rule"], trace

    @api.model
    def _routing_origin(self, team, rule, values):
        """How the service was found: rule, request_type, triage or none."""
        if rule:
            return "rule"
        if not team:
            return "none"
        request_type = self._record("grc.request.type", values.get("request_type_id"))
        if team == request_type.team_id:
            return "request_type"
        return "triage"

    @api.model
    def _explain(self, values):
        """Verdict of every rule for ``values``, for the "test the rules" screen.

        :return: list of (rule id, rule name, sequence, verdict, reason) where
            verdict is "match", "fail" or "skipped" (after the first match).
        """
        request = self._routing_input(values)
        lines = []
        found = False
        for rule in self._compiled_rules():
            if found:
                lines.append((rule.id, rule.name, rule.sequence, "skipped", ""))
                continue
            failure = failing_condition(rule, request)
            if failure is None:
                # sudo: the tester may not read the service; its name is shown.
                team = self.env["helpdesk.ticket.team"].sudo().browse(rule.team_id)
                if not team.active:
                    reason = self.env._(
                        "its service %(team)s is archived", team=team.name
                    )
                    lines.append((rule.id, rule.name, rule.sequence, "fail", reason))
                    continue
                found = True
                reason = ", ".join(self._match_reasons(rule, request))
                lines.append((rule.id, rule.name, rule.sequence, "match", reason))
            else:
                reason = self._failure_reason(rule, failure)
                lines.append((rule.id, rule.name, rule.sequence, "fail", reason))
        return lines

    # ------------------------------------------------------------------
    # Cache of compiled rules
    # ------------------------------------------------------------------

    @tools.ormcache()
    def _compiled_rules(self):
        """Active rules in evaluation order, as immutable tuples."""
        # sudo: cached for every user: all rules, whatever the caller's companies.
        rules = (
            self.env["grc.routing.rule"]
            .sudo()
            .with_context(active_test=True)
            .search([], order="sequence, id")
        )
        return tuple(self._compile_rule(rule) for rule in rules)

    @api.model
    def _compiled_rule(self, rule_id):
        """The compiled form of an active rule, None for another rule."""
        return next(
            (rule for rule in self._compiled_rules() if rule.id == rule_id), None
        )

    @api.model
    def _compile_rule(self, rule):
        keywords = [kw for kw in map(normalize_text, split_list(rule.keywords)) if kw]
        zips, prefixes = set(), []
        for code in split_list(rule.zip_codes):
            code = normalize_zip(code)
            if code.endswith("*"):
                prefixes.append(code.rstrip("*"))
            else:
                zips.add(code)
        return CompiledRule(
            id=rule.id,
            name=rule.name,
            sequence=rule.sequence,
            company_id=rule.company_id.id or 0,
            type_ids=frozenset(rule.request_type_ids.ids),
            category_ids=frozenset(rule.category_ids.ids),
            channel_ids=frozenset(rule.channel_ids.ids),
            zips=frozenset(zips),
            zip_prefixes=tuple(prefixes),
            places=frozenset(
                filter(None, map(normalize_text, split_list(rule.district_names)))
            ),
            keywords=tuple(" " + kw for kw in keywords),
            keyword_keys=frozenset(kw[:KEY_LENGTH] for kw in keywords),
            team_id=rule.team_id.id,
            priority=rule.priority or "",
            tag_ids=tuple(rule.tag_ids.ids),
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _record(self, model, value):
        """A record of ``model`` from an id, a record or nothing."""
        # sudo: citizens cannot read the types, categories, channels and companies
        # that routing looks at; it only reads them to choose the service.
        if isinstance(value, models.BaseModel):
            return value.with_env(self.env).sudo()
        return self.env[model].sudo().browse(value or [])

    @api.model
    def _routing_input(self, values):
        request_type = self._record("grc.request.type", values.get("request_type_id"))
        category = self._record("helpdesk.ticket.category", values.get("category_id"))
        if not category:
            # A type belongs to a category of the catalogue: rules on that
            # category apply even when the intake did not copy it.
            category = request_type.category_id
        category_path = frozenset(
            int(part) for part in (category.parent_path or "").split("/") if part
        )
        company = self._record("res.company", values.get("company_id"))
        places = frozenset(
            filter(
                None,
                (
                    normalize_text(values.get("location_district")),
                    normalize_text(values.get("location_city")),
                ),
            )
        )
        subject = values.get("name") or ""
        text = normalize_text(f"{subject} {html_to_text(values.get('description'))}")
        words = text.split()
        return RoutingInput(
            company_id=company.id or self.env.company.id,
            type_id=request_type.id or 0,
            category_path=category_path,
            channel_id=self._record(
                "helpdesk.ticket.channel", values.get("channel_id")
            ).id
            or 0,
            zip=normalize_zip(values.get("location_zip")),
            places=places,
            text=" " + text,
            word_keys=frozenset(
                word[:length] for word in words for length in range(1, KEY_LENGTH + 1)
            ),
        )

    @api.model
    def _fallback(self, values, request, checked):
        """Service when no rule matched: default of the type, then triage."""
        no_rule = self.env._("No rule matched (%(count)s checked)", count=checked)
        request_type = self._record("grc.request.type", values.get("request_type_id"))
        team = request_type.team_id
        if team and team.active and not team.is_direction:
            return team.with_env(self.env), self.env._(
                "%(no_rule)s; default service of the request type “%(type)s”.",
                no_rule=no_rule,
                type=request_type.name,
            )
        # sudo: citizens cannot read the company's triage service setting.
        company = self.env["res.company"].sudo().browse(request.company_id)
        team = company.grc_triage_team_id
        if team and team.active:
            return team.with_env(self.env), self.env._(
                "%(no_rule)s and the request type gives no service; "
                "triage service of %(company)s.",
                no_rule=no_rule,
                company=company.name,
            )
        return self.env["helpdesk.ticket.team"], self.env._(
            "%(no_rule)s, the request type gives no service and no triage "
            "service is configured: the request has no service.",
            no_rule=no_rule,
        )

    @api.model
    def _match_reasons(self, rule, request):
        """Conditions of a matching rule, in words (for the trace)."""
        reasons = []
        if rule.type_ids:
            reasons.append(self.env._("request type"))
        if rule.category_ids:
            reasons.append(self.env._("category"))
        if rule.channel_ids:
            reasons.append(self.env._("channel"))
        if request.zip and (
            request.zip in rule.zips
            or (rule.zip_prefixes and request.zip.startswith(rule.zip_prefixes))
        ):
            reasons.append(self.env._("postal code %(zip)s", zip=request.zip))
        elif rule.places and not rule.places.isdisjoint(request.places):
            place = sorted(rule.places & request.places)[0]
            reasons.append(self.env._("district or commune “%(place)s”", place=place))
        for keyword in rule.keywords:
            if keyword in request.text:
                reasons.append(self.env._("keyword “%(kw)s”", kw=keyword.strip()))
                break
        return reasons or [self.env._("the rule has no condition")]

    @api.model
    def _failure_reason(self, rule, failure):
        """Why ``rule`` did not match, in words (for the test screen)."""
        env = self.env

        def names(model, ids):
            # sudo: the tester may not read another company's records; names only.
            return ", ".join(
                env[model].sudo().browse(sorted(ids)).mapped("display_name")
            )

        if failure == "company":
            return env._("the rule belongs to another company")
        if failure == "type":
            return env._(
                "request type is not one of: %(names)s",
                names=names("grc.request.type", rule.type_ids),
            )
        if failure == "category":
            return env._(
                "category is not (under) one of: %(names)s",
                names=names("helpdesk.ticket.category", rule.category_ids),
            )
        if failure == "channel":
            return env._(
                "channel is not one of: %(names)s",
                names=names("helpdesk.ticket.channel", rule.channel_ids),
            )
        if failure == "zone":
            zone = sorted(rule.zips) + [p + "*" for p in rule.zip_prefixes]
            zone += sorted(rule.places)
            return env._("the place is not in: %(zone)s", zone=", ".join(zone))
        return env._(
            "none of the keywords is in the subject or description: %(kw)s",
            kw=", ".join(kw.strip() for kw in rule.keywords),
        )
