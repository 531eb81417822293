# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access log benchmark: what logging adds to opening a request and to an
API read.

    python tests/benchmarks/bench_access_log.py --db grc_bench --throwaway

Both sides run in the same database and Odoo process, call by call in turn
(harness.alternate): "off" is the same code with the access log's two entry
points (``_grc_log_read``, ``_grc_log_api_read``) made no-ops for the call,
"on" logs. The difference is all the log costs: finding what to log, the
entry collected in memory and, at the end of the transaction, the chain's
head locked, one INSERT and the head moved.

- Open a request: ``web_read`` of the request form's fields (from the form
  view, many2one names included) as an agent of its service, record rules
  applying, then the end of the transaction. Only that call is measured,
  not the whole page (views, chatter): the ratio is the harshest one.
- API read: the route ``GET /requests/{id}`` of the mobile app (its function,
  with the citizen's environment, and the JSON answer), then the end of the
  transaction.

With ``--throwaway`` (scripts/bench.sh) the fixtures are committed and every
call is committed, as a real request is: the commit of a transaction that
wrote the log costs a WAL flush a read-only one does not. Without it, the
pre-commit hooks run instead of the commit and everything is rolled back.
Targets: logging adds at most 10 % (ratio on / off of the means <= 1.10).
"""

import argparse
import os
import sys
import uuid

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ.get("GRC_BENCH_DIR", "tests/benchmarks"))
import harness  # noqa: E402

TARGET = 1.10
REQUESTS = 50
ENTRY_POINTS = ("_grc_log_read", "_grc_log_api_read")


# ----------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------


def make_fixtures(env, commit):
    """A service, its agent, a citizen with an online account and requests."""
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    # Unique logins: a kept bench database holds those of earlier runs.
    run = uuid.uuid4().hex[:8]
    team = env["helpdesk.ticket.team"].create({"name": "Voirie (banc journal)"})
    agent = env["res.users"].create(
        {
            "name": "Agent banc journal",
            "login": f"bench-access-log-agent-{run}",
            "groups_id": [(6, 0, [env.ref("grc_citoyen.group_grc_agent").id])],
        }
    )
    team.user_ids = [(4, agent.id)]
    citizen = env["res.partner"].create(
        {
            "name": "Camille Banc",
            "email": "camille.banc@example.fr",
            "is_citizen": True,
        }
    )
    portal = env["res.users"].create(
        {
            "name": "Camille Banc",
            "login": f"bench-access-log-citizen-{run}",
            "partner_id": citizen.id,
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Nid de poule {index}",
                "description": f"<p>Nid de poule devant le {index} rue des Lilas.</p>",
                "partner_id": citizen.id,
                "team_id": team.id,
                "user_id": agent.id,
            }
            for index in range(REQUESTS)
        ]
    )
    env.flush_all()
    if commit:
        env.cr.commit()
    return {"agent": agent.id, "citizen_user": portal.id, "tickets": tickets.ids}


def form_specification(env):
    """What the request form reads: its fields, many2one names included."""
    views = env["helpdesk.ticket"].get_views([(False, "form")])
    model = views["models"]["helpdesk.ticket"]
    fields_ = model.get("fields", model)
    specification = {}
    for name, description in fields_.items():
        if description.get("type") == "many2one":
            specification[name] = {"fields": {"display_name": {}}}
        elif description.get("type") == "many2many":
            specification[name] = {"fields": {"display_name": {}}}
        else:
            specification[name] = {}
    return specification


# ----------------------------------------------------------------------
# The switch and the steps
# ----------------------------------------------------------------------


def install_switch(env):
    """Make the log's entry points skippable; return (state, restore)."""
    log_class = type(env["grc.access.log"])
    originals = {name: getattr(log_class, name) for name in ENTRY_POINTS}
    state = {"on": True}

    def switched(original):
        def method(self, *args, **kwargs):
            if state["on"]:
                return original(self, *args, **kwargs)
            return None

        return method

    for name, original in originals.items():
        setattr(log_class, name, switched(original))

    def restore():
        for name, original in originals.items():
            setattr(log_class, name, original)

    return state, restore


def end_transaction(env, commit):
    """What the end of an HTTP request does; the next one has a cold cache."""
    env.flush_all()
    if commit:
        env.cr.commit()
    else:
        env.cr.precommit.run()
    env.invalidate_all()


def form_step(env, fixtures, state, on, commit):
    specification = form_specification(env)
    agent_env = env(user=fixtures["agent"], su=False)
    tickets = fixtures["tickets"]

    def step(index):
        state["on"] = on
        ticket = agent_env["helpdesk.ticket"].browse(tickets[index % len(tickets)])
        ticket.web_read(specification)
        end_transaction(env, commit)

    return step


def api_step(env, fixtures, state, on, commit):
    from odoo.addons.grc_citoyen_api.routers.grc_api_v1 import get_request

    citizen_env = env(user=fixtures["citizen_user"], su=False)
    tickets = fixtures["tickets"]

    def step(index):
        state["on"] = on
        get_request(citizen_env, tickets[index % len(tickets)]).model_dump_json()
        end_transaction(env, commit)

    return step


SECTIONS = [
    ("form", "Open a request (web_read of the form, as its agent)", form_step),
    ("api", "API read (GET /requests/{id}, as the citizen)", api_step),
]


def run_inside(env):
    params = harness.payload()
    if "grc.access.log" not in env:
        sys.exit("grc_citoyen_access_log is not installed in this database")
    commit = bool(params.get("throwaway"))
    fixtures = make_fixtures(env, commit)
    state, restore = install_switch(env)
    results = {}
    try:
        for key, _title, factory in SECTIONS:
            if key == "api" and "grc.api.token" not in env:
                continue
            results[key] = harness.alternate(
                {
                    "off": (factory(env, fixtures, state, False, commit), env.cr),
                    "on": (factory(env, fixtures, state, True, commit), env.cr),
                },
                params.get("count", 300),
                params.get("warmup", 30),
            )
    finally:
        restore()
        env.cr.rollback()
    harness.emit(results)


# ----------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------


def report(results):
    """Print the figures; True when a target is missed."""
    rows, met, targets = [], 0, 0
    for key, title, _factory in SECTIONS:
        if key not in results:
            continue
        off = harness.describe(results[key]["off"]["samples"])
        on = harness.describe(results[key]["on"]["samples"])
        ratio = on["mean"] / off["mean"]
        targets += 1
        met += ratio <= TARGET
        rows.append(
            [
                title,
                on["count"],
                f"{off['mean']:.2f} / {off['median']:.2f}",
                f"{on['mean']:.2f} / {on['median']:.2f}",
                f"{results[key]['off']['queries']:.1f} / "
                f"{results[key]['on']['queries']:.1f}",
                f"{ratio:.3f} ({on['median'] / off['median']:.3f})",
                f"<= {TARGET}",
                "PASS" if ratio <= TARGET else "FAIL",
            ]
        )
    harness.print_table(
        "Access log benchmark: ms per call, transaction end included (mean / "
        "median); ratio logged / not logged of the means (of the medians)",
        rows,
        ["section", "n", "without log", "with log", "queries", "ratio", "target", ""],
    )
    print(f"\nbench_access_log: {met} of {targets} targets met")
    return met < targets or not targets


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_bench", help="database with GRC")
    parser.add_argument(
        "--stock-db", default=None, help="not used: both sides run on --db"
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument(
        "--throwaway",
        action="store_true",
        help="--db is a bench database: fixtures and every call are committed",
    )
    args = parser.parse_args()
    payload = {
        "count": args.requests,
        "warmup": args.warmup,
        "throwaway": args.throwaway,
    }
    print(f"Measuring on {args.db}...", flush=True)
    results = harness.run_in_odoo(__file__, args.db, payload)
    sys.exit(1 if report(results) else 0)


if "env" in globals():
    run_inside(env)  # noqa: F821
elif __name__ == "__main__":
    main()
