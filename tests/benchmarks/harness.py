# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared plumbing of the benchmarks.

A benchmark script runs twice over: from the command line (plain Python), it
starts an Odoo shell (`scripts/odoo.sh shell -d DB`) that executes the same file
with `env` defined, collects what it measured and prints the figures.

Benchmarks compare GRC with stock helpdesk_mgmt "in the same run": the shell
opens the stock database next to its own (`open_env`) and the two sides are
called in turn, request by request (`alternate`), so that whatever else loads
the machine weighs on both alike. Every bench_*.py accepts --db (GRC) and
--stock-db (scripts/bench.sh passes them).

The benchmarks that serve a copy of a database over HTTP (bench_portal,
bench_load, two_servers) share the second half: the database copy, the server
started and stopped in its own process group, a citizen signed in, and the
check that every form answered exists exactly once in the database.
"""

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULT_MARK = "GRC_BENCH_RESULT "
PAYLOAD_VAR = "GRC_BENCH_PAYLOAD"


def run_in_odoo(script, db, payload, capture=True):
    """Execute `script` in an Odoo shell on `db`; return what it emitted
    (`emit`) after printing the rest of its output."""
    command = ["bash", str(ROOT / "scripts/odoo.sh"), "shell", "-d", db]
    command += ["--no-http", "--log-level=warn"]
    environ = dict(os.environ, **{PAYLOAD_VAR: json.dumps(payload)})
    environ["GRC_BENCH_DIR"] = str(Path(__file__).resolve().parent)
    with open(script, "rb") as stdin:
        process = subprocess.run(
            command,
            stdin=stdin,
            env=environ,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE if capture else None,
            check=False,
        )
    if process.returncode:
        sys.exit(f"Odoo shell on {db} failed (exit {process.returncode})")
    if not capture:
        return None
    result = None
    for line in process.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            result = json.loads(line[len(RESULT_MARK) :])
        else:
            print(line)  # what the script printed in Odoo
    if result is None:
        sys.exit(f"No result from the Odoo shell on {db}")
    return result


def payload():
    """Inside Odoo: the parameters the command line passed."""
    return json.loads(os.environ.get(PAYLOAD_VAR) or "{}")


def emit(result):
    """Inside Odoo: hand the figures back to the command line."""
    print(RESULT_MARK + json.dumps(result), flush=True)


@contextmanager
def open_env(dbname):
    """Inside Odoo: a superuser environment on another database of the same
    server (its own registry, so its own code), rolled back at the end."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(dbname).cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


def alternate(steps, count, warmup=0):
    """Call each side's step(index) in turn, `count` times after `warmup` calls.

    :param steps: {side: (step, cursor)}; a step does one unit of work.
    :return: {side: {"samples": [ms, ...], "queries": queries per call}}
    """
    sides = list(steps)
    for index in range(warmup):
        for side in sides:
            steps[side][0](-1 - index)
    results = {side: {"samples": [], "queries": 0} for side in sides}
    for index in range(count):
        # Swap the order every call: neither side always runs on a warm cache.
        for side in sides if index % 2 == 0 else reversed(sides):
            step, cursor = steps[side]
            queries = cursor.sql_log_count
            start = time.perf_counter()
            step(index)
            results[side]["samples"].append((time.perf_counter() - start) * 1000)
            results[side]["queries"] += cursor.sql_log_count - queries
    for side in sides:
        results[side]["queries"] /= max(count, 1)
    return results


def describe(samples):
    samples = sorted(samples)
    return {
        "count": len(samples),
        "mean": statistics.fmean(samples),
        "median": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1] if samples else 0.0,
    }


def print_table(title, rows, headers):
    """Rows of strings, columns aligned."""
    widths = [
        max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))
    ]
    print(f"\n{title}")
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


# ----------------------------------------------------------------------
# Serving over HTTP
# ----------------------------------------------------------------------

# The password of the citizens the served benchmarks create.
PASSWORD = "bench-portal-2026"
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
KEY_RE = re.compile(r'name="idempotency_key"\s+value="([^"]+)"')


