# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import functools
import json
import logging
import math
import random
import unicodedata
from datetime import timedelta

import pytz
from markupsafe import Markup
from passlib.context import CryptContext

from odoo import api, fields, models
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)

VOCABULARY_PATH = "grc_citoyen/demo/grc_demo_vocabulary.json"
PARIS = pytz.timezone("Europe/Paris")

# Bulk creation of demo data: no chatter, no followers, no mail.
DEMO_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_notify_force_send": False,
    "no_reset_password": True,
}

CHANNEL_XMLIDS = {
    "front_desk": "grc_citoyen.helpdesk_ticket_channel_front_desk",
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "email": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "web": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "mobile_app": "grc_citoyen.helpdesk_ticket_channel_mobile_app",
    "post": "grc_citoyen.helpdesk_ticket_channel_post",
    "social": "grc_citoyen.helpdesk_ticket_channel_social",
}
STAGE_XMLIDS = {
    "new": "helpdesk_mgmt.helpdesk_ticket_stage_new",
    "qualified": "grc_citoyen.helpdesk_ticket_stage_qualified",
    "in_progress": "helpdesk_mgmt.helpdesk_ticket_stage_in_progress",
    "waiting": "helpdesk_mgmt.helpdesk_ticket_stage_awaiting",
    "resolved": "helpdesk_mgmt.helpdesk_ticket_stage_done",
    "closed": "grc_citoyen.helpdesk_ticket_stage_closed",
    "cancelled": "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
}
# Channels through which a person is present: they happen in opening hours.
OFFICE_CHANNELS = {"front_desk", "phone", "post"}
# Online requests arrive at any hour, mostly in the evening.
ONLINE_HOUR_WEIGHTS = [
    1,
    1,
    0,
    0,
    0,
    1,
    2,
    4,
    6,
    7,
    7,
    6,
    6,
    6,
    6,
    6,
    6,
    7,
    8,
    9,
    9,
    8,
    5,
    2,
]
# Featured citizens (the portal demo account) get one request at each step.
FEATURED_STATES = [
    "closed",
    "in_progress",
    "resolved",
    "new",
    "waiting",
    "closed",
    "qualified",
    "cancelled",
]
FEATURED_AGE_DAYS = {
    "new": (0.05, 1),
    "qualified": (1, 3),
    "in_progress": (4, 20),
    "waiting": (5, 15),
    "resolved": (4, 10),
    "closed": (40, 400),
    "cancelled": (30, 200),
}
# Working days -> calendar days, and a working day in hours.
CALENDAR_FACTOR = 1.4
WORKING_HOURS_PER_DAY = 8.0
REOPEN_WINDOW_DAYS = (7, 15)
CANCEL_SHARE = 0.04
# Requests that drag on (complex case, citizen who does not answer).
STALLED_SHARE = 0.05
STALLED_FACTOR = (3, 15)


@functools.lru_cache(maxsize=1)
def _vocabulary():
    with file_open(VOCABULARY_PATH, "rb") as handle:
        return json.load(handle)


