# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Assignment engine: (service, priority) -> (agent, trace).

An agent is a candidate when they are a member of the service, marked
available, not on leave now (``resource.calendar.leaves`` of their resource)
and below their capacity of open requests. Whatever the number of agents, one
query reads the members with their availability, their leave and their open
requests counted and weighted by priority (grouped per agent on the partial
index of open requests, without visiting the table); one pass in Python then
sorts them out and picks the least loaded, or the next in turn.
"""

import weakref

from odoo import api, fields, models
from odoo.tools import SQL

# An open request weighs more in an agent's load the more urgent it is.
PRIORITY_WEIGHTS = {"0": 1, "1": 2, "2": 3, "3": 4}
# Members skipped for one reason are named in the trace up to this number.
_NAMED_SKIPPED = 5

_WEIGHT = SQL(
    "CASE t.priority %s ELSE %s END",
    SQL(" ").join(
        SQL("WHEN %s THEN %s", priority, points)
        for priority, points in PRIORITY_WEIGHTS.items()
    ),
    PRIORITY_WEIGHTS["1"],
)
_NO_LAST = SQL("NULL::integer")
# The members' query, prepared once per database connection and mode (see
# _members): its planning cost as much as its execution.
_PREPARED = weakref.WeakKeyDictionary()  # connection -> names prepared on it
_MEMBERS_QUERY = """
                SELECT u.id, p.name, u.grc_is_available, u.grc_capacity,
                       EXISTS (
                           SELECT 1
                             FROM resource_resource res
                             JOIN resource_calendar_leaves leave
                               ON leave.resource_id = res.id
                            WHERE res.user_id = u.id
                              AND leave.date_from <= $2
                              AND leave.date_to > $2
                       ),
                       work.open_count, work.load, %(last_agent)s
                  FROM helpdesk_ticket_team_res_users_rel rel
                  JOIN res_users u ON u.id = rel.res_users_id
                  JOIN res_partner p ON p.id = u.partner_id
                  -- each agent's open requests, counted and weighed on
                  -- helpdesk_ticket_open_user_id_index (same condition)
            CROSS JOIN LATERAL (
                    SELECT COUNT(*) AS open_count,
                           COALESCE(SUM(%(weight)s), 0) AS load
                      FROM helpdesk_ticket t
                     WHERE t.user_id = u.id AND t.user_id IS NOT NULL
                       AND t.active AND t.closed IS NOT TRUE
                ) work
                 WHERE rel.helpdesk_ticket_team_id = $1
                   AND u.active AND NOT COALESCE(u.share, FALSE)
              ORDER BY u.id
