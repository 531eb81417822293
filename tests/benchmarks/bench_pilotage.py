# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Steering at scale: the indicators of a large city.

    python tests/benchmarks/bench_pilotage.py --db grc_bench --requests 100000

Copies the GRC database, fills the copy with the demo catalogue and
``--requests`` requests written by the generator's bulk path (citizens,
contacts and satisfaction answers in proportion), vacuums it, then measures
what issue 14 lists, as Odoo issues it (a steering user, record rules
applied; an agent of the service for their list):

- the generator (its own time, as it prints it, extrapolated to 1,000,000
  requests; Odoo's start and the catalogue apart);
- an agent's list: open requests of one service by deadline
  (``web_search_read`` of 80 rows + count), with its EXPLAIN;
- the refresh of the monthly aggregates (every month, then the recent
  ones), then the request indicators read from them: all time by month,
  service and channel, one year and one month by service, the monthly flow
  of a year (and, for comparison, the live view by month);
- complaint indicators over all time and over one month;
- public statistics, cold (cache emptied) and warm;
- the yearly workbook (time and peak Python memory), from the aggregates;
- the digest "requests closed during the period".

Targets (issue 14, at 1,000,000 requests on a 2-core machine; held here at
whatever size is built): dashboards and digest <= 100 ms, the agent's list
with its count <= 50 ms, public statistics cold <= 300 ms, yearly workbook
<= 2 s, the generator <= 5 minutes for a million. Median of --repeat runs
(cold: each run after emptying the caches). Not a unit test.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ.get("GRC_BENCH_DIR", "tests/benchmarks"))
import harness  # noqa: E402

TARGETS_MS = {
    "agent_list": 50,
    "requests_by_month": 100,
    "requests_by_service": 100,
    "requests_by_channel": 100,
    "requests_year_by_service": 100,
    "requests_month_by_service": 100,
    "flow_year_by_month": 100,
    "complaints_all_time": 100,
    "complaints_one_month": 100,
    "public_statistics_cold": 300,
    "yearly_workbook": 2000,
    "digest_closed": 100,
}
# Served from the monthly aggregates: from 100,000 to 1,000,000 requests
# they may grow at most twice (the rows grow with the combinations met, not
# with the requests).
FROM_AGGREGATES = (
    "requests_by_month",
    "requests_by_service",
    "requests_by_channel",
    "requests_year_by_service",
    "requests_month_by_service",
    "flow_year_by_month",
    "yearly_workbook",
)
GROWTH_TARGET = 2.0
# Timed once (they write): not medians.
ONCE = ("aggregates_refresh_full", "aggregates_refresh_recent")
GENERATOR_TARGET_S = 300  # for 1,000,000 requests
MILLION = 1_000_000


