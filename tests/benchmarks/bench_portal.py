# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmarks of the citizen portal, against a real server on 127.0.0.1.

    .venv/bin/python tests/benchmarks/bench_portal.py [--template DB] [--keep]

1. A new database (grc_citoyen installed, no demo data; ``--template`` copies
   an installed database instead, much faster) gets one portal citizen with
   500 requests and ten other portal citizens.
2. A server (``scripts/odoo.sh --workers=0``, threaded, no cron) starts on
   127.0.0.1 in a subprocess.
3. /my/requests (GRC) and /my/tickets (stock helpdesk_mgmt, on a second
   server over a copy of ``--stock-template`` given the same citizen and
   requests as plain tickets: in a GRC database /my/tickets only redirects)
   are fetched alternately by the logged-in citizen, ``--runs`` times each
   after a warm-up.
   Server time is read from the server's own log line of each request (SQL
   time + other time, as Odoo's werkzeug logger prints them): it leaves out
   the network and the client. Target: /my/requests <= 1.5 x /my/tickets
   (medians). Both pages show their first page (20 requests for GRC, stock's
   page size for helpdesk_mgmt).
4. ``--clients`` threads (own session, own CSRF token and form key each) file
   ``--per-client`` requests each through the online form, then post their
   last form once more (a retry). Submissions per second are counted over the
   wall clock; the database is then checked: every form key must have
   exactly one request (none lost, none duplicated, retries included).
5. The server is stopped and the database dropped (``--keep`` keeps it).

Not a unit test: figures depend on the machine, whose load is printed.
"""

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    CSRF_RE,
    KEY_RE,
    PASSWORD,
    ROOT,
    check_submissions,
    create_database,
    login,
    run,
    start_server,
    stop_server,
)

TARGET_RATIO = 1.5
# Threaded (no workers), every request logged with its server time.
THREADED = ("--workers=0", "--log-level=info")
LOG_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)

SETUP_CODE = """
import json
ctx = dict(tracking_disable=True, mail_create_nolog=True,
           mail_create_nosubscribe=True, mail_notrack=True,
           no_reset_password=True, mail_auto_subscribe_no_notify=True)
env = env(context=dict(env.context, **ctx))
team = env["helpdesk.ticket.team"].create({{"name": "Bench voirie", "code": "BVOI"}})
rtype = env["grc.request.type"].create({{
    "name": "Bench trottoir abîmé", "code": "BTRO", "team_id": team.id,
    "sla_target": 5, "sla_unit": "days", "is_published": True,
    "location_required": True,
}})
portal = env.ref("base.group_portal")
users = env["res.users"].create([{{
    "name": f"Bench citizen {{i}}", "login": f"bench.citizen.{{i}}",
    "password": {password!r}, "email": f"bench.citizen.{{i}}@example.invalid",
    "groups_id": [(6, 0, portal.ids)],
}} for i in range({clients} + 1)])
users.partner_id.write({{"is_citizen": True}})
stages = [env.ref(x).id for x in (
    "helpdesk_mgmt.helpdesk_ticket_stage_new",
    "helpdesk_mgmt.helpdesk_ticket_stage_in_progress",
    "helpdesk_mgmt.helpdesk_ticket_stage_awaiting",
    "helpdesk_mgmt.helpdesk_ticket_stage_done",
    "grc_citoyen.helpdesk_ticket_stage_closed",
)]
partner = users[0].partner_id
env["helpdesk.ticket"].create([{{
    "name": f"Bench request {{i}}",
    "description": f"<p>Trottoir abîmé devant le {{i}} rue de la Paix.</p>",
    "partner_id": partner.id, "request_type_id": rtype.id, "team_id": team.id,
    "stage_id": stages[i % len(stages)],
    "location_street": f"{{i}} rue de la Paix", "location_zip": "69002",
    "location_city": "Lyon",
}} for i in range({requests})])
env.cr.commit()
print("BENCH_SETUP " + json.dumps({{
    "type_id": rtype.id, "logins": users.mapped("login"),
}}))
"""


# The stock side: the same citizen and requests as plain helpdesk_mgmt
# tickets of one team (no GRC addon in that database).
STOCK_SETUP_CODE = """
import json
ctx = dict(tracking_disable=True, mail_create_nolog=True,
           mail_create_nosubscribe=True, mail_notrack=True,
           no_reset_password=True, mail_auto_subscribe_no_notify=True)
