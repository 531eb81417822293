# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Assignment engine: (service, priority) -> (agent, trace).

An agent is a candidate when they are a member of the service, marked
available, not on leave now (``resource.calendar.leaves`` of their resource)
and below their capacity of open requests. Whatever the number of agents, one
query reads the members with their availability, their leave and their open
requests counted and weighted by priority (grouped in the database).
"""

from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import SQL

# An open request weighs more in an agent's load the more urgent it is.
PRIORITY_WEIGHTS = {"0": 1, "1": 2, "2": 3, "3": 4}
_PENDING_KEY = "grc.assignment.pending"


class Member(NamedTuple):
    """A member of a service as the engine sees them."""

    id: int
    name: str
    available: bool
    capacity: int
    on_leave: bool
    open_count: int
    load: int


class GrcAssignmentEngine(models.AbstractModel):
    _name = "grc.assignment.engine"
    _description = "Assignment engine of citizen requests"

    @api.model
    def _assign(self, team, priority="1"):
        """Choose the agent of a new request of ``team``.

        :param priority: priority of the new request ("0" to "3"); it is
            counted in the agent's load for the rest of a creation batch.
        :return: (user, trace) -- user is empty when the service assigns by
            hand or nobody is available; trace tells why, in words.
        """
        team = team.sudo()
        if not team:
            return self.env["res.users"], self.env._("No service: nobody to assign.")
        if team.assignment_mode == "manual":
            return self.env["res.users"], self.env._(
                "%(team)s assigns its requests by hand.", team=team.name
            )
        members, last_id = self._members(team)
        unavailable = [m for m in members if not m.available]
        on_leave = [m for m in members if m.available and m.on_leave]
        present = [m for m in members if m.available and not m.on_leave]
        default_capacity = team.agent_capacity
        full = [
            m for m in present if 0 < (m.capacity or default_capacity) <= m.open_count
        ]
        full_ids = {m.id for m in full}
        candidates = [m for m in present if m.id not in full_ids]
        skipped = self._skipped_summary(unavailable, on_leave, full)
        if not candidates:
            return self.env["res.users"], self.env._(
                "No agent available among the %(count)s members of %(team)s"
                "%(skipped)s: the request waits in the service queue.",
                count=len(members),
                team=team.name,
                skipped=skipped,
            )
        if team.assignment_mode == "round_robin":
            chosen, how = self._next_in_turn(team, candidates, members, last_id)
        else:
            chosen = min(candidates, key=lambda m: (m.load, m.open_count, m.id))
            how = self.env._(
                "least loaded: %(count)s open requests, load %(load)s",
                count=chosen.open_count,
                load=chosen.load,
            )
        modes = dict(team._fields["assignment_mode"]._description_selection(self.env))
        trace = self.env._(
            "%(mode)s among %(candidates)s of the %(count)s members of %(team)s"
            "%(skipped)s: %(user)s (%(how)s).",
            mode=modes[team.assignment_mode],
            candidates=len(candidates),
            count=len(members),
            team=team.name,
            skipped=skipped,
            user=chosen.name,
            how=how,
        )
        return self.env["res.users"].browse(chosen.id), trace

    # ------------------------------------------------------------------
    # Requests decided in the current creation batch
    # ------------------------------------------------------------------
    # A batch of requests is assigned before any of them is in the database:
    # the choices made so far are held here so that the batch is spread.

    @api.model
    def _hold(self, team, user, priority):
        pending = self.env.cr.precommit.data.setdefault(
            _PENDING_KEY, {"load": {}, "last": {}}
        )
        count, load = pending["load"].get(user.id, (0, 0))
        pending["load"][user.id] = (
            count + 1,
            load + PRIORITY_WEIGHTS.get(priority or "1", 2),
        )
        pending["last"][team.id] = user.id

    @api.model
    def _release(self):
        """Forget the held choices once the requests are created."""
        self.env.cr.precommit.data.pop(_PENDING_KEY, None)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _members(self, team):
        """Active internal members of ``team`` by id, with their availability,
        current leave and open requests (count, load), and in round robin the
        last agent who got a request of the service: one query.

        :return: (list of Member, id of the last agent or None)
        """
        self.env["res.users"].flush_model(
            ["active", "share", "partner_id", "grc_is_available", "grc_capacity"]
        )
        self.env["res.partner"].flush_model(["name"])
        self.env["helpdesk.ticket.team"].flush_model(["user_ids"])
        self.env["helpdesk.ticket"].flush_model(
            ["active", "user_id", "closed", "priority", "team_id", "assigned_date"]
        )
        self.env["resource.calendar.leaves"].flush_model(
            ["date_from", "date_to", "resource_id"]
        )
        self.env["resource.resource"].flush_model(["user_id"])
        now = fields.Datetime.now()
        weight = SQL(" ").join(
            SQL("WHEN %s THEN %s", priority, points)
            for priority, points in PRIORITY_WEIGHTS.items()
        )
        last_agent = SQL("NULL::integer")
        if team.assignment_mode == "round_robin":
            # on the (team_id, assigned_date, id) index: one row read
            last_agent = SQL(
                """(SELECT user_id FROM helpdesk_ticket
                     WHERE team_id = %s
                       AND user_id IS NOT NULL AND assigned_date IS NOT NULL
                  ORDER BY assigned_date DESC, id DESC LIMIT 1)""",
                team.id,
            )
        rows = self.env.execute_query(
            SQL(
                """
                WITH member AS (
                    SELECT u.id, p.name, u.grc_is_available, u.grc_capacity
                      FROM helpdesk_ticket_team_res_users_rel rel
                      JOIN res_users u ON u.id = rel.res_users_id
                      JOIN res_partner p ON p.id = u.partner_id
                     WHERE rel.helpdesk_ticket_team_id = %(team)s
                       AND u.active AND NOT COALESCE(u.share, FALSE)
                ), work AS (
                    -- open requests only: helpdesk_ticket_open_user_id_index
                    -- (same condition), read without visiting the table
                    SELECT t.user_id, COUNT(*) AS open_count,
                           SUM(CASE t.priority %(weight)s ELSE %(default)s END)
                               AS load
                      FROM helpdesk_ticket t
                     WHERE t.user_id = ANY(ARRAY(SELECT id FROM member))
                       AND t.user_id IS NOT NULL AND t.active
                       AND t.closed IS NOT TRUE
                  GROUP BY t.user_id
                ), away AS (
                    SELECT DISTINCT res.user_id
                      FROM resource_calendar_leaves leave
                      JOIN resource_resource res ON res.id = leave.resource_id
                     WHERE res.user_id = ANY(ARRAY(SELECT id FROM member))
                       AND leave.date_from <= %(now)s AND leave.date_to > %(now)s
                )
                SELECT m.id, m.name, m.grc_is_available, m.grc_capacity,
                       away.user_id IS NOT NULL,
                       COALESCE(work.open_count, 0), COALESCE(work.load, 0),
                       %(last_agent)s
                  FROM member m
             LEFT JOIN work ON work.user_id = m.id
             LEFT JOIN away ON away.user_id = m.id
              ORDER BY m.id
                """,
                now=now,
                weight=weight,
                default=PRIORITY_WEIGHTS["1"],
                team=team.id,
                last_agent=last_agent,
            )
        )
        members = [Member(*row[:-2], int(row[-2])) for row in rows]
        last_id = rows[0][-1] if rows else None
        pending = self.env.cr.precommit.data.get(_PENDING_KEY, {}).get("load", {})
        if pending:
            members = [
                m._replace(
                    open_count=m.open_count + pending[m.id][0],
                    load=m.load + pending[m.id][1],
                )
                if m.id in pending
                else m
                for m in members
            ]
        return members, last_id

    @api.model
    def _next_in_turn(self, team, candidates, members, last_id):
        """The candidate after the last agent who got a request of ``team``,
        and how it was chosen, in words."""
        pending = self.env.cr.precommit.data.get(_PENDING_KEY, {}).get("last", {})
        last_id = pending.get(team.id) or last_id
        if not last_id:
            return candidates[0], self.env._("first in turn")
        chosen = next((m for m in candidates if m.id > last_id), candidates[0])
        previous = next((m.name for m in members if m.id == last_id), None)
        if previous is None:  # no longer a member of the service
            previous = self.env["res.users"].sudo().browse(last_id).name
        return chosen, self.env._("next after %(user)s", user=previous)

    @api.model
    def _skipped_summary(self, unavailable, on_leave, full):
        parts = []
        for members, label in (
            (on_leave, self.env._("on leave")),
            (unavailable, self.env._("not available")),
            (full, self.env._("at capacity")),
        ):
            if not members:
                continue
            if len(members) <= 5:
                who = ", ".join(m.name for m in members)
            else:
                who = len(members)
            parts.append(f"{label}: {who}")
        return f" ({'; '.join(parts)})" if parts else ""
