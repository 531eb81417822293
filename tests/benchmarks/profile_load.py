# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CPU and queries per call of the routes bench_load drives, in one process.

    .venv/bin/python tests/benchmarks/profile_load.py [--template DB] [--db DB]
        [--rounds 40] [--profile] [--keep]

bench_load measures latency under saturation, which says little on a shared
machine. This script measures what saturation is made of: the CPU each call
costs. A copy of ``--template`` gets bench_portal's citizens (bench_load's
data); then, in an Odoo shell on it, Odoo's own WSGI application (with every
wrapper an addon puts around it: gzip, availability) is called in-process,
one call at a time, by a signed-in citizen doing what a bench_load client
does, ``--rounds`` times after a warm-up: open the form, post it, post it
again (a double post or a retry: answered from the idempotency key), read
their list and one request.

Printed per route: the Odoo process's CPU (``time.process_time``: the
client's share is a few microseconds of building the WSGI environ), the
CPU of the database server's backends of this database (from /proc, 10 ms
ticks: a mean over many calls), SQL queries and the answer's size.
``--profile`` also prints, per route, the functions of the project's addons
and the hot spots of the whole call (cProfile, cumulative).
Not a benchmark with a target: a tool to find and check what a call costs.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("GRC_BENCH_DIR") or str(Path(__file__).parent))

ROUTES = (
    "GET form",
    "POST form",
    "POST form again",
    "GET /my/requests",
    "GET /my/requests/<id>",
)


def backend_pids(env):
    """Process ids of the database server's backends of this database."""
    env.cr.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    )
    return [pid for (pid,) in env.cr.fetchall()]


def backends_cpu(pids):
    """CPU seconds (user + system) the backends ``pids`` used so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measure(env, options):
    """Inside Odoo: the calls, timed; {route: {cpu, db_cpu, queries, bytes}}."""
    import cProfile
    import re
    import threading
    import time
    import uuid

    from harness import CSRF_RE, KEY_RE, PASSWORD
    from werkzeug.test import Client

    from odoo import http

    env.cr.commit()  # the shell's own snapshot must not hide the calls' rows
    client = Client(http.root, use_cookies=True)
    headers = {"Accept-Encoding": "gzip, deflate", "Host": "127.0.0.1"}
    environ = {"REMOTE_ADDR": "127.0.0.1"}
    thread = threading.current_thread()
    figures = {route: [] for route in ROUTES}
    profiles = {}
    request_re = re.compile(r"/my/requests/(\d+)")

    def call(route, method, path, record, **kwargs):
        profiler = (
            cProfile.Profile(time.process_time)
            if options["profile"] and record
            else None
        )
        pids = backend_pids(env) if record else []
        env.cr.commit()
        db_before = backends_cpu(pids)
        before = time.process_time()
        if profiler:
            profiler.enable()
        response = getattr(client, method)(
            path, headers=headers, environ_base=environ, **kwargs
        )
        body = response.get_data()
        if profiler:
            profiler.disable()
        cpu = time.process_time() - before
        if record:
            # New connections of the pool opened during the call count too.
            pids = set(pids) | set(backend_pids(env))
            env.cr.commit()
            figures[route].append(
                {
                    "cpu": cpu,
                    "db_cpu": backends_cpu(pids) - db_before,
                    "queries": getattr(thread, "query_count", 0),
                    "bytes": len(body),
                    "status": response.status_code,
                }
            )
        if profiler:
            profiles.setdefault(route, []).append(profiler)
        return response, body

    def text(response, body):
        if response.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        return body.decode()

    # Signing in is not what bench_load measures.
    response, body = call("login", "get", "/web/login", False)
    token = CSRF_RE.search(text(response, body)).group(1)
    response, body = call(
        "login",
        "post",
        "/web/login",
        False,
        data={"login": options["login"], "password": PASSWORD, "csrf_token": token},
    )
    if response.status_code != 303:
        raise SystemExit(f"signing in as {options['login']} failed")
    form_url = f"/demarches/{options['type_id']}/nouvelle"
    seen = []
    for index in range(-options["warmup"], options["rounds"]):
        record = index >= 0
        response, body = call("GET form", "get", form_url, record)
        page = text(response, body)
        data = {
            "csrf_token": CSRF_RE.search(page).group(1),
            "idempotency_key": KEY_RE.search(page).group(1),
            "description": f"Profile load {index} {uuid.uuid4().hex[:8]}",
            "location_street": f"{index + 100} quai Saint-Antoine",
            "location_zip": "69002",
            "location_city": "Lyon",
            "preferred_channel": "email",
        }
        response, _body = call("POST form", "post", form_url, record, data=data)
        match = request_re.search(response.headers.get("Location", ""))
        if response.status_code != 303 or not match:
            raise SystemExit(f"POST form answered {response.status_code}")
        seen.append(match.group(1))
        again, _body = call("POST form again", "post", form_url, record, data=data)
        if again.headers.get("Location") != response.headers.get("Location"):
            raise SystemExit("the second post did not answer with the first request")
        call("GET /my/requests", "get", "/my/requests", record)
        one = f"/my/requests/{seen[index % len(seen)]}"
        call("GET /my/requests/<id>", "get", one, record)
    for route in ROUTES:
        bad = [f["status"] for f in figures[route] if f["status"] >= 400]
        if bad:
            raise SystemExit(f"{route}: answered {bad}")
    return {"figures": figures, "profiles": profiles_text(profiles, options)}


def profiles_text(profiles, options):
    """Each route's profile as text (and saved, with ``profile_dir``)."""
    import io
    import pstats
    import re

    texts = {}
    for route, profilers in profiles.items():
        out = io.StringIO()
        stats = pstats.Stats(profilers[0], stream=out)
        for profiler in profilers[1:]:
            stats.add(profiler)
        if options.get("profile_dir"):
            name = re.sub(r"\W+", "_", route).strip("_")
            stats.dump_stats(os.path.join(options["profile_dir"], f"{name}.pstats"))
        stats.sort_stats("cumulative")
        out.write(f"\n=== {route}: our addons (cumulative)\n")
        stats.print_stats("addons/grc", 40)
        out.write(f"\n=== {route}: whole call (internal time)\n")
        stats.sort_stats("tottime").print_stats(30)
        texts[route] = out.getvalue()
    return texts