class _Placeholders(dict):
    """Template values; an unknown placeholder stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"


class GrcDemoGenerator(models.AbstractModel):
    """Builds a believable commune: citizens and requests over several months,
    on every channel and at every step, deterministic for a given seed.

    Used by the demo data (a few hundred citizens) and by the benchmarks (a
    commune of any size, see tests/benchmarks/generate.py).
    """

    _name = "grc.demo.generator"
    _description = "Demo commune generator"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------

    @api.model
    def _generate_commune(
        self,
        citizens=320,
        requests=2100,
        months=18,
        seed=42,
        featured_citizen_ids=None,
        end_date=None,
    ):
        """Create citizens, requests and front-desk interactions.

        :param featured_citizen_ids: existing citizens (the portal demo account)
            who get 5 to 8 requests of their own, one at each step.
        :param end_date: "now" of the commune (default: now).
        :return: dict of the created recordsets (citizens, requests, interactions)
        """
        state = self._generator_state(seed)
        end = fields.Datetime.to_datetime(end_date) or fields.Datetime.now()
        start = end - timedelta(days=round(months * 30.44))
        partners = self._generate_citizens(citizens, state)
        tickets = self._generate_requests(requests, partners, state, start, end)
        featured = self.env["res.partner"].browse(featured_citizen_ids or [])
        if featured:
            tickets |= self._generate_featured_requests(featured, state, end)
        interactions = self._generate_interactions(
            requests // 7, partners, state, start, end
        )
        _logger.info(
            "Demo commune: %s citizens, %s requests, %s interactions",
            len(partners),
            len(tickets),
            len(interactions),
        )
        return {
            "citizens": partners,
            "requests": tickets,
            "interactions": interactions,
        }

    @api.model
    def _set_demo_passwords(self, user_ids):
        """Password = login for the demo accounts, hashed with few rounds:
        Odoo's 600,000 rounds take over a second per user on a small machine,
        which would make up half of the demo loading time."""
        context = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)
        users = self.env["res.users"].browse(user_ids)
        for user in users:
            users._set_encrypted_password(user.id, context.hash(user.login))

    @api.model
    def _generator_state(self, seed):
        """What successive calls share: the random generator and the e-mails
        already handed out (a commune can be built in several transactions)."""
        return {"rng": random.Random(seed), "emails": set(), "voc": _vocabulary()}

    # ------------------------------------------------------------------
    # Citizens
    # ------------------------------------------------------------------

    @api.model
    def _generate_citizens(self, count, state, batch_size=2000):
        """Create `count` citizens (about 1% are near-duplicates of another
        one, as a real referential has) and return them."""
        rng = state["rng"]
        needs = self.env["grc.support.need"].search([])
        common = {
            "is_citizen": True,
            "city": state["voc"]["city"],
            "country_id": self.env.ref("base.fr", raise_if_not_found=False).id,
        }
        if self.env["res.lang"].search_count([("code", "=", "fr_FR")]):
            common["lang"] = "fr_FR"
        vals_list = []
        for _index in range(count):
            if vals_list and rng.random() < 0.01:
                vals = self._near_duplicate_values(rng.choice(vals_list), state)
            else:
                vals = self._citizen_values(state, needs)
            vals_list.append(dict(common, **vals))
        partner_model = self.env["res.partner"].with_context(**DEMO_CONTEXT)
        partners = self.env["res.partner"]
        for start in range(0, len(vals_list), batch_size):
            partners |= partner_model.create(vals_list[start : start + batch_size])
        return partners.with_env(self.env)

    def _citizen_values(self, state, needs):
        rng, voc = state["rng"], state["voc"]
        female = rng.random() < 0.52
        first = rng.choice(voc["first_names_f" if female else "first_names_m"])
        last = rng.choice(voc["last_names"])
        street, district = rng.choice(voc["streets"])
        age = rng.randint(18, 92)
        has_email = rng.random() < (0.93 if age < 70 else 0.55)
        mobile = self._random_mobile(rng) if rng.random() < 0.8 else False
        landline = self._random_landline(rng) if rng.random() < 0.35 else False
        vals = {
            "name": f"{first} {last}",
            "street": f"{rng.randint(1, 140)} {street}",
            "zip": voc["districts"][district]["zip"],
            "email": self._unique_email(first, last, state) if has_email else False,
            "phone": landline or mobile,
            "mobile": mobile,
            "birthdate": fields.Date.today()
            - timedelta(days=age * 365 + rng.randint(0, 364)),
            "preferred_channel": self._preferred_channel(rng, has_email, mobile),
            "consent_email": has_email and rng.random() < 0.92,
            "consent_sms": bool(mobile) and rng.random() < 0.45,
            "consent_post": rng.random() < 0.9,
        }
        if needs and rng.random() < (0.2 if age >= 75 else 0.05):
            need = rng.choice(needs)
            vals["support_need_ids"] = [fields.Command.set(need.ids)]
            vals["support_note"] = need.description
        return vals

    def _near_duplicate_values(self, original, state):
        """The same person registered twice (other e-mail, phone written
        differently): material for the deduplication and merge features."""
        rng = state["rng"]
        vals = dict(original)
        vals.pop("support_need_ids", None)
        if vals.get("email") and rng.random() < 0.5:
            first, last = vals["name"].split(" ", 1)
            vals["email"] = self._unique_email(first, last, state)
        elif vals.get("mobile"):
            vals["mobile"] = vals["mobile"].replace(" ", "")
            vals["email"] = False
        return vals

    @staticmethod
    def _preferred_channel(rng, has_email, mobile):
        if not has_email:
            return rng.choice(["phone", "post"] + (["sms"] if mobile else []))
        return rng.choices(
            ["email", "portal", "phone", "sms", "post"], weights=[45, 22, 18, 8, 7]
        )[0]

    @staticmethod
    def _ascii(text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        return "".join(c for c in text.lower() if c.isalnum() or c in ".-")

    def _unique_email(self, first, last, state):
        rng = state["rng"]
        local = rng.choice(
            [
                f"{first}.{last}",
                f"{first[0]}.{last}",
                f"{first}{last}",
                f"{last}.{first}",
            ]
        )
        local = self._ascii(local.replace(" ", "-"))
        domain = rng.choice(state["voc"]["email_domains"])
        email, suffix = f"{local}@{domain}", 1
        while email in state["emails"]:
            suffix += 1
            email = f"{local}{suffix}@{domain}"
        state["emails"].add(email)
        return email

    @staticmethod
    def _random_mobile(rng):
        # Ranges phonenumbers accepts as French mobiles: 06 (but 063x/069x are
        # partly reserved, so they are skipped) and 073 to 079.
        if rng.random() < 0.75:
            prefix = "6" + rng.choice("01245678")
        else:
            prefix = "7" + rng.choice("3456789")
        digits = prefix + "".join(rng.choice("0123456789") for _ in range(7))
        return "0" + " ".join([digits[0]] + [digits[i : i + 2] for i in (1, 3, 5, 7)])

    @staticmethod
    def _random_landline(rng):
        # Indre-et-Loire landlines: 02 47 XX XX XX.
        rest = "".join(rng.choice("0123456789") for _ in range(6))
        return f"02 47 {rest[:2]} {rest[2:4]} {rest[4:]}"

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------

    @api.model
    def _generate_requests(self, count, citizens, state, start, end, batch_size=1000):
        """Create `count` requests received between `start` and `end` by the
        given citizens, on every channel, at the step their age makes likely."""
        context = self._request_context(state)
        if not count or not citizens or not context["types"]:
            return self.env["helpdesk.ticket"]
        rng = state["rng"]
        citizen_list = list(citizens)
        rng.shuffle(citizen_list)
        span = (end - start).total_seconds()
        plans = []
        for _index in range(count):
            received = start + timedelta(seconds=span * self._growth_sample(rng))
            rtype = self._pick_type(rng, context, received.month)
            # A few citizens file many requests, most only one or two.
            citizen = citizen_list[int(len(citizen_list) * rng.random() ** 1.8)]
            plans.append(
                self._plan_request(context, rtype, citizen, received, end, rng)
            )
        return self._create_requests(plans, context, batch_size)

    @api.model
    def _generate_featured_requests(self, partners, state, end):
        """5 to 8 requests per featured citizen, one at each step, mostly
        filed online (the portal demo account)."""
        context = self._request_context(state)
        rng = state["rng"]
        types = [t for t in context["types"] if t["published"]]
        if not types:
            return self.env["helpdesk.ticket"]
        plans = []
        for partner in partners:
            count = rng.randint(5, 8)
            chosen = rng.sample(types, min(count, len(types)))
            chosen += rng.choices(types, k=count - len(chosen))
            for index, rtype in enumerate(chosen):
                grc_state = FEATURED_STATES[index % len(FEATURED_STATES)]
                low, high = FEATURED_AGE_DAYS[grc_state]
                received = end - timedelta(days=rng.uniform(low, high))
                channel = rng.choices(["web", "mobile_app", "email"], [6, 3, 1])[0]
                plans.append(
                    self._plan_request(
                        context,
                        rtype,
                        partner,
                        received,
                        end,
                        rng,
                        channel=channel,
                        grc_state=grc_state,
                    )
                )
        tickets = self._create_requests(plans, context, batch_size=100)
        self._post_agent_replies(tickets, context, rng)
        return tickets

    def _request_context(self, state):
        """Records and settings read once per batch of requests."""
        voc = state["voc"]
        types = []
        records = self.env["grc.request.type"].search([("team_id", "!=", False)])
        for rtype in records:
            words = voc["types"].get(rtype.code or "", voc["generic"])
            months = words.get("months") or [1] * 12
            types.append(
                {
                    "record": rtype,
                    "words": words,
                    "weights": [words.get("weight", 1) * m for m in months],
                    "location": rtype.location_required or words.get("location"),
                    "published": rtype.is_published and not rtype.is_confidential,
                    "agents": rtype.team_id.user_ids.filtered("active").ids,
                }
            )
        stages = {
            key: self.env.ref(xmlid, raise_if_not_found=False)
            for key, xmlid in STAGE_XMLIDS.items()
        }
        channels = {
            key: self.env.ref(xmlid, raise_if_not_found=False)
            for key, xmlid in CHANNEL_XMLIDS.items()
        }
        return {
            "voc": voc,
            "types": types,
            "stages": {key: stage.id for key, stage in stages.items() if stage},
            "closed_stages": {
                key for key, stage in stages.items() if stage and stage.closed
            },
            "channels": {key: ch.id for key, ch in channels.items() if ch},
        }

    @staticmethod
    def _growth_sample(rng, growth=0.6):
        """A point in [0, 1) with a density growing linearly (online requests
        grow over the months): inverse of the cumulative distribution."""
        u = rng.random()
        return (-1 + math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth

    @staticmethod
    def _pick_type(rng, context, month):
        weights = [t["weights"][month - 1] for t in context["types"]]
        if not any(weights):
            weights = None
        return rng.choices(context["types"], weights=weights)[0]

    def _plan_request(
        self, context, rtype, citizen, received, end, rng, channel=None, grc_state=None
    ):
        """Values of one request and of the dates it went through."""
        voc, words, record = context["voc"], rtype["words"], rtype["record"]
        if not channel:
            profile = voc["channel_profiles"][words.get("profile", "info")]
            keys = [k for k in profile if k in context["channels"]]
            channel = rng.choices(keys, [profile[k] for k in keys])[0]
        received = min(self._in_opening_hours(received, channel, rng), end)
        location = self._random_location(voc, rng) if rtype["location"] else None
        placeholders = self._placeholders(voc, rng, record, citizen, location, end)
        dates = self._timeline(record, received, end, rng, grc_state)
        agents = rtype["agents"]
        agent = False
        if agents and (dates["state"] != "new" or rng.random() < 0.3):
            agent = rng.choice(agents)
        values = {
            "name": rng.choice(words["subjects"]).format_map(placeholders)[:200],
            "description": rng.choice(words["descriptions"]).format_map(placeholders),
            "partner_id": citizen.id,
            "partner_name": citizen.name,
            "partner_email": citizen.email,
            "request_type_id": record.id,
            "category_id": record.category_id.id,
            "team_id": record.team_id.id,
            "user_id": agent,
            "channel_id": context["channels"][channel],
            "stage_id": context["stages"][dates["state"]],
            "priority": self._priority(rng, words),
            "received_date": received,
            "first_response_date": dates["first_response"],
            "resolution_date": dates["resolution"],
            "closure_date": dates["closure"],
            "last_stage_update": dates["last_update"],
            "assigned_date": agent
            and received + (dates["first_response_delay"] or timedelta(hours=1)) / 2,
            "closed_date": dates["state"] in context["closed_stages"]
            and (dates["closure"] or dates["resolution"]),
        }
        if dates["state"] in ("resolved", "closed"):
            values["resolution"] = rng.choice(words["resolutions"])
        elif dates["state"] == "cancelled":
            values["resolution"] = Markup("<p>{}</p>").format(
                rng.choice(voc["cancel_reasons"])
            )
        if location:
            values.update(location)
        # A letter is registered a few days after it reached the town hall.
        created = received
        if channel == "post":
            created = min(received + timedelta(days=rng.uniform(0.5, 3)), end)
        return {"values": values, "created": created, "year": received.year}

    @staticmethod
    def _in_opening_hours(moment, channel, rng):
        """Move a moment (naive UTC) to a plausible local hour for the channel."""
        local = pytz.utc.localize(moment).astimezone(PARIS)
        if channel in OFFICE_CHANNELS:
            while local.weekday() >= 5 and not (
                channel == "front_desk" and local.weekday() == 5
            ):
                local += timedelta(days=1)
            if local.weekday() == 5:
                hour = rng.uniform(9, 12)
            elif channel == "post":
                hour = rng.uniform(9, 11)
            else:
                hour = rng.uniform(8.5, 17.5)
        else:
            hour = rng.choices(range(24), ONLINE_HOUR_WEIGHTS)[0] + rng.random()
        local = local.replace(hour=0, minute=0, second=0, microsecond=0)
        local = PARIS.normalize(local + timedelta(hours=hour))
        return local.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)

    @staticmethod
    def _random_location(voc, rng):
        street, district = rng.choice(voc["streets"])
        where = voc["districts"][district]
        return {
            "location_street": f"{rng.randint(1, 140)} {street}",
            "location_zip": where["zip"],
            "location_city": voc["city"],
            "location_district": district,
            "location_latitude": round(where["lat"] + rng.uniform(-0.004, 0.004), 7),
            "location_longitude": round(where["lon"] + rng.uniform(-0.006, 0.006), 7),
        }

    @staticmethod
    def _placeholders(voc, rng, record, citizen, location, end):
        places = voc["places"]
        if location:
            address = location["location_street"]
            district = location["location_district"]
        else:
            street, district = rng.choice(voc["streets"])
            address = citizen.street or f"{rng.randint(1, 140)} {street}"
        future = end + timedelta(days=rng.randint(10, 90))
        child = rng.choice(voc["child_names"])
        return _Placeholders(
            type=record.name,
            address=address,
            street=address.split(" ", 1)[-1],
            district=district,
            school=rng.choice(places["school"]),
            park=rng.choice(places["park"]),
            hall=rng.choice(places["hall"]),
            gym=rng.choice(places["gym"]),
            place=rng.choice(places["place"]),
            child=child,
            of_child=("d'" if child[0] in "AEIOUYÉÈÂÎ" else "de ") + child,
            date=future.strftime("%d/%m/%Y"),
            year=str(end.year - rng.randint(2, 30)),
        )

    @staticmethod
    def _priority(rng, words):
        if words.get("urgent"):
            return rng.choices(["1", "2", "3"], [20, 50, 30])[0]
        return rng.choices(["0", "1", "2", "3"], [10, 75, 12, 3])[0]

    def _timeline(self, record, received, end, rng, grc_state=None):
        """Dates the request went through, consistent with its step: received
        <= first response <= resolution <= closure <= end."""
        target = record.sla_target or 10.0
        if record.sla_unit == "hours":
            target /= WORKING_HOURS_PER_DAY
        # About one request in six misses its target (long tail).
        factor = rng.lognormvariate(-0.6, 0.6)
        if rng.random() < STALLED_SHARE:
            factor *= rng.uniform(*STALLED_FACTOR)
        delay = timedelta(days=max(target * CALENDAR_FACTOR * factor, 0.05))
        first_delay = min(delay * rng.uniform(0.05, 0.4), timedelta(days=3))
        first = received + first_delay
        resolution = received + delay
        cancelled_at = received + delay * rng.uniform(0.1, 0.6)
        limit = None
        if grc_state:
            first, resolution, closure, cancelled_at = self._fit_to_state(
                grc_state, received, end, rng
            )
            limit = end
        # Agents answer and resolve in opening hours.
        first = self._office_moment(first, rng, limit)
        resolution = max(self._office_moment(resolution, rng, limit), first)
        if not grc_state:
            closure = resolution + timedelta(days=rng.uniform(*REOPEN_WINDOW_DAYS))
        closure = max(closure, resolution)
        if not grc_state:
            grc_state = self._state_at(
                end, received, first, resolution, closure, cancelled_at, rng
            )
        dates = {"state": grc_state, "first_response_delay": first_delay}
        if grc_state == "new":
            dates["first_response"] = False
        elif grc_state == "qualified":
            dates["first_response"] = first <= end and first
        elif grc_state == "cancelled":
            dates["first_response"] = first <= cancelled_at and first
        else:
            dates["first_response"] = first
        dates["resolution"] = grc_state in ("resolved", "closed") and resolution
        dates["closure"] = (grc_state == "closed" and closure) or (
            grc_state == "cancelled" and cancelled_at
        )
        dates["last_update"] = (
            dates["closure"] or dates["resolution"] or dates["first_response"]
        ) or received
        return dates

    @staticmethod
    def _state_at(end, received, first, resolution, closure, cancelled_at, rng):
        """Where a request with these dates stands at `end`."""
        if rng.random() < CANCEL_SHARE and cancelled_at <= end:
            return "cancelled"
        if closure <= end:
            return "closed"
        if resolution <= end:
            return "resolved"
        if first > end:
            return "new" if end - received < timedelta(days=1) else "qualified"
        return rng.choices(["in_progress", "waiting", "qualified"], [65, 20, 15])[0]

    @staticmethod
    def _office_moment(moment, rng, limit=None):
        """The moment, or the next opening hours (Monday to Friday, from 8:30
        to 17:30 Paris time) when it falls outside; never after `limit` unless
        the moment itself is."""
        local = pytz.utc.localize(moment).astimezone(PARIS)
        hour = local.hour + local.minute / 60
        if local.weekday() < 5 and 8.5 <= hour < 17.5:
            return moment
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if hour >= 17.5 or local.weekday() >= 5:
            day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        shifted = PARIS.normalize(day + timedelta(hours=8.5 + rng.uniform(0, 2.5)))
        shifted = shifted.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)
        if limit and moment <= limit < shifted:
            return limit
        return shifted

    @staticmethod
    def _fit_to_state(grc_state, received, end, rng):
        """Dates for a request forced to a step (featured citizens)."""
        age = end - received
        first = received + age * rng.uniform(0.02, 0.2)
        if grc_state == "resolved":
            resolution = end - min(age * 0.5, timedelta(days=rng.uniform(1, 4)))
            return first, resolution, end + timedelta(days=30), end
        if grc_state == "closed":
            resolution = received + age * rng.uniform(0.03, 0.4)
            first = received + (resolution - received) * rng.uniform(0.1, 0.6)
            closure = min(
                resolution + timedelta(days=rng.uniform(*REOPEN_WINDOW_DAYS)), end
            )
            return first, resolution, closure, end
        if grc_state == "cancelled":
            cancelled_at = received + age * rng.uniform(0.05, 0.3)
            return first, end, end, cancelled_at
        if grc_state in ("new", "qualified"):
            first = end + timedelta(days=1)
        return first, end + timedelta(days=30), end + timedelta(days=40), end

    def _create_requests(self, plans, context, batch_size):
        """Create the planned requests in batches, oldest first, one year at a
        time so that references follow the year of reception."""
        plans.sort(key=lambda plan: plan["values"]["received_date"])
        ticket_model = self.env["helpdesk.ticket"].with_context(**DEMO_CONTEXT)
        tickets = self.env["helpdesk.ticket"]
        batches = []
        for plan in plans:
            if (
                not batches
                or batches[-1][0]["year"] != plan["year"]
                or len(batches[-1]) >= batch_size
            ):
                batches.append([])
            batches[-1].append(plan)
        for batch in batches:
            sequence_date = fields.Date.to_string(
                batch[0]["values"]["received_date"].date()
            )
            created = ticket_model.with_context(ir_sequence_date=sequence_date).create(
                [plan["values"] for plan in batch]
            )
            self._set_log_dates(
                created,
                [
                    (plan["created"], plan["values"]["last_stage_update"])
                    for plan in batch
                ],
            )
            tickets |= created
        return tickets.with_env(self.env)

    def _set_log_dates(self, records, dates):
        """create_date/write_date as if the records had been created at the
        time (the ORM sets them to now outside of module loading)."""
        rows = [
            (record.id, created, max(created, updated))
            for record, (created, updated) in zip(records, dates, strict=True)
        ]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE %s AS t
                      SET create_date = v.created, write_date = v.updated
                     FROM (VALUES %s) AS v(id, created, updated)
                    WHERE t.id = v.id""",
                SQL.identifier(records._table),
                SQL(", ").join(
                    SQL("(%s, %s::timestamp, %s::timestamp)", *row) for row in rows
                ),
            )
        )
        records.invalidate_recordset(["create_date", "write_date"])

    def _post_agent_replies(self, tickets, context, rng):
        """A short conversation on the requests of featured citizens, so that
        their portal shows answers from the services."""
        replies = context["voc"]["agent_replies"]
        for ticket in tickets:
            if ticket.grc_state in ("new", "cancelled") or not ticket.user_id:
                continue
            moment = ticket.first_response_date or ticket.received_date
            ticket.with_context(**DEMO_CONTEXT).message_post(
                body=rng.choice(replies),
                author_id=ticket.user_id.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                date=moment,
            )

    # ------------------------------------------------------------------
    # Interactions
    # ------------------------------------------------------------------

    @api.model
    def _generate_interactions(self, count, citizens, state, start, end):
        """Questions answered on the spot at the front desk or on the phone."""
        interaction_model = self.env["grc.interaction"]
        channels = {
            key: self.env.ref(CHANNEL_XMLIDS[key], raise_if_not_found=False)
            for key in ("front_desk", "phone")
        }
        channels = {key: channel for key, channel in channels.items() if channel}
        if not count or not citizens or not channels:
            return interaction_model
        rng, voc = state["rng"], state["voc"]
        team = self.env["helpdesk.ticket.team"].search(
            [("code", "=", "ACC"), ("is_direction", "=", False)], limit=1
        )
        agents = team.user_ids.ids or [self.env.user.id]
        citizen_list = list(citizens)
        span = (end - start).total_seconds()
        vals_list = []
        for _index in range(count):
            key = rng.choices(list(channels), [65, 35][: len(channels)])[0]
            moment = start + timedelta(seconds=span * self._growth_sample(rng))
            subject, answer = rng.choice(voc["interactions"])
            vals_list.append(
                {
                    "name": subject,
                    "notes": answer,
                    "partner_id": rng.choice(citizen_list).id,
                    "channel_id": channels[key].id,
                    "user_id": rng.choice(agents),
                    "team_id": team.id,
                    "date": min(self._in_opening_hours(moment, key, rng), end),
                }
            )
        interactions = interaction_model.with_context(**DEMO_CONTEXT).create(vals_list)
        self._set_log_dates(interactions, [(v["date"], v["date"]) for v in vals_list])
        return interactions.with_env(self.env)