def pg_env():
    """PGHOST, PGPORT and PGUSER of the project's cluster (scripts/pg.sh)."""
    output = subprocess.run(
        ["bash", str(ROOT / "scripts/pg.sh"), "env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values = dict(line.split("=", 1) for line in output.split())
    return {key: value.strip("'\"") for key, value in values.items()}


def run(command, **kwargs):
    """A command of the checkout (PostgreSQL client, scripts/odoo.sh)."""
    env = dict(os.environ, **pg_env())
    return subprocess.run(command, check=True, env=env, cwd=ROOT, **kwargs)


def create_database(db, template, port, modules="grc_citoyen"):
    """``db``, new: a copy of ``template``, else ``modules`` installed
    without demo data."""
    run(["dropdb", "--if-exists", db])
    if template:
        print(f"database: copy of {template}")
        run(["createdb", "-T", template, db])
        return
    print(f"database: installing {modules} (no demo data)...", flush=True)
    started = time.perf_counter()
    run(
        [
            "bash",
            "scripts/odoo.sh",
            "-d",
            db,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            f"--http-port={port}",
            "--log-level=warn",
        ],
        stdout=subprocess.DEVNULL,
    )
    print(f"database: installed in {time.perf_counter() - started:.0f} s")


def check_port_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server does: connections closing from an earlier run do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise RuntimeError(f"port {port} is taken: pass --port") from error


def wait_for_http(url, process=None, timeout=180, what="the server"):
    """Wait until ``url`` answers 200; fail early when ``process`` stops."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} stopped")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{what} did not answer in {timeout} s")


def start_server(db, port, logfile, options=(), gevent_port=None):
    """Odoo (scripts/odoo.sh) serving ``db`` on 127.0.0.1:``port``, no cron
    unless ``options`` say otherwise, in a process group of its own (its
    workers and gevent process stop with it). Returns (process, base URL)
    once the login page answers."""
    for taken in (port, gevent_port):
        if taken:
            check_port_free(taken)
    command = [
        "bash",
        "scripts/odoo.sh",
        "-d",
        db,
        f"--db-filter=^{db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        f"--logfile={logfile}",
    ]
    if gevent_port:
        command.append(f"--gevent-port={gevent_port}")
    server = subprocess.Popen(
        [*command, *options],
        cwd=ROOT,
        env=dict(os.environ, **pg_env()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/web/login", server, what=f"the server (log {logfile})")
    except RuntimeError:
        stop_server(server)
        raise
    return server, base


def stop_server(server, sig=signal.SIGTERM):
    """Stop a process started in its own group, and its children."""
    if server.poll() is None:
        os.killpg(server.pid, sig)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def login(base, user, password=PASSWORD, timeout=120):
    """A requests session signed in as ``user``. The timeout is long: many
    clients signing in at once on a loaded machine wait for the password
    hashes (signing in is not what the benchmarks measure)."""
    import requests

    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=timeout).text
    token = CSRF_RE.search(page).group(1)
    response = session.post(
        f"{base}/web/login",
        data={"login": user, "password": password, "csrf_token": token},
        timeout=timeout,
    )
    if "/web/login" in response.url and "session_id" not in session.cookies:
        raise RuntimeError(f"login of {user} failed")
    return session


def check_submissions(db, answers, posted=(), env=None):
    """Every form key answered exists exactly once, and each answer names
    that request; a form ``posted`` but never answered (its server died)
    exists once at most. ``answers``: [(form key, request id answered)].

    :return: (answered keys, {key: [request ids]}, lost, duplicated, mismatched)
    """
    import psycopg2

    keys = {key for key, _id in answers}
    env = env or pg_env()
    with (
        psycopg2.connect(
            host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=db
        ) as connection,
        connection.cursor() as cursor,
    ):
        # A signed-in citizen's key is stored scoped to them
        # ("portal:<partner id>:<key>"): compare the form's own key.
        cursor.execute(
            "SELECT form_key, array_agg(id) FROM ("
            "  SELECT id, regexp_replace(grc_idempotency_key, '^portal:[0-9]+:', '')"
            "  AS form_key FROM helpdesk_ticket WHERE grc_idempotency_key IS NOT NULL"
            ") keyed WHERE form_key = ANY(%s) GROUP BY form_key",
            (list(keys | set(posted)),),
        )
        stored = dict(cursor.fetchall())
    connection.close()
    found = {key: stored[key] for key in keys if key in stored}
    lost = [key for key in keys if key not in found]
    duplicated = [key for key, ids in stored.items() if len(ids) > 1]
    mismatched = [key for key, ticket in answers if found.get(key, [None])[0] != ticket]
    return keys, found, lost, duplicated, mismatched


def server_cpu(server, db, env=None):
    """CPU seconds (user + system) used so far by the server started with
    ``start_server`` (its process group: workers and gevent process, the
    ended children its parent reaped included) and by the database
    server's backends connected to ``db`` (read from /proc: Linux, the
    same machine). A difference of two readings, divided by the calls
    served in between, is the CPU of a call, whatever else loads the
    machine."""
    import psycopg2

    env = env or pg_env()
    with (
        psycopg2.connect(
            host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=db
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s"
            " AND pid <> pg_backend_pid()",
            (db,),
        )
        backends = {pid for (pid,) in cursor.fetchall()}
    connection.close()
    odoo, database = 0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        # fields[2]: the process group; [11:15]: utime, stime, cutime, cstime.
        if int(fields[2]) == server.pid:
            odoo += sum(int(value) for value in fields[11:15])
        elif int(entry) in backends:
            database += int(fields[11]) + int(fields[12])
    ticks = os.sysconf("SC_CLK_TCK")
    return odoo / ticks, database / ticks


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def print_targets(name, targets):
    """Print each target's verdict and ``<name>: N of M targets met``;
    return the exit status (0 when all are met)."""
    for target, met in targets.items():
        print(f"target {target}: {'met' if met else 'MISSED'}")
    met = sum(bool(value) for value in targets.values())
    print(f"{name}: {met} of {len(targets)} targets met")
    return 0 if met == len(targets) else 1
