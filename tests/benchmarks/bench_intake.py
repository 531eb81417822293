# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake benchmark: what GRC adds to the creation of a request.

    python tests/benchmarks/bench_intake.py --db grc_bench --stock-db grc_bench_stock

--db has the GRC addons; --stock-db has stock helpdesk_mgmt with the same other
modules (scripts/bench.sh creates both, without demo data). One Odoo process
opens both databases and runs the two sides of each section in turn, request
by request; everything is rolled back. Each section prints its ratio
GRC / stock against its target.

To add figures (routing, assignment...): write two step factories,
`stock(fixtures)` and `grc(fixtures)`, each returning a function step(index)
that does one unit of work, and append a `Section` to SECTIONS. Fixtures come
from `make_fixtures` (extend it when a section needs more).
"""

import argparse
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ["GRC_BENCH_DIR"])
import harness  # noqa: E402

SEED = 2026
CITIZENS = 300
STREETS = ["rue des Lilas", "avenue de la Gare", "rue Jean-Jaurès", "quai de l'Exe"]


# ----------------------------------------------------------------------
# Fixtures: the same citizens and request values on both sides
# ----------------------------------------------------------------------


def citizen_values(index):
    return {
        "name": f"Citoyen Banc {index:04d}",
        "email": f"citoyen.banc{index:04d}@example.fr",
        "phone": f"06 12 {index // 100:02d} {index % 100:02d} 00",
        "street": f"{index % 90 + 1} {STREETS[index % len(STREETS)]}",
        "zip": "37990",
        "city": "Saint-Exemple",
    }


def request_values(fixtures, index):
    """What an intake path receives: the citizen's data, not a partner id."""
    citizen = citizen_values(fixtures["rng"].randrange(fixtures["citizens"]))
    return {
        "citizen": citizen,
        "name": f"Lampadaire éteint {citizen['street']} ({index})",
        "description": f"<p>Lampadaire éteint devant le {citizen['street']}.</p>",
    }


def make_fixtures(env, grc, citizens=CITIZENS):
    """Citizens, a service, a request type; the environment of the admin user
    (not the superuser: record rules apply, as for a real agent)."""
    admin = env.ref("base.user_admin")
    env = env(user=admin, context=dict(env.context, tz="Europe/Paris"))
    partner_vals = [citizen_values(i) for i in range(citizens)]
    if grc:
        for vals in partner_vals:
            vals["is_citizen"] = True
    partners = env["res.partner"].create(partner_vals)
    team = env["helpdesk.ticket.team"].create({"name": "Voirie (banc)"})
    fixtures = {
        "env": env,
        "rng": random.Random(SEED),
        "citizens": citizens,
        "partners": {p.email: p.id for p in partners},
        "team": team.id,
        "channel": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
    }
    if grc:
        request_type = env["grc.request.type"].create(
            {
                "name": "Éclairage public (banc)",
                "code": "BENCH-ECL",
                "team_id": team.id,
                "location_required": True,
            }
        )
        fixtures["type"] = request_type.id
    env.flush_all()
    return fixtures


# ----------------------------------------------------------------------
# Section: request creation
# ----------------------------------------------------------------------


def intake_stock(fixtures):
    """Stock helpdesk_mgmt: a ticket for a partner already known by id."""
    env = fixtures["env"]

    def step(index):
        vals = request_values(fixtures, index)
        citizen = vals["citizen"]
        env["helpdesk.ticket"].create(
            {
                "name": vals["name"],
                "description": vals["description"],
                "partner_id": fixtures["partners"][citizen["email"]],
                "partner_name": citizen["name"],
                "partner_email": citizen["email"],
                "team_id": fixtures["team"],
                "channel_id": fixtures["channel"],
            }
        )
        env.cr.flush()

    return step


def find_citizen(env, citizen):
    """The citizen matching of the intake: the dedup engine when present."""
    if "grc.citizen.dedup" in env:
        return env["grc.citizen.dedup"]._find_citizen(dict(citizen))
    return env["res.partner"].search(
        [("is_citizen", "=", True), ("email", "=ilike", citizen["email"])], limit=1
    )


