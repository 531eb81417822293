# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load run in workers mode, as production serves, against a real server.

    .venv/bin/python tests/benchmarks/bench_load.py [--template DB] [--clients 20]
        [--duration 60] [--workers 4] [--keep]

1. A new database (a copy of ``--template``, or grc_citoyen installed) gets
   ``--clients`` portal citizens and one with ``--requests`` requests
   (bench_portal's data).
2. The server starts on 127.0.0.1 in workers mode (``--workers``, its gevent
   process on the next port, no cron).
3. ``--clients`` threads, each signed in as its own citizen, loop for
   ``--duration`` seconds: open the online form and post it; one post in five
   is posted twice at once from two connections (a double click), one in five
   posted once more afterwards (a retry); between submissions they read their
   list of requests and one request.
   A call that gets no answer, or 502/503/504, is tried again (``--retries``
   times, after the ``Retry-After`` the server gave): the same form with the
   same key, as the app and a browser do.
4. The database is then checked: every form key answered with a request exists
   exactly once, and each answer names that request.

Printed: throughput, p50/p95/p99 per route (client side), answers by status,
lost, duplicated, and the server's CPU per call (Odoo's processes and the
database's backends, read from /proc). Targets: 0 lost, 0 duplicated, 0
answers in 5xx, p95 <= 1 s on every route. Not a unit test: figures depend on
the machine (its load is printed).
"""

import argparse
import collections
import functools
import os
import random
import re
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_portal import setup_data  # noqa: E402
from harness import (  # noqa: E402
    CSRF_RE,
    KEY_RE,
    ROOT,
    check_submissions,
    create_database,
    login,
    percentile,
    print_targets,
    run,
    server_cpu,
    start_server,
    stop_server,
)

TARGET_P95 = 1.0
REQUEST_RE = re.compile(r"/my/requests/(\d+)")
# Answers a client tries again, with the same form key: the proxy found no
# server (502, 504) or the server said to come back (503 + Retry-After).
RETRY_STATUSES = {502, 503, 504}


def workers_options(workers):
    """Workers mode, as production serves."""
    return (f"--workers={workers}", "--limit-time-real=120", "--log-level=warn")


def retry_delay(response, default=0.5, ceiling=5.0):
    """Seconds before trying again: the server's Retry-After, capped."""
    try:
        return min(float(response.headers["Retry-After"]), ceiling)
    except (AttributeError, KeyError, TypeError, ValueError):
        return default


class Recorder:
    """Times and statuses per route, from every client thread."""

    def __init__(self, retries=0):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.statuses = collections.Counter()
        self.errors = []
        self.answers = []  # (form key, request id answered)
        self.posted = set()  # every form key posted, answered or not
        self.retries = retries
        self.retried = collections.Counter()  # route: calls tried again
        self.given_up = collections.Counter()  # route: no answer after retries
        self.signed_in = 0  # clients that could sign in

    def call(self, route, method, *args, **kwargs):
        """One call, tried again on no answer or RETRY_STATUSES; every try
        is timed and counted."""
        for attempt in range(self.retries + 1):
            started = time.perf_counter()
            try:
                response = method(*args, timeout=60, allow_redirects=False, **kwargs)
            except requests.RequestException as error:
                response = None
                with self.lock:
                    self.statuses["no answer"] += 1
                    self.errors.append(f"{route}: {error}")
            else:
                with self.lock:
                    self.times[route].append(time.perf_counter() - started)
                    self.statuses[response.status_code] += 1
            if response is not None and response.status_code not in RETRY_STATUSES:
                return response
            if attempt < self.retries:
                with self.lock:
                    self.retried[route] += 1
                time.sleep(retry_delay(response))
        with self.lock:
            self.given_up[route] += 1
        return response

    def answered(self, key, response):
        match = response is not None and REQUEST_RE.search(
            response.headers.get("Location", "")
        )
        with self.lock:
            self.posted.add(key)
            if response is not None and response.status_code in (302, 303) and match:
                self.answers.append((key, int(match.group(1))))
            elif response is not None:
                self.errors.append(f"submission: HTTP {response.status_code}")


def signed_in(base, login_name, start, recorder):
    """Sign in, wait for the other clients and the start; a session, or
    None when signing in failed (reported with the figures)."""
    try:
        session = login(base, login_name)
    except Exception as error:  # noqa: BLE001 - reported with the figures
        with recorder.lock:
            # A client that could not sign in is a call left unanswered.
            recorder.statuses["no answer"] += 1
            recorder.errors.append(f"{login_name}: signing in failed: {error}")
        session = None
    else:
        with recorder.lock:
            recorder.signed_in += 1
    start["barrier"].wait()
    if session is not None:
        start["go"].wait()
    return session


def client(base, login_name, type_id, start, recorder, seed):
    """A signed-in citizen filing requests and reading them until the
    deadline (see the module's docstring)."""
    rng = random.Random(seed)
    session = signed_in(base, login_name, start, recorder)
    if session is None:
        return
    # A second connection of the same browser (same session cookie).
    twin = requests.Session()
    twin.cookies.update(session.cookies)
    form_url = f"{base}/demarches/{type_id}/nouvelle"
    index = 0
    seen = []
    while time.monotonic() < start["deadline"]:
        index += 1
        page = recorder.call("GET form", session.get, form_url)
        if page is None or page.status_code != 200:
            continue
        data = {
            "csrf_token": CSRF_RE.search(page.text).group(1),
            "idempotency_key": KEY_RE.search(page.text).group(1),
            "description": f"Bench load {login_name} {index} {uuid.uuid4().hex[:8]}",
            "location_street": f"{index} quai Saint-Antoine",
            "location_zip": "69002",
            "location_city": "Lyon",
            "preferred_channel": "email",
        }
        kind = rng.random()
        if kind < 0.2:
            # Double click: the same form posted twice at once.
            other = {}

            def post_twin(other=other, data=data):
                other["response"] = recorder.call(
                    "POST form", twin.post, form_url, data=data
                )

            thread = threading.Thread(target=post_twin)
            thread.start()
            response = recorder.call("POST form", session.post, form_url, data=data)
            thread.join()
            recorder.answered(data["idempotency_key"], other.get("response"))
        else:
            response = recorder.call("POST form", session.post, form_url, data=data)
        recorder.answered(data["idempotency_key"], response)
        if 0.2 <= kind < 0.4 and response is not None:
            # A retry after a lost answer.
            again = recorder.call("POST form", session.post, form_url, data=data)
            recorder.answered(data["idempotency_key"], again)
        match = response is not None and REQUEST_RE.search(
            response.headers.get("Location", "")
        )
        if match:
            seen.append(match.group(1))
        recorder.call("GET /my/requests", session.get, f"{base}/my/requests")
        if seen:
            recorder.call(
                "GET /my/requests/<id>",
                session.get,
                f"{base}/my/requests/{rng.choice(seen)}",
            )


def run_clients(clients, duration, during=None):
    """Start ``clients`` (thread targets taking ``start``), release them
    together once all are signed in, call ``during(start)`` while they run
    (in this thread), and return the seconds they ran."""
    start = {"barrier": threading.Barrier(len(clients) + 1), "go": threading.Event()}
    threads = [threading.Thread(target=target, args=(start,)) for target in clients]
    for thread in threads:
        thread.start()
    # Every client is signed in: the clock starts.
    start["barrier"].wait()
    start["deadline"] = time.monotonic() + duration
    start["go"].set()
    started = time.perf_counter()
    if during:
        during(start)
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def print_figures(recorder, clients, elapsed, checked):
    """Throughput, times per route, answers, the database check; returns
    (worst p95 in seconds, answers in 5xx or none)."""
    keys, found, lost, duplicated, mismatched = checked
    calls = sum(len(times) for times in recorder.times.values())
    print(
        f"load: {clients} clients ({recorder.signed_in} signed in) for "
        f"{elapsed:.1f} s: {calls} requests, "
        f"{calls / elapsed:.1f} per second; {len(keys)} forms filed, "
        f"{len(keys) / elapsed:.2f} new requests per second"
    )
    print(
        f"{'route':<24} {'count':>6} {'p50 s':>7} {'p95 s':>7} {'p99 s':>7} "
        f"{'retried':>7} {'failed':>6}"
    )
    worst_p95 = 0.0
    for route, times in sorted(recorder.times.items()):
        p95 = percentile(times, 0.95)
        worst_p95 = max(worst_p95, p95)
        print(
            f"{route:<24} {len(times):>6} {percentile(times, 0.5):>7.3f} "
            f"{p95:>7.3f} {percentile(times, 0.99):>7.3f} "
            f"{recorder.retried[route]:>7} {recorder.given_up[route]:>6}"
        )
    statuses = ", ".join(
        f"{status}: {count}"
        for status, count in sorted(recorder.statuses.items(), key=str)
    )
    print(f"answers by status (every try): {statuses}")
    for error in recorder.errors[:10]:
        print(f"error: {error}")
    server_errors = sum(
        count
        for status, count in recorder.statuses.items()
        if status == "no answer" or (isinstance(status, int) and status >= 500)
    )
    print(
        f"database: {len(keys)} forms, {len(found)} requests, {len(lost)} lost, "
        f"{len(duplicated)} duplicated, {len(mismatched)} answered with another "
        "request (double posts and retries included)"
    )
    return worst_p95, server_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_bench_load")
    parser.add_argument("--template", help="installed database to copy")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("GRC_BENCH_LOAD_PORT", 8297))
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--retries", type=int, default=3, help="tries again after no answer or 5xx"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}")
    logfile = ROOT / ".local" / f"bench_load_{args.db}.log"
    logfile.parent.mkdir(parents=True, exist_ok=True)
    if logfile.exists():
        logfile.unlink()
    create_database(args.db, args.template, args.port)
    server = None
    recorder = Recorder(args.retries)
    try:
        data = setup_data(args.db, args.requests, args.clients)
        server, base = start_server(
            args.db,
            args.port,
            logfile,
            workers_options(args.workers),
            gevent_port=args.port + 1,
        )
        print(f"server: {base}, {args.workers} workers + gevent (log {logfile})")
        logins = data["logins"][1:]
        cpu = {}
        elapsed = run_clients(
            [
                functools.partial(
                    client, base, name, data["type_id"], recorder=recorder, seed=seed
                )
                for seed, name in enumerate(logins)
            ],
            args.duration,
            during=lambda start: cpu.update(start=server_cpu(server, args.db)),
        )
        cpu["end"] = server_cpu(server, args.db)
        checked = check_submissions(args.db, recorder.answers, recorder.posted)
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep:
            run(["dropdb", "--if-exists", args.db])

    worst_p95, server_errors = print_figures(recorder, len(logins), elapsed, checked)
    calls = sum(len(times) for times in recorder.times.values())
    odoo_cpu = cpu["end"][0] - cpu["start"][0]
    db_cpu = cpu["end"][1] - cpu["start"][1]
    print(
        f"server CPU: Odoo {odoo_cpu:.1f} s, database {db_cpu:.1f} s for "
        f"{calls} calls: {(odoo_cpu + db_cpu) * 1000 / max(calls, 1):.0f} ms a call "
        "(less for a machine's load than the times above)"
    )
    _keys, _found, lost, duplicated, mismatched = checked
    targets = {
        "0 lost": not lost,
        "0 duplicated": not duplicated and not mismatched,
        "0 5xx or unanswered": server_errors == 0,
        f"p95 <= {TARGET_P95:g} s on every route": bool(recorder.times)
        and worst_p95 <= TARGET_P95,
    }
    return print_targets("bench_load", targets)


if __name__ == "__main__":
    sys.exit(main())
