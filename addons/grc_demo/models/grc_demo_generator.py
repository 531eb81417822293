# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import bisect
import functools
import json
import logging
import math
import random
from datetime import timedelta

import pytz
from passlib.context import CryptContext

from odoo import api, fields, models
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)

VOCABULARY_PATH = "grc_demo/demo/grc_demo_vocabulary.json"
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


def paris_offset(moment):
    """UTC offset of Paris at ``moment`` (naive UTC), as pytz's ``fromutc``
    finds it (read in its transition table, without an aware datetime:
    the generator converts millions of moments)."""
    index = bisect.bisect_right(_PARIS_TRANSITIONS, moment)
    return _PARIS_OFFSETS[max(index - 1, 0)]


_PARIS_TRANSITIONS = PARIS._utc_transition_times
_PARIS_OFFSETS = [info[0] for info in PARIS._transition_info]


def draw_satisfaction(rng, resolution_days, comments):
    """One citizen's answer to the satisfaction survey of a closed request,
    drawn from ``rng``, or None when they do not answer (about two in three).

    The faster the request was resolved, the better the score; a comment now
    and then, from ``comments`` (by band). Shared by the demo and the bulk
    path: the draws come in this order (answers or not, score, resolved,
    comment, delay), which the small demo's data depends on.

    :return: {"score", "band", "resolved", "comment", "delay"}, the delay
        being the time between the invitation and the answer
    """
    if rng.random() > 0.35:
        return None
    mean = 8.6 - min(resolution_days, 40) * 0.12
    score = max(0, min(10, round(rng.gauss(mean, 1.8))))
    band = "satisfied" if score >= 8 else "dissatisfied" if score <= 4 else "neutral"
    resolved = rng.choices(
        ["yes", "partly", "no"],
        {"satisfied": [90, 9, 1], "neutral": [60, 30, 10]}.get(band, [25, 35, 40]),
    )[0]
    comment = rng.choice(comments[band]) if rng.random() < 0.4 else None
    return {
        "score": score,
        "band": band,
        "resolved": resolved,
        "comment": comment,
        "delay": timedelta(days=rng.uniform(0.2, 6)),
    }


@functools.lru_cache(maxsize=1)
def _vocabulary():
    with file_open(VOCABULARY_PATH, "rb") as handle:
        return json.load(handle)