def intake_grc(fixtures):
    """GRC: find the citizen from their data, then create the request (public
    reference, type, place, dates; routing and SLA once they exist)."""
    env = fixtures["env"]

    def step(index):
        vals = request_values(fixtures, index)
        citizen = vals["citizen"]
        partner = find_citizen(env, citizen)
        env["helpdesk.ticket"].create(
            {
                "name": vals["name"],
                "description": vals["description"],
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email,
                "request_type_id": fixtures["type"],
                "team_id": fixtures["team"],
                "channel_id": fixtures["channel"],
                "location_street": citizen["street"],
                "location_zip": citizen["zip"],
                "location_city": citizen["city"],
            }
        )
        env.cr.flush()

    return step


# ----------------------------------------------------------------------
# Sections and runner
# ----------------------------------------------------------------------


@dataclass
class Section:
    key: str
    title: str
    stock: Callable
    grc: Callable
    target: float | None = None
    note: str = ""


SECTIONS = [
    Section(
        key="intake",
        title="Create a request (citizen matching + reference)",
        stock=intake_stock,
        grc=intake_grc,
        target=1.3,
        note="Each request is created alone, as the admin user (record rules "
        "apply), with mail tracking on, then flushed with its pre-commit hooks "
        "(the work of a real transaction, later rolled back). Stock: a bare "
        "helpdesk_mgmt ticket, the partner id known in advance. GRC: the "
        "citizen is found from their e-mail (dedup engine when installed), "
        "then the request is created with its public reference, type and place.",
    ),
]


def run_inside(env):
    """In the Odoo shell: measure every section, both sides in turn."""
    params = harness.payload()
    results = {}
    with harness.open_env(params["stock_db"]) as stock_env:
        for section in SECTIONS:
            if params.get("only") and section.key not in params["only"]:
                continue
            citizens = params["citizens"]
            stock = section.stock(make_fixtures(stock_env, False, citizens))
            grc = section.grc(make_fixtures(env, True, citizens))
            results[section.key] = harness.alternate(
                {"stock": (stock, stock_env.cr), "grc": (grc, env.cr)},
                params["count"],
                params["warmup"],
            )
            for cr in (stock_env.cr, env.cr):
                cr.rollback()
            stock_env.invalidate_all()
            env.invalidate_all()
    harness.emit(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_bench", help="database with GRC")
    parser.add_argument(
        "--stock-db", default="grc_bench_stock", help="database with stock helpdesk"
    )
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument(
        "--citizens",
        type=int,
        default=CITIZENS,
        help="citizens in the referential the matching searches",
    )
    parser.add_argument("--only", nargs="*", help="section keys")
    args = parser.parse_args()
    payload = {
        "stock_db": args.stock_db,
        "count": args.requests,
        "warmup": args.warmup,
        "citizens": args.citizens,
        "only": args.only,
    }
    print(f"Measuring on {args.db} (GRC) and {args.stock_db} (stock)...", flush=True)
    results = harness.run_in_odoo(__file__, args.db, payload)
    sys.exit(1 if report(results, args.citizens) else 0)


def report(results, citizens):
    """Print the figures; True when a target is missed."""
    rows, notes, failed = [], [], False
    for section in SECTIONS:
        if section.key not in results:
            continue
        figures = results[section.key]
        stock = harness.describe(figures["stock"]["samples"])
        grc = harness.describe(figures["grc"]["samples"])
        ratio = grc["mean"] / stock["mean"]
        verdict = "-"
        if section.target:
            verdict = "PASS" if ratio <= section.target else "FAIL"
            failed |= verdict == "FAIL"
        rows.append(
            [
                section.title,
                grc["count"],
                f"{stock['mean']:.2f} / {stock['median']:.2f}",
                f"{grc['mean']:.2f} / {grc['median']:.2f}",
                f"{figures['stock']['queries']:.1f} / {figures['grc']['queries']:.1f}",
                f"{ratio:.2f} ({grc['median'] / stock['median']:.2f})",
                f"<= {section.target}" if section.target else "-",
                verdict,
            ]
        )
        if section.note:
            notes.append(f"{section.title}: {section.note}")
    harness.print_table(
        f"Intake benchmark, {citizens} citizens: ms per request (mean / median); "
        "ratio GRC / stock of the means (of the medians)",
        rows,
        ["section", "n", "stock ms", "GRC ms", "queries", "ratio", "target", ""],
    )
    for note in notes:
        print(f"\n{note}")
    return failed


if "env" in globals():
    run_inside(env)  # noqa: F821
elif __name__ == "__main__":
    main()
