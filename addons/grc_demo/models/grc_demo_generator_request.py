# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from .grc_demo_generator import CHANNEL_XMLIDS, DEMO_CONTEXT

STAGE_XMLIDS = {
    "new": "helpdesk_mgmt.helpdesk_ticket_stage_new",
    "qualified": "grc_citoyen.helpdesk_ticket_stage_qualified",
    "in_progress": "helpdesk_mgmt.helpdesk_ticket_stage_in_progress",
    "waiting": "helpdesk_mgmt.helpdesk_ticket_stage_awaiting",
    "resolved": "helpdesk_mgmt.helpdesk_ticket_stage_done",
    "closed": "grc_citoyen.helpdesk_ticket_stage_closed",
    "cancelled": "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
}
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


class _Placeholders(dict):
    """Template values; an unknown placeholder stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"


class GrcDemoGenerator(models.AbstractModel):
    """Requests of the demo commune: what they are about, who filed them,
    on which channel, and their creation in batches."""

    _inherit = "grc.demo.generator"

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
            values["grc_resolution"] = rng.choice(words["resolutions"])
        elif dates["state"] == "cancelled":
            values["grc_resolution"] = Markup("<p>{}</p>").format(
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