def main():
    import statistics

    from bench_portal import setup_data
    from harness import create_database, run, run_in_odoo

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_profile_load")
    parser.add_argument("--template", help="installed database to copy")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-out", help="write the profiles to this file")
    parser.add_argument(
        "--profile-dir", help="also save each route's profile (pstats) there"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}")
    create_database(args.db, args.template, port=0)
    try:
        data = setup_data(args.db, args.requests, 2)
        result = run_in_odoo(
            __file__,
            args.db,
            {
                "login": data["logins"][1],
                "type_id": data["type_id"],
                "rounds": args.rounds,
                "warmup": args.warmup,
                "profile": args.profile or bool(args.profile_dir),
                "profile_dir": args.profile_dir and os.path.abspath(args.profile_dir),
            },
        )
    finally:
        if not args.keep:
            run(["dropdb", "--if-exists", args.db])
    print(
        f"\n{'route':<24} {'calls':>5} {'CPU ms':>8} {'median':>8} "
        f"{'DB CPU ms':>9} {'queries':>7} {'bytes':>7}"
    )
    total = 0.0
    for route in ROUTES:
        rows = result["figures"][route]
        cpu = [row["cpu"] * 1000 for row in rows]
        db_cpu = statistics.fmean(row["db_cpu"] for row in rows) * 1000
        total += statistics.fmean(cpu) + db_cpu
        print(
            f"{route:<24} {len(rows):>5} {statistics.fmean(cpu):>8.1f} "
            f"{statistics.median(cpu):>8.1f} {db_cpu:>9.1f} "
            f"{statistics.fmean(row['queries'] for row in rows):>7.1f} "
            f"{statistics.fmean(row['bytes'] for row in rows):>7.0f}"
        )
    print(f"one round (five calls), Odoo + database CPU: {total:.0f} ms")
    if result["profiles"]:
        text = "\n".join(result["profiles"].values())
        if args.profile_out:
            Path(args.profile_out).write_text(text, encoding="utf-8")
            print(f"profiles: {args.profile_out}")
        else:
            print(text)
    return 0


if "env" in globals():
    # Executed by the Odoo shell (harness.run_in_odoo).
    from harness import emit, payload

    emit(measure(env, payload()))  # noqa: F821 - the shell's environment
elif __name__ == "__main__":
    sys.exit(main())