def measure(env):
    """In the Odoo shell on the filled copy: every figure, in ms."""
    from datetime import date, datetime

    from odoo import SUPERUSER_ID, api

    params = harness.payload()
    repeat = params["repeat"]
    env.cr.execute(
        "SELECT team_id FROM helpdesk_ticket WHERE NOT closed "
        "GROUP BY team_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
    team = env["helpdesk.ticket.team"].browse(env.cr.fetchone()[0])
    steering = _user(env, "bench_steering", "grc_citoyen.group_grc_steering")
    agent = _user(env, "bench_agent", "grc_citoyen.group_grc_agent")
    team.sudo().user_ids |= agent  # sudo: the benchmark sets up its agent
    env.cr.commit()
    agent_env = api.Environment(env.cr, agent.id, {"lang": "fr_FR"})
    steering_env = api.Environment(env.cr, steering.id, {"lang": "fr_FR"})
    admin_env = api.Environment(env.cr, SUPERUSER_ID, {"lang": "fr_FR"})
    today = date.today()
    year_start = date(today.year - 1, 1, 1)
    month = date(today.year, today.month, 1).replace(day=1)
    previous_month = date(
        month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1
    )
    list_domain = [("team_id", "=", team.id), ("closed", "=", False)]
    order = "grc_sla_deadline, priority desc, id"
    spec = {
        name: {}
        for name in (
            "number",
            "name",
            "partner_id",
            "stage_id",
            "user_id",
            "priority",
            "grc_sla_deadline",
            "sla_status",
            "received_date",
        )
    }

    def agent_list():
        tickets = agent_env["helpdesk.ticket"]
        tickets.web_search_read(list_domain, spec, order=order, limit=80)
        tickets.search_count(list_domain)
        agent_env.invalidate_all()

    # The dashboards read the monthly aggregates (refreshed first, timed).
    def refresh(full):
        def run():
            admin_env["grc.kpi.monthly.refresh"]._refresh(full=full)
            env.cr.commit()

        return run

    def request_group(groupby, domain=()):
        def run():
            steering_env["grc.kpi.request.monthly"]._read_group(
                list(domain),
                [groupby],
                [
                    "request_count:sum",
                    "closed_count:sum",
                    "open_count:sum",
                    "sla_compliance:avg",
                    "resolution_delay_days:avg",
                    "resolution_delay_working_days:avg",
                ],
            )

        return run

    def live_request_group(groupby):
        def run():
            steering_env["grc.kpi.request"]._read_group(
                [], [groupby], ["__count", "closed_count:sum", "sla_compliance:avg"]
            )

        return run

    def flow_year():
        steering_env["grc.kpi.request.flow.monthly"]._read_group(
            [
                ("month", ">=", year_start),
                ("month", "<=", date(year_start.year, 12, 1)),
            ],
            ["month:month"],
            ["received_count:sum", "closed_count:sum", "backlog_count:sum"],
        )

    reclamation_aggregates = [
        "__count",
        "answered_count:sum",
        "on_time_rate:avg",
        "answer_delay_working_days:avg",
    ]

    def complaints(domain):
        def run():
            steering_env["grc.kpi.reclamation"]._read_group(
                domain, ["team_id"], reclamation_aggregates
            )

        return run

    def public_first():
        # Computed by nobody yet (a new month): computed and shared.
        admin_env["grc.public.statistics"]._invalidate_public_statistics()
        admin_env["grc.public.statistics"]._get_public_statistics()

    def public_cold():
        # This worker's cache emptied (a registry reset anywhere): the copy
        # the first worker shared is read.
        env.registry.clear_cache()
        admin_env["grc.public.statistics"]._get_public_statistics()
        admin_env.invalidate_all()

    def public_warm():
        admin_env["grc.public.statistics"]._get_public_statistics()

    def workbook():
        steering_env["grc.kpi.xlsx"]._generate(
            year_start, date(year_start.year, 12, 31)
        )

    def digest():
        start = datetime.combine(previous_month, datetime.min.time())
        end = datetime.combine(month, datetime.min.time())
        digest_record = (
            steering_env["digest.digest"]
            .search([], limit=1)
            .with_context(start_datetime=start, end_datetime=end)
        )
        digest_record.invalidate_recordset(["kpi_grc_requests_closed_value"])
        return digest_record.kpi_grc_requests_closed_value

    year_domain = [
        ("month", ">=", year_start),
        ("month", "<=", date(year_start.year, 12, 1)),
    ]
    cases = [
        ("aggregates_refresh_full", refresh(True)),
        ("aggregates_refresh_recent", refresh(False)),
        ("agent_list", agent_list),
        ("requests_by_month", request_group("month:month")),
        ("requests_by_service", request_group("team_id")),
        ("requests_by_channel", request_group("channel_id")),
        ("requests_year_by_service", request_group("team_id", year_domain)),
        (
            "requests_month_by_service",
            request_group("team_id", [("month", "=", previous_month)]),
        ),
        ("flow_year_by_month", flow_year),
        ("live_requests_by_month", live_request_group("month:month")),
        ("complaints_all_time", complaints([])),
        (
            "complaints_one_month",
            complaints([("month", "=", previous_month)]),
        ),
        ("public_statistics_first", public_first),
        ("public_statistics_cold", public_cold),
        ("public_statistics_warm", public_warm),
        ("yearly_workbook", workbook),
        ("digest_closed", digest),
    ]
    results = _time_cases(env, cases, repeat)
    # The plan of the agent's list, as the ORM writes it.
    query = agent_env["helpdesk.ticket"]._search(list_domain, order=order, limit=80)
    env.cr.execute(
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query.select().code,
        query.select().params,
    )
    results["agent_list"]["explain"] = [row[0] for row in env.cr.fetchall()]
    # The complaints of one month as a steering user reads them (the record
    # rule reads their confidentiality): each complaint's links are probed,
    # no hash of every confidential request.
    query = steering_env["grc.kpi.reclamation"]._search(
        [("month", "=", previous_month)]
    )
    env.cr.execute(
        "EXPLAIN (ANALYZE, COSTS OFF) " + query.select().code, query.select().params
    )
    results["complaints_one_month"]["explain"] = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("SELECT COUNT(*) FROM helpdesk_ticket")
    results["requests"] = env.cr.fetchone()[0]
    env.cr.execute("SELECT COUNT(*) FROM grc_reclamation")
    results["complaints"] = env.cr.fetchone()[0]
    env.cr.rollback()
    harness.emit(results)


def _time_cases(env, cases, repeat):
    """Median of ``repeat`` runs of each case (after one to warm it up), in
    ms; the peak Python memory of the workbook."""
    import tracemalloc

    results = {}
    for name, run in cases:
        if name in ONCE:
            began = time.perf_counter()
            run()
            results[name] = {"ms": (time.perf_counter() - began) * 1000}
            print(f"{name}: {results[name]['ms']:.1f} ms", flush=True)
            continue
        run()  # warm the code paths (and the plan caches)
        if name == "public_statistics_cold":
            # The shared copy is what another worker left: committed.
            env.cr.commit()
        samples = []
        peak = 0
        for _index in range(repeat):
            if name == "yearly_workbook":
                tracemalloc.start()
            began = time.perf_counter()
            run()
            samples.append((time.perf_counter() - began) * 1000)
            if name == "yearly_workbook":
                peak = max(peak, tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
            env.cr.rollback()
        results[name] = {"ms": statistics.median(samples)}
        print(f"{name}: {results[name]['ms']:.1f} ms", flush=True)
        if peak:
            results[name]["peak_mib"] = peak / 2**20
    return results


def _user(env, login, group):
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login,
                    "login": login,
                    "groups_id": [(6, 0, [env.ref(group).id])],
                }
            )
        )
    return user


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="GRC database, copied")
    parser.add_argument("--stock-db", help="unused: no stock counterpart")
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--keep", action="store_true", help="keep (and reuse) the filled copy"
    )
    args = parser.parse_args()
    copy = f"{args.db}_pilotage_{args.requests}"
    exists = (
        subprocess.run(
            [
                "psql",
                "-d",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{copy}'",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        == "1"
    )
    generator_s = startup_s = None
    if not (args.keep and exists):
        subprocess.run(["dropdb", "--if-exists", copy], check=True)
        subprocess.run(["createdb", "-T", args.db, copy], check=True)
        began = time.perf_counter()
        generator_s = _generate(copy, args.requests)
        startup_s = time.perf_counter() - began - generator_s
        # Only a superuser vacuums the shared catalogs: not worth a warning.
        subprocess.run(
            ["vacuumdb", "--analyze", "--quiet", "-d", copy],
            check=True,
            env=dict(os.environ, PGOPTIONS="-c client_min_messages=error"),
        )
    try:
        results = harness.run_in_odoo(__file__, copy, {"repeat": args.repeat})
    finally:
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", copy], check=False)
    return report(results, generator_s, startup_s, args.requests)


def _generate(db, requests):
    """Fill ``db`` with generate.py's bulk path; return the time of the
    generator itself as it prints it (from its first citizen to its indexes
    built and keys checked), without Odoo's start and the catalogue, which
    do not grow with the number of requests."""
    command = [
        sys.executable,
        str(harness.ROOT / "tests/benchmarks/generate.py"),
        "-d",
        db,
        "--with-catalogue",
        "--bulk",
        "--requests",
        str(requests),
    ]
    seconds = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            found = re.match(r"Commune written in ([0-9.]+) s", line)
            if found:
                seconds = float(found.group(1))
    if process.returncode or seconds is None:
        sys.exit(f"generate.py failed on {db} (exit {process.returncode})")
    return seconds


def _growth(results, requests, rows):
    """Keep this run's figures; against the other size's last run (100,000
    and 1,000,000), the growth of what the aggregates serve. Return (met,
    total) and add a row per figure compared."""
    import json

    folder = harness.ROOT / ".local"
    folder.mkdir(exist_ok=True)
    (folder / f"bench_pilotage_{requests}.json").write_text(
        json.dumps({k: v for k, v in results.items() if isinstance(v, dict)})
    )
    other = {100000: 1000000, 1000000: 100000}.get(requests)
    path = folder / f"bench_pilotage_{other}.json"
    if not other or not path.exists():
        print(
            f"growth: no run at {other or 'the other size'} kept yet "
            f"(run --requests 100000 and --requests 1000000)"
        )
        return 0, 0
    small, large = (json.loads(path.read_text()), results)
    if requests < other:
        small, large = results, small
    met = total = 0
    for name in FROM_AGGREGATES:
        if name not in small or name not in large:
            continue
        ratio = large[name]["ms"] / max(small[name]["ms"], 0.001)
        ok = ratio <= GROWTH_TARGET
        met, total = met + ok, total + 1
        rows.append(
            (
                f"growth {name}",
                f"{ratio:.2f}x",
                f"{small[name]['ms']:.1f} -> {large[name]['ms']:.1f} ms",
                f"<= {GROWTH_TARGET:.0f}x (100,000 -> 1,000,000)",
                "met" if ok else "MISSED",
            )
        )
    return met, total


def report(results, generator_s, startup_s, requests):
    rows, met, total = [], 0, 0
    if generator_s is not None:
        million = generator_s * MILLION / requests
        ok = million <= GENERATOR_TARGET_S
        met, total = met + ok, total + 1
        rows.append(
            (
                "generator (bulk)",
                f"{generator_s:.1f} s for {requests}",
                f"~{million:.0f} s per 1,000,000 (extrapolated)",
                f"<= {GENERATOR_TARGET_S} s",
                "met" if ok else "MISSED",
            )
        )
        rows.append(
            (
                "Odoo start + catalogue",
                f"{startup_s:.1f} s",
                "once, whatever the size",
                "",
                "",
            )
        )
    for name, figures in results.items():
        if not isinstance(figures, dict):
            continue
        target = TARGETS_MS.get(name)
        extra = f"peak {figures['peak_mib']:.1f} MiB" if "peak_mib" in figures else ""
        verdict = ""
        if target:
            ok = figures["ms"] <= target
            met, total = met + ok, total + 1
            verdict = "met" if ok else "MISSED"
        rows.append(
            (
                name,
                f"{figures['ms']:.1f} ms",
                extra,
                f"<= {target} ms" if target else "",
                verdict,
            )
        )
    growth_met, growth_total = _growth(results, requests, rows)
    met, total = met + growth_met, total + growth_total
    harness.print_table(
        f"Steering at {results['requests']} requests, "
        f"{results['complaints']} complaints",
        rows,
        ["figure", "measured", "", "target", ""],
    )
    print("\nEXPLAIN of the agent's list (open requests of a service by deadline):")
    for line in results["agent_list"]["explain"]:
        print("  " + line)
    print("\nEXPLAIN of the complaints of one month (steering user, rules applied):")
    for line in results["complaints_one_month"].get("explain", []):
        print("  " + line)
    print(f"\nbench_pilotage: {met} of {total} targets met")
    return met == total


if "env" in globals():
    measure(env)  # noqa: F821
elif __name__ == "__main__":
    sys.exit(0 if main() else 1)
