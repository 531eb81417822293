# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The agent's clicks that send something to the citizen: server time.

    python tests/benchmarks/bench_agent_clicks.py --db grc_bench --throwaway

An agent of a service answers citizens who prefer letters: "reply" posts a
message to the citizen (turned into a letter), "resolve" records the
resolution and resolves (answer letter), "close" closes (closure letter).
Each click is timed as the server spends it: the method, the flush and, on a
throwaway database (scripts/bench.sh), the commit that ends the request. The
letters must not be rendered in the click: each is checked queued and not yet
posted right after it, then the queue runs as the cron does after the commit
and every letter must be there. Targets: 95th percentile of each click
<= 300 ms; every letter generated after the commit.

On another database (no --throwaway) nothing is committed: the clicks are
timed without their commit and everything is rolled back. Not a unit test.
"""

import argparse
import os
import sys
import time

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ.get("GRC_BENCH_DIR", "tests/benchmarks"))
import harness  # noqa: E402

TARGET_MS = 300
CLICKS = ("reply", "resolve", "close")
LETTER_MARK = "Letter to print and send"


# ----------------------------------------------------------------------
# Inside Odoo
# ----------------------------------------------------------------------


def fixtures(env, count, tag):
    """A service, its agent, ``count`` postal citizens with a request each,
    in progress."""
    team = env["helpdesk.ticket.team"].create(
        {"name": f"Voirie banc {tag}", "code": f"VB{tag}"[:10]}
    )
    agent = env["res.users"].create(
        {
            "login": f"bench-agent-{tag}",
            "name": "Agent Banc",
            "email": f"bench-agent-{tag}@example.fr",
            "groups_id": [(6, 0, env.ref("grc_citoyen.group_grc_agent").ids)],
        }
    )
    team.write({"user_ids": [(4, agent.id)], "user_id": agent.id})
    request_type = env["grc.request.type"].create(
        {"name": f"Lampadaire banc {tag}", "team_id": team.id}
    )
    citizens = env["res.partner"].create(
        [
            {
                "name": f"Citoyen Courrier {index:03d}",
                "is_citizen": True,
                "preferred_channel": "post",
                "consent_post": True,
                "street": f"{index + 1} rue des Lilas",
                "zip": "37990",
                "city": "Saint-Exemple",
            }
            for index in range(count)
        ]
    )
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Lampadaire éteint {citizen.street}",
                "description": "<p>Le lampadaire ne s'allume plus.</p>",
                "partner_id": citizen.id,
                "request_type_id": request_type.id,
                "team_id": team.id,
                "user_id": agent.id,
            }
            for citizen in citizens
        ]
    )
    tickets.action_grc_start()
    env["grc.letter"]._cron_grc_generate(limit=None)  # the acknowledgements
    return agent, tickets


def clicks(agent, ticket):
    """The three clicks on one request, as the agent."""
    mine = ticket.with_user(agent)
    return {
        "reply": lambda: mine.message_post(
            body="<p>Nous passerons jeudi matin.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=ticket.partner_id.ids,
        ),
        # The button saves the form (the resolution typed), then resolves.
        "resolve": lambda: (
            mine.write({"grc_resolution": "<p>Ampoule changée.</p>"}),
            mine.action_grc_resolve(),
        ),
        "close": lambda: mine.action_grc_close(),
    }


def letters_posted(ticket):
    return ticket.message_ids.filtered(lambda m: LETTER_MARK in (m.body or ""))


def run_inside(env):
    settings = harness.payload()
    count, commit = settings.get("count", 30), settings.get("throwaway", False)
    cr = env.cr
    tag = str(int(time.time()))[-6:]
    agent, tickets = fixtures(env, count + settings.get("warmup", 3), tag)
    if commit:
        cr.commit()
    samples = {click: [] for click in CLICKS}
    queued_only = True
    posted_before = {ticket.id: len(letters_posted(ticket)) for ticket in tickets}
    for index, ticket in enumerate(tickets):
        before = posted_before[ticket.id]
        for click, do in clicks(agent, ticket).items():
            start = time.perf_counter()
            do()
            env.flush_all()
            if commit:
                cr.commit()
            elapsed = (time.perf_counter() - start) * 1000
            if index >= settings.get("warmup", 3):
                samples[click].append(elapsed)
            env.invalidate_all()
            queued_only &= len(letters_posted(ticket)) == before
    pending = env["grc.letter"].search(
        [("ticket_id", "in", tickets.ids), ("state", "=", "to_generate")]
    )
    start = time.perf_counter()
    env["grc.letter"]._cron_grc_generate(limit=None)
    generation_ms = (time.perf_counter() - start) * 1000
    env.invalidate_all()
    produced = all(
        len(letters_posted(ticket)) == posted_before[ticket.id] + len(CLICKS)
        for ticket in tickets
    )
    harness.emit(
        {
            "samples": samples,
            "queued_only": queued_only,
            "letters": len(pending),
            "done": len(pending.filtered(lambda letter: letter.state == "done")),
            "produced": produced,
            "generation_ms": generation_ms,
            "committed": commit,
        }
    )
    if not commit:
        cr.rollback()


# ----------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--stock-db", help="unused: the clicks are GRC's own")
    parser.add_argument("--requests", type=int, default=30, help="requests clicked")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--throwaway",
        action="store_true",
        help="--db is a bench database (scripts/bench.sh): each click commits",
    )
    args = parser.parse_args()
    payload = {
        "count": args.requests,
        "warmup": args.warmup,
        "throwaway": args.throwaway,
    }
    print(f"Measuring the agent's clicks on {args.db}...", flush=True)
    results = harness.run_in_odoo(__file__, args.db, payload)
    sys.exit(1 if report(results) else 0)


def report(results):
    """Print the figures and the targets met; True when a target is missed."""
    rows, targets = [], []
    for click in CLICKS:
        figures = harness.describe(results["samples"][click])
        met = figures["p95"] <= TARGET_MS
        targets.append(met)
        rows.append(
            [
                click,
                figures["count"],
                f"{figures['mean']:.1f}",
                f"{figures['median']:.1f}",
                f"{figures['p95']:.1f}",
                f"<= {TARGET_MS}",
                "PASS" if met else "FAIL",
            ]
        )
    harness.print_table(
        "Agent's clicks on requests of postal citizens: server ms per click"
        + ("" if results["committed"] else " (not committed: no --throwaway)"),
        rows,
        ["click", "n", "mean", "median", "p95", "target", ""],
    )
    after_commit = (
        results["queued_only"]
        and results["produced"]
        and results["done"] == results["letters"]
    )
    targets.append(after_commit)
    print(
        f"\nLetters: {results['letters']} queued by the clicks, none rendered in "
        f"a click: {'yes' if results['queued_only'] else 'NO'}; "
        f"{results['done']} generated by the queue afterwards in "
        f"{results['generation_ms']:.0f} ms "
        f"({'PASS' if after_commit else 'FAIL'})"
    )
    print(f"\nbench_agent_clicks: {sum(targets)} of {len(targets)} targets met")
    return not all(targets)


if "env" in globals():
    run_inside(env)  # noqa: F821
elif __name__ == "__main__":
    main()