class GrcDemoGenerator(models.AbstractModel):
    """Builds a believable commune: citizens and requests over several months,
    on every channel and at every step, deterministic for a given seed.

    Used by the demo data (a few hundred citizens) and by the benchmarks (a
    commune of any size, see tests/benchmarks/generate.py).
    Citizens, requests and the dates requests go through are generated in
    ``grc_demo_generator_citizen.py``, ``grc_demo_generator_request.py`` and
    ``grc_demo_generator_timeline.py``.
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
        self._generate_satisfaction(tickets, state)
        self._generate_phone_calls(interactions, seed, start, end)
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
    def _generate_satisfaction(self, tickets, state):
        """Satisfaction surveys of the closed requests, when the survey addon
        is installed: every citizen invited at closure, about a third
        answering, the faster the request was resolved the better the score,
        and a comment now and then.

        :return: the requests whose survey was answered
        """
        Ticket = self.env["helpdesk.ticket"]
        if "satisfaction_score" not in Ticket._fields:
            return Ticket
        rng, voc = state["rng"], state["voc"]["satisfaction_comments"]
        closed = tickets.filtered(lambda t: t.grc_state == "closed" and t.partner_id)
        answers = closed.with_context(**DEMO_CONTEXT)._grc_satisfaction_invite()
        self.env.flush_all()
        answered = Ticket
        for answer in answers:
            ticket = answer.grc_ticket_id
            closure = ticket.closure_date or ticket.resolution_date
            values = {"invited": closure, "id": answer.id}
            self.env.cr.execute(
                "UPDATE survey_user_input SET create_date = %(invited)s "
                "WHERE id = %(id)s",
                values,
            )
            drawn = draw_satisfaction(
                rng, (ticket.resolution_date - ticket.received_date).days, voc
            )
            if not drawn:
                continue
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET satisfaction_score = %s, "
                    "satisfaction_date = %s, satisfaction_resolved = %s, "
                    "satisfaction_comment = %s WHERE id = %s",
                    drawn["score"],
                    min(closure + drawn["delay"], fields.Datetime.now()),
                    drawn["resolved"],
                    drawn["comment"],
                    ticket.id,
                )
            )
            self.env.cr.execute(
                "UPDATE survey_user_input SET state = 'done' WHERE id = %s",
                [answer.id],
            )
            answered |= ticket
        Ticket.invalidate_model(
            [
                "satisfaction_score",
                "satisfaction_date",
                "satisfaction_resolved",
                "satisfaction_comment",
            ]
        )
        self.env["survey.user_input"].invalidate_model(["state", "create_date"])
        return answered

    @api.model
    def _generator_state(self, seed):
        """What successive calls share: the random generator and the e-mails
        already handed out (a commune can be built in several transactions)."""
        return {"rng": random.Random(seed), "emails": set(), "voc": _vocabulary()}

    # ------------------------------------------------------------------
    # Shared by requests and interactions
    # ------------------------------------------------------------------

    @staticmethod
    def _growth_sample(rng, growth=0.6):
        """A point in [0, 1) with a density growing linearly (online requests
        grow over the months): inverse of the cumulative distribution."""
        u = rng.random()
        return (-1 + math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth

    @staticmethod
    def _in_opening_hours(moment, channel, rng):
        """Move a moment (naive UTC) to a plausible local hour for the channel."""
        # Naive Paris time, moved with the offset of ``moment`` (as pytz
        # moves an aware datetime: the offset is kept until normalized).
        offset = paris_offset(moment)
        local = moment + offset
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
        return (local + timedelta(hours=hour) - offset).replace(microsecond=0)

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

    # ------------------------------------------------------------------
    # Interactions
    # ------------------------------------------------------------------

    @api.model
    def _generate_phone_calls(self, interactions, seed, start, end):
        """The call log of the phone line: each phone contact logged was an
        answered call; about one call in three answered is not logged (a
        quick question), and about one in nine rings out (missed). A
        generator of its own: the rest of the demo stays as it was."""
        if "grc.phone.call" not in self.env:
            return
        phone = self.env.ref(CHANNEL_XMLIDS["phone"], raise_if_not_found=False)
        logged = interactions.filtered(lambda i: i.channel_id == phone)
        if not logged:
            return
        rng = random.Random(f"{seed}-phone-calls")
        vals_list = []
        for interaction in logged:
            vals_list.append(
                {
                    "date": interaction.date,
                    "status": "answered",
                    "team_id": interaction.team_id.id,
                    "user_id": interaction.user_id.id,
                    "interaction_id": interaction.id,
                    "wait_seconds": int(rng.expovariate(1 / 45)),
                    "duration_seconds": 60 + int(rng.expovariate(1 / 180)),
                }
            )
            for _extra in range(3):
                roll = rng.random()
                if roll > 0.5:
                    continue
                moment = min(
                    interaction.date + timedelta(minutes=rng.randint(-240, 240)), end
                )
                missed = roll < 0.13
                vals_list.append(
                    {
                        "date": max(moment, start),
                        "status": "missed" if missed else "answered",
                        "team_id": interaction.team_id.id,
                        "user_id": False if missed else interaction.user_id.id,
                        "wait_seconds": int(
                            rng.expovariate(1 / (90 if missed else 40))
                        ),
                        "duration_seconds": (
                            0 if missed else 30 + int(rng.expovariate(1 / 90))
                        ),
                    }
                )
        self.env["grc.phone.call"].with_context(**DEMO_CONTEXT).create(vals_list)

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