"""
# In round robin, the last agent who got a request of the service, on the
# (team_id, assigned_date, id) index: one row read.
_LAST_AGENT = SQL(
    """(SELECT user_id FROM helpdesk_ticket
         WHERE team_id = $1
           AND user_id IS NOT NULL AND assigned_date IS NOT NULL
      ORDER BY assigned_date DESC, id DESC LIMIT 1)"""
)
# A member, as the query returns it: a plain tuple (no object per member).
ID, NAME, AVAILABLE, CAPACITY, ON_LEAVE, OPEN_COUNT, LOAD = range(7)


class GrcAssignmentEngine(models.AbstractModel):
    _name = "grc.assignment.engine"
    _description = "Assignment engine of citizen requests"

    @api.model
    def _assign(self, team, priority="1"):
        """Choose the agent of a new request of ``team``.

        :param priority: priority of the new request ("0" to "3").
        :return: (user, trace) -- user is empty when the service assigns by
            hand or nobody is available; trace tells why, in words.
        """
        return self._assign_batch([(team, priority)])[0]

    @api.model
    def _assign_batch(self, requests):
        """Choose the agents of a batch of new requests, given as a list of
        (service, priority): one flush and one query per service for the whole
        batch, each choice counted in the agent's load for the next ones so
        that the batch is spread.

        :return: list of (user, trace), in the order of ``requests``
        """
        batch = {"members": {}, "load": {}, "last": {}}
        # sudo: the caller (a citizen's intake, an agent) may not read the
        # service's assignment settings nor its members; the engine sees them
        # all and returns only the chosen user, in the caller's env.
        requests = [(team.sudo(), priority or "1") for team, priority in requests]
        if any(team.assignment_mode != "manual" for team, __ in requests):
            # the members' open requests are counted in SQL
            self.env.flush_all()
        return [self._assign_one(team, priority, batch) for team, priority in requests]

    @api.model
    def _assign_one(self, team, priority, batch):
        if not team:
            return self.env["res.users"], self.env._("No service: nobody to assign.")
        mode = team.assignment_mode
        if mode == "manual":
            return self.env["res.users"], self.env._(
                "%(team)s assigns its requests by hand.", team=team.name
            )
        if team.id not in batch["members"]:
            batch["members"][team.id] = self._members(team, mode)
        members, last_id = batch["members"][team.id]
        members = self._with_batch_load(members, batch["load"])
        skipped = {"on_leave": [], "unavailable": [], "full": []}
        candidates = []
        capacity = team.agent_capacity
        for member in members:
            if not member[AVAILABLE]:
                skipped["unavailable"].append(member)
            elif member[ON_LEAVE]:
                skipped["on_leave"].append(member)
            elif 0 < (member[CAPACITY] or capacity) <= member[OPEN_COUNT]:
                skipped["full"].append(member)
            else:
                candidates.append(member)
        chosen = None
        if candidates and mode == "round_robin":
            last_id = batch["last"].get(team.id) or last_id
            chosen = next((m for m in candidates if m[ID] > (last_id or 0)), None)
            chosen = chosen or candidates[0]
        elif candidates:
            chosen = min(candidates, key=lambda m: (m[LOAD], m[OPEN_COUNT], m[ID]))
        skipped = self._skipped_summary(skipped)
        if not chosen:
            return self.env["res.users"], self.env._(
                "No agent available among the %(count)s members of %(team)s"
                "%(skipped)s: the request waits in the service queue.",
                count=len(members),
                team=team.name,
                skipped=skipped,
            )
        if mode == "round_robin":
            mode_label = self.env._("Round robin")
            if not last_id:
                how = self.env._("first in turn")
            else:
                previous = next((m[NAME] for m in members if m[ID] == last_id), None)
                if previous is None:  # no longer a member of the service
                    # sudo: a citizen's intake may not read other users' names.
                    previous = self.env["res.users"].sudo().browse(last_id).name
                how = self.env._("next after %(user)s", user=previous)
        else:
            mode_label = self.env._("Least loaded")
            how = self.env._(
                "least loaded: %(count)s open requests, load %(load)s",
                count=chosen[OPEN_COUNT],
                load=chosen[LOAD],
            )
        trace = self.env._(
            "%(mode)s among %(candidates)s of the %(count)s members of %(team)s"
            "%(skipped)s: %(user)s (%(how)s).",
            mode=mode_label,
            candidates=len(candidates),
            count=len(members),
            team=team.name,
            skipped=skipped,
            user=chosen[NAME],
            how=how,
        )
        count, load = batch["load"].get(chosen[ID], (0, 0))
        batch["load"][chosen[ID]] = (
            count + 1,
            load + PRIORITY_WEIGHTS.get(priority, 2),
        )
        batch["last"][team.id] = chosen[ID]
        return self.env["res.users"].browse(chosen[ID]), trace

    @api.model
    def _with_batch_load(self, members, held):
        """The members with the requests of the batch given to them so far."""
        if not held:
            return members
        return [
            row[:OPEN_COUNT]
            + (row[OPEN_COUNT] + held[row[ID]][0], row[LOAD] + held[row[ID]][1])
            if row[ID] in held
            else row
            for row in members
        ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _members(self, team, mode):
        """Active internal members of ``team`` by id, as tuples (id, name,
        available, capacity, on leave now, open requests, load), and in round
        robin the last agent who got a request of the service: one query (the
        caller flushes).

        :return: (list of tuples, id of the last agent or None)
        """
        name = f"grc_assignment_members_{mode}"
        connection = self.env.cr._cnx
        prepared = _PREPARED.setdefault(connection, set())
        if name not in prepared:
            # A prepared statement lives as long as the connection, whatever
            # its transactions become (a rollback keeps it).
            self.env.cr.execute(
                SQL(
                    "PREPARE %s (integer, timestamp) AS %s",
                    SQL.identifier(name),
                    SQL(
                        _MEMBERS_QUERY,
                        last_agent=_LAST_AGENT if mode == "round_robin" else _NO_LAST,
                        weight=_WEIGHT,
                    ),
                )
            )
            prepared.add(name)
        # PostgreSQL would plan it again on every call (its generic plan is
        # estimated costlier, though as fast): use the generic plan. LOCAL:
        # until the end of the transaction, for prepared statements only
        # (Odoo sends none of its own); one round trip with the EXECUTE.
        rows = self.env.execute_query(
            SQL(
                "SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE %s (%s, %s)",
                SQL.identifier(name),
                team.id,
                fields.Datetime.now(),
            )
        )
        last_id = rows[0][-1] if rows else None
        return rows, last_id

    @api.model
    def _skipped_summary(self, skipped):
        """The members skipped, by reason: their names when there are few,
        else their number."""
        parts = []
        for status, label in (
            ("on_leave", self.env._("on leave")),
            ("unavailable", self.env._("not available")),
            ("full", self.env._("at capacity")),
        ):
            members = skipped[status]
            if not members:
                continue
            if len(members) <= _NAMED_SKIPPED:
                who = ", ".join(member[NAME] for member in members)
            else:
                who = len(members)
            parts.append(f"{label}: {who}")
        return f" ({'; '.join(parts)})" if parts else ""