env = env(context=dict(env.context, **ctx))
team = env["helpdesk.ticket.team"].create({{"name": "Bench voirie"}})
portal = env.ref("base.group_portal")
user = env["res.users"].create({{
    "name": "Bench citizen 0", "login": "bench.citizen.0",
    "password": {password!r}, "email": "bench.citizen.0@example.invalid",
    "groups_id": [(6, 0, portal.ids)],
}})
stages = [env.ref(x).id for x in (
    "helpdesk_mgmt.helpdesk_ticket_stage_new",
    "helpdesk_mgmt.helpdesk_ticket_stage_in_progress",
    "helpdesk_mgmt.helpdesk_ticket_stage_awaiting",
    "helpdesk_mgmt.helpdesk_ticket_stage_done",
    "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
)]
env["helpdesk.ticket"].create([{{
    "name": f"Bench request {{i}}",
    "description": f"<p>Trottoir abîmé devant le {{i}} rue de la Paix.</p>",
    "partner_id": user.partner_id.id, "team_id": team.id,
    "stage_id": stages[i % len(stages)],
}} for i in range({requests})])
env.cr.commit()
print("BENCH_SETUP " + json.dumps({{"logins": [user.login]}}))
"""


def setup_data(db, n_requests, n_clients, template=SETUP_CODE):
    code = template.format(password=PASSWORD, clients=n_clients, requests=n_requests)
    started = time.perf_counter()
    output = run(
        ["bash", "scripts/odoo.sh", "shell", "-d", db, "--no-http", "--log-level=warn"],
        input=code,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_SETUP "))
    print(
        f"data: 1 citizen with {n_requests} requests, {n_clients} other citizens "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return json.loads(line.split(" ", 1)[1])


def server_times(logfile, offset, path):
    """Server seconds (SQL + other) of each logged request to ``path``."""
    with open(logfile, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        lines = log.read().splitlines()
    times = []
    for line in lines:
        match = LOG_LINE.search(line)
        if match and match["path"].split("?")[0] == path:
            times.append(
                (float(match["sql"]) + float(match["other"]), int(match["queries"]))
            )
    return times


def bench_pages(sides, login_name, runs):
    """``sides``: {page: (base URL, server log)}; each page is fetched by the
    same citizen on its own server, in turn."""
    sessions = {page: login(base, login_name) for page, (base, _log) in sides.items()}
    for _warmup in range(3):
        for page, (base, _log) in sides.items():
            sessions[page].get(base + page, timeout=60).raise_for_status()
    offsets = {page: os.path.getsize(logfile) for page, (_b, logfile) in sides.items()}
    wall = {page: [] for page in sides}
    for _run in range(runs):
        for page, (base, _log) in sides.items():
            started = time.perf_counter()
            response = sessions[page].get(base + page, timeout=60)
            wall[page].append(time.perf_counter() - started)
            response.raise_for_status()
            if "/web/login" in response.url:
                raise RuntimeError(f"{page}: not logged in")
    time.sleep(0.5)  # the log line is written after the response
    medians = {}
    for page, (_base, logfile) in sides.items():
        logged = server_times(logfile, offsets[page], page)
        if len(logged) < runs:
            raise RuntimeError(f"{page}: {len(logged)} log lines for {runs} runs")
        server = [seconds * 1000 for seconds, _queries in logged[-runs:]]
        medians[page] = statistics.median(server)
        print(
            f"page {page}: server {statistics.median(server):.1f} ms median, "
            f"{min(server):.1f} ms best, {statistics.mean(server):.1f} ms mean, "
            f"{logged[-1][1]} queries; client wall clock "
            f"{statistics.median(wall[page]) * 1000:.1f} ms median ({runs} runs)"
        )
    if "/my/tickets" not in medians:
        print("page ratio: no stock database given (--stock-template), not compared")
        return None
    ratio = medians["/my/requests"] / medians["/my/tickets"]
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(
        f"page ratio /my/requests (GRC) / /my/tickets (stock helpdesk_mgmt) "
        f"(server time, medians): {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}"
    )
    return ratio <= TARGET_RATIO


def submit_client(base, login_name, type_id, count, start, results, errors):
    try:
        session = login(base, login_name)
    except Exception as error:  # noqa: BLE001 - reported with the figures
        errors.append(f"{login_name}: {error}")
        start["barrier"].wait()
        return
    # Every client is logged in: all start filing at once.
    start["barrier"].wait()
    deadline = start["deadline"]
    form_url = f"{base}/demarches/{type_id}/nouvelle"
    last = None
    for index in range(count):
        if time.monotonic() > deadline:
            errors.append(f"{login_name}: stopped at the time limit")
            break
        try:
            page = session.get(form_url, timeout=60).text
            data = {
                "csrf_token": CSRF_RE.search(page).group(1),
                "idempotency_key": KEY_RE.search(page).group(1),
                "description": f"Bench {login_name} submission {index} "
                f"{uuid.uuid4().hex[:8]}",
                "location_street": f"{index} quai Saint-Antoine",
                "location_zip": "69002",
                "location_city": "Lyon",
                "preferred_channel": "email",
            }
            response = session.post(
                form_url, data=data, timeout=60, allow_redirects=False
            )
        except requests.RequestException as error:
            errors.append(f"{login_name}: {error}")
            continue
        match = re.search(r"/my/requests/(\d+)", response.headers.get("Location", ""))
        if response.status_code in (302, 303) and match:
            results.append((data["idempotency_key"], int(match.group(1))))
            last = data
        else:
            errors.append(f"{login_name}: HTTP {response.status_code}")
    if last:
        # A retry of the same form (double click, network hiccup).
        response = session.post(form_url, data=last, timeout=60, allow_redirects=False)
        match = re.search(r"/my/requests/(\d+)", response.headers.get("Location", ""))
        results.append((last["idempotency_key"], int(match.group(1)) if match else 0))


def bench_submissions(base, db, logins, type_id, per_client, time_limit):
    results, errors = [], []
    start = {"barrier": threading.Barrier(len(logins) + 1)}
    threads = [
        threading.Thread(
            target=submit_client,
            args=(base, login_name, type_id, per_client, start, results, errors),
        )
        for login_name in logins
    ]
    for thread in threads:
        thread.start()
    start["deadline"] = time.monotonic() + time_limit
    start["barrier"].wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    keys = {key for key, _id in results}
    submitted = len(results) - len(logins)  # the retries are not new requests
    print(
        f"submissions: {submitted} by {len(logins)} concurrent clients in "
        f"{elapsed:.1f} s: {submitted / elapsed:.2f} per second "
        f"(each: get the form page, post it; then one retry each; logins not counted)"
    )
    for error in errors[:10]:
        print(f"submissions: error: {error}")
    keys, found, lost, duplicated, mismatched = check_submissions(db, results)
    verdict = "OK" if not (lost or duplicated or mismatched or errors) else "FAILED"
    print(
        f"submissions: {len(keys)} forms, {len(found)} requests in the database, "
        f"{len(lost)} lost, {len(duplicated)} duplicated, {len(mismatched)} "
        f"answered with another request, retries included: {verdict}"
    )
    return verdict == "OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_bench_portal")
    parser.add_argument("--template", help="installed database to copy")
    parser.add_argument(
        "--stock-template",
        help="installed database with stock helpdesk_mgmt to copy, for /my/tickets",
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("GRC_BENCH_PORT", 8299))
    )
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--per-client", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}")
    stock_db = f"{args.db}_stock"
    logfile = ROOT / ".local" / f"bench_portal_{args.db}.log"
    stock_logfile = ROOT / ".local" / f"bench_portal_{stock_db}.log"
    for log in (logfile, stock_logfile):
        log.parent.mkdir(parents=True, exist_ok=True)
        if log.exists():
            log.unlink()
    servers = []
    created = [args.db]
    create_database(args.db, args.template, args.port)
    # One verdict per target measured: the page ratio (when a stock database
    # is given) and "every submission exactly once".
    targets = []
    try:
        data = setup_data(args.db, args.requests, args.clients)
        server, base = start_server(args.db, args.port, logfile, THREADED)
        servers.append(server)
        print(f"server: {base} (pid {server.pid}, log {logfile})")
        sides = {"/my/requests": (base, logfile)}
        if args.stock_template:
            created.append(stock_db)
            create_database(stock_db, args.stock_template, args.port + 1)
            setup_data(stock_db, args.requests, 0, template=STOCK_SETUP_CODE)
            stock_server, stock_base = start_server(
                stock_db, args.port + 1, stock_logfile, THREADED
            )
            servers.append(stock_server)
            print(f"stock server: {stock_base} (log {stock_logfile})")
            sides["/my/tickets"] = (stock_base, stock_logfile)
        targets.append(bench_pages(sides, data["logins"][0], args.runs))
        targets.append(
            bench_submissions(
                base,
                args.db,
                data["logins"][1:],
                data["type_id"],
                args.per_client,
                args.time_limit,
            )
        )
    finally:
        for server in servers:
            stop_server(server)
        if not args.keep:
            for db in created:
                run(["dropdb", "--if-exists", db])
    measured = [met for met in targets if met is not None]
    print(f"bench_portal: {sum(measured)} of {len(measured)} targets met")
    return 0 if all(measured) else 1


if __name__ == "__main__":
    sys.exit(main())
