# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two Odoo servers behind nginx, on a PostgreSQL primary and its streaming
replica, under load, one server killed during the run.

    make two-servers  (or .venv/bin/python tests/benchmarks/two_servers.py
        [--template DB] [--clients 10] [--managers 2] [--duration 60]
        [--kill-at 30] [--port 8270] [--replica-port 5434] [--keep])

On one machine, with the engines a larger deployment uses:

1. A hot standby of the project's cluster (scripts/pg.sh) is made with
   pg_basebackup in a temporary folder and started on ``--replica-port``
   (Unix socket in that folder), streaming from the primary.
2. A database (a copy of ``--template``, else grc_citoyen_frontdesk and
   grc_pilotage installed) is created on the primary, after the standby
   started: it reaches the standby by streaming. It gets citizens and a
   service manager (bench_portal's data).
3. Two Odoo servers in workers mode serve it, with the same filestore and
   sessions and ``db_replica_host`` pointing at the standby: the routes Odoo
   18 declares read-only (indicators read through ``web_read_group`` /
   ``web_search_read``, reports) run on the replica, the others on the
   primary. Scheduled jobs run on the first server only.
4. nginx serves both on ``--port``: the upstreams of
   config/nginx/grc-two-servers.conf pointed at the two servers, the
   locations of config/nginx/grc-odoo.conf, plain HTTP on 127.0.0.1 (no TLS
   here).
5. ``--clients`` citizens file requests (bench_load's client: double posts,
   retries with the same form key) and ``--managers`` service managers read
   indicators and a report, for ``--duration`` seconds. At ``--kill-at``
   seconds the second server is killed (SIGKILL: its workers and gevent
   process with it).
6. Checked: every request answered exists once (none lost, none duplicated);
   every call was answered in the end (the calls the kill cut were tried
   again); the form posts ran on the primary and the indicator and report
   reads on the replica (each server logs the cursor of every request: ro
   the replica, rw the primary, ro->rw tried on the replica then run again on
   the primary because it wrote); the replica caught up with the primary
   (replication lag sampled during the run) and holds the same requests.

Ends with ``two_servers: N of M targets met``. Everything it started is
stopped and the temporary folder removed; the database is dropped unless
``--keep``. Needs nginx (Debian: ``apt-get install nginx-light``; it is not
started as a service).
"""

import argparse
import collections
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import (  # noqa: E402
    Recorder,
    client,
    print_figures,
    run_clients,
    signed_in,
)
from bench_portal import setup_data  # noqa: E402
from harness import (  # noqa: E402
    PASSWORD,
    ROOT,
    check_port_free,
    check_submissions,
    create_database,
    pg_env,
    print_targets,
    run,
    start_server,
    stop_server,
    wait_for_http,
)

# What a request served by Odoo logs with a replica configured: its route,
# status, queries, SQL and other seconds, then the cursor it ran on.
LOG_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"\S+ \S+ \S+ (?P<mode>ro->rw|ro|rw)\b"
)
ACCESS_LINE = re.compile(r"^(?P<time>\S+) (?P<upstream>.*) (?P<status>\d{3})$")
MANAGER_CODE = """
import json
env = env(context=dict(env.context, no_reset_password=True, tracking_disable=True))
team = env["helpdesk.ticket.team"].search([("name", "=", "Bench voirie")], limit=1)
manager = env["res.users"].create({{
    "name": "Bench manager", "login": "bench.manager", "password": {password!r},
    "email": "bench.manager@example.invalid",
    "groups_id": [(6, 0, [env.ref("grc_citoyen.group_grc_manager").id])],
}})
team.user_ids = [(4, manager.id)]
ticket = env["helpdesk.ticket"].search([("team_id", "=", team.id)], limit=1)
env.cr.commit()
print("BENCH_MANAGER " + json.dumps({{"login": manager.login, "ticket_id": ticket.id}}))
"""
REPORT = "grc_citoyen_frontdesk.report_grc_request_receipt"
INDICATORS = "/web/dataset/call_kw/grc.kpi.request/"


def as_postgres(command):
    """PostgreSQL's server tools refuse to run as root."""
    return (
        ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command
    )


def pg_bindir():
    return subprocess.run(
        ["bash", "-c", "source scripts/common.sh && pg_bindir"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class Replica:
    """A hot standby of the project's cluster, in ``folder``."""

    NAME = "grc_two_servers_replica"

    def __init__(self, folder, port):
        self.bindir = pg_bindir()
        self.primary = pg_env()
        self.folder = folder
        self.data = folder / "data"
        self.socket = folder / "run"
        self.port = port
        self.started = False

    def connect(self, primary=False, user=None, dbname="postgres"):
        host, port = (
            (self.primary["PGHOST"], self.primary["PGPORT"])
            if primary
            else (str(self.socket), self.port)
        )
        connection = psycopg2.connect(
            host=host, port=port, user=user or self.primary["PGUSER"], dbname=dbname
        )
        connection.autocommit = True
        return connection

    def query(self, sql, primary=False, dbname="postgres", user=None):
        connection = self.connect(primary, user, dbname)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()
        finally:
            connection.close()

    def start(self):
        self.socket.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(self.socket, "postgres", "postgres")
        started = time.perf_counter()
        subprocess.run(
            as_postgres(
                [
                    f"{self.bindir}/pg_basebackup",
                    f"--host={self.primary['PGHOST']}",
                    f"--port={self.primary['PGPORT']}",
                    "--username=postgres",
                    f"--pgdata={self.data}",
                    "--wal-method=stream",
                    "--write-recovery-conf",
                    "--checkpoint=fast",
                    "--no-sync",
                ]
            ),
            check=True,
        )
        size = sum(f.stat().st_size for f in self.data.rglob("*") if f.is_file())
        print(
            f"replica: base backup of the primary, {size / 2**20:.0f} MiB in "
            f"{time.perf_counter() - started:.0f} s"
        )
        # Later lines win: the standby's own port and socket, read-only
        # queries allowed (hot standby), and a name to find it on the primary.
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"\n# two_servers.py: the standby\nport = {self.port}\n"
                f"unix_socket_directories = '{self.socket}'\nlisten_addresses = ''\n"
                "hot_standby = on\nhot_standby_feedback = on\n"
            )
        with open(self.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"primary_conninfo = 'host={self.primary['PGHOST']} "
                f"port={self.primary['PGPORT']} user=postgres "
                f"application_name={self.NAME}'\n"
            )
        subprocess.run(
            as_postgres(
                [
                    f"{self.bindir}/pg_ctl",
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.folder / "replica.log"),
                    "-w",
                    "-t",
                    "120",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.started = True
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = self.query(
                "SELECT state, sync_state FROM pg_stat_replication "
                f"WHERE application_name = '{self.NAME}'",
                primary=True,
                user="postgres",
            )
            if state and state[0] == "streaming":
                recovery = self.query("SELECT pg_is_in_recovery()")[0]
                print(
                    f"replica: hot standby on port {self.port} (socket in "
                    f"{self.socket}), {state[0]} ({state[1]}), in recovery: "
                    f"{recovery}"
                )
                return
            time.sleep(1)
        raise RuntimeError(f"the replica is not streaming, see {self.folder}")

    def lag(self):
        """(bytes the standby has still to replay, replay lag) as the
        primary sees it."""
        return self.query(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), "
            "coalesce(replay_lag, interval '0') FROM pg_stat_replication "
            f"WHERE application_name = '{self.NAME}'",
            primary=True,
            user="postgres",
        )

    def catch_up(self, timeout=60):
        """Seconds until the standby has replayed what the primary had
        written when called (None: not within ``timeout``)."""
        target = self.query("SELECT pg_current_wal_lsn()", primary=True)[0]
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            behind = self.query(
                f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn())"
            )[0]
            if behind <= 0:
                return time.perf_counter() - started
            time.sleep(0.2)
        return None

    def stop(self):
        if self.started:
            subprocess.run(
                as_postgres(
                    [f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "fast"]
                    + ["-w", "stop"]
                ),
                check=False,
                stdout=subprocess.DEVNULL,
            )
            self.started = False


def nginx_site(folder, port, servers):
    """The site of config/nginx/grc-two-servers.conf on this machine: its
    upstreams pointed at ``servers`` [(http port, gevent port)], its
    locations (grc-odoo.conf) served in plain HTTP on 127.0.0.1:``port``."""
    site = (ROOT / "config/nginx/grc-two-servers.conf").read_text()
    replacements = {
        "web:8069": f"127.0.0.1:{servers[0][0]}",
        "web2:8069": f"127.0.0.1:{servers[1][0]}",
        "web:8072": f"127.0.0.1:{servers[0][1]}",
        "web2:8072": f"127.0.0.1:{servers[1][1]}",
        "include /etc/nginx/grc/grc-http.conf;": (
            # grc-http.conf's TLS server, without TLS; its upgrade map.
            "map $http_upgrade $connection_upgrade {\n"
            "    default upgrade;\n    '' close;\n}\n"
            "server {\n"
            f"    listen 127.0.0.1:{port};\n"
            f"    access_log {folder}/nginx-access.log upstreams;\n"
            f"    include {ROOT}/config/nginx/grc-odoo.conf;\n"
            "}"
        ),
    }
    for old, new in replacements.items():
        if old not in site:
            raise RuntimeError(f"grc-two-servers.conf has no {old!r} any more")
        site = site.replace(old, new)
    temp = "".join(
        f"    {kind}_temp_path {folder}/nginx-{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = folder / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/nginx-error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        f"{temp}"
        "    log_format upstreams '$msec $upstream_addr $status';\n"
        f"{site}\n}}\n"
    )
    return conf


def start_nginx(folder, port, servers):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        sys.exit("nginx is not installed (Debian: apt-get install nginx-light)")
    check_port_free(port)
    conf = nginx_site(folder, port, servers)
    command = [nginx, "-p", str(folder), "-c", str(conf)]
    subprocess.run([*command, "-t", "-q"], check=True)
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base}/web/login", process, what="nginx")
    return process, base


def call_json(session, url, model, method, **kwargs):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"model": model, "method": method, "args": [], "kwargs": kwargs},
    }
    return functools.partial(session.post, url, json=payload)


def manager(base, login_name, ticket_id, start, recorder):
    """A service manager reading the indicators and printing a request's
    receipt, in a loop until the deadline."""
    session = signed_in(base, login_name, start, recorder)
    if session is None:
        return
    calls = {
        "indicators (read_group)": call_json(
            session,
            f"{base}{INDICATORS}web_read_group",
            "grc.kpi.request",
            "web_read_group",
            domain=[],
            fields=["open_count:sum", "closed_count:sum"],
            groupby=["team_id"],
        ),
        "indicators (search_read)": call_json(
            session,
            f"{base}{INDICATORS}web_search_read",
            "grc.kpi.request",
            "web_search_read",
            domain=[],
            specification={"team_id": {}, "grc_state": {}, "sla_status": {}},
            limit=80,
        ),
        "report (receipt)": functools.partial(
            session.get, f"{base}/report/html/{REPORT}/{ticket_id}"
        ),
    }
    while time.monotonic() < start["deadline"]:
        for route, call in calls.items():
            response = recorder.call(route, call)
            if response is None or response.status_code != 200:
                status = "no answer" if response is None else response.status_code
                recorder.errors.append(f"{route}: {status}")
            elif route.startswith("indicators") and "error" in response.json():
                recorder.errors.append(f"{route}: {response.json()['error']}")
                with recorder.lock:
                    recorder.given_up[route] += 1


def writing_worker(server, replica, db):
    """(pid, last statement) of a connection of ``server`` whose
    transaction has written on the primary and is still open, or None. The
    workers connect under the name of the process that loaded the registry
    before forking them (odoo-<pid>): every process of the server is
    looked for."""
    pids = subprocess.run(
        ["pgrep", "-g", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    names = ", ".join(f"'odoo-{pid}'" for pid in pids)
    if not names:
        return None
    found = replica.query(
        "SELECT application_name, left(query, 40) FROM pg_stat_activity "
        f"WHERE datname = '{db}' AND application_name IN ({names}) "
        "AND backend_xid IS NOT NULL LIMIT 1",
        primary=True,
        user="postgres",
    )
    return found and (found[0].split("-", 1)[1], found[1])


def kill(server, replica, db, figures, wait=15):
    """SIGKILL ``server`` (its workers and gevent process with it), while it
    is in the middle of a transaction that wrote when that happens within
    ``wait`` seconds: the hardest moment for the request it was filing."""
    deadline = time.monotonic() + wait
    writer = None
    while writer is None and time.monotonic() < deadline:
        writer = writing_worker(server, replica, db)
        if writer is None:
            time.sleep(0.05)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    figures["killed_at"] = time.time()
    print(
        f"kill: server 2 (pid {server.pid}, workers and gevent) killed, "
        + (
            "in the middle of a transaction that wrote "
            f"(last statement: {writer[1]}...)"
            if writer
            else f"no transaction of it wrote in the {wait} s it was watched"
        ),
        flush=True,
    )


def route_of(method, path):
    path = path.split("?")[0]
    if path.startswith(INDICATORS):
        return "indicators: " + path.rsplit("/", 1)[-1]
    if path.startswith("/report/"):
        return "report"
    return f"{method} " + re.sub(r"/\d+", "/<id>", path)


def cursor_modes(logfiles):
    """{route: Counter(cursor mode)} over the servers' logs."""
    modes = collections.defaultdict(collections.Counter)
    for logfile in logfiles:
        with open(logfile, encoding="utf-8", errors="replace") as log:
            for line in log:
                match = LOG_LINE.search(line)
                if match:
                    route = route_of(match["method"], match["path"])
                    modes[route][match["mode"]] += 1
    return modes


def upstream_counts(access_log, servers, killed_at):
    """Requests each server answered before and after the kill, from nginx's
    log (``a, b``: nginx tried a, then b answered; 502: none answered)."""
    names = {
        f"127.0.0.1:{http}": f"server {i + 1}" for i, (http, _g) in enumerate(servers)
    }
    counts = collections.Counter()
    with open(access_log, encoding="utf-8") as log:
        for line in log:
            match = ACCESS_LINE.match(line.strip())
            if not match:
                continue
            when = "after" if float(match["time"]) >= killed_at else "before"
            if match["status"] in ("502", "504"):
                counts[("no server (502)", when)] += 1
                continue
            tried = match["upstream"].split(",")
            answered = tried[-1].strip()
            counts[(names.get(answered, answered), when)] += 1
            if len(tried) > 1:
                # Cut on one server, passed on to the other by nginx itself
                # (it does so for GET; a cut POST comes back as a 502).
                counts[("passed on", when)] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_two_servers")
    parser.add_argument("--template", help="installed database to copy")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("GRC_TWO_SERVERS_PORT", 8270)),
        help="nginx; the servers take the next four (HTTP and gevent each)",
    )
    parser.add_argument(
        "--replica-port",
        type=int,
        default=int(os.environ.get("GRC_REPLICA_PORT", 5434)),
    )
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--managers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--kill-at", type=float, help="default: half the duration")
    parser.add_argument("--workers", type=int, default=2, help="per server")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    kill_at = args.duration / 2 if args.kill_at is None else args.kill_at

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}")
    folder = Path(tempfile.mkdtemp(prefix="grc-two-servers-", dir="/var/tmp"))
    folder.chmod(0o755)  # the postgres user reaches the standby's folder
    try:
        return serve(args, kill_at, folder)
    finally:
        if args.keep:
            print(f"kept: the database {args.db}, the logs in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def serve(args, kill_at, folder):
    replica = Replica(folder / "replica", args.replica_port)
    servers = [(args.port + 1, args.port + 2), (args.port + 3, args.port + 4)]
    processes = {}
    recorder = Recorder(args.retries)
    figures = {}
    try:
        replica.start()
        create_database(
            args.db, args.template, args.port + 1, "grc_citoyen_frontdesk,grc_pilotage"
        )
        data = setup_data(args.db, args.requests, args.clients)
        code = MANAGER_CODE.format(password=PASSWORD)
        output = run(
            ["bash", "scripts/odoo.sh", "shell", "-d", args.db, "--no-http"]
            + ["--log-level=warn"],
            input=code,
            capture_output=True,
            text=True,
        ).stdout
        line = next(x for x in output.splitlines() if x.startswith("BENCH_MANAGER "))
        staff = json.loads(line.split(" ", 1)[1])
        for index, (http_port, gevent_port) in enumerate(servers):
            logfile = folder / f"odoo-{index + 1}.log"
            options = [
                f"--workers={args.workers}",
                "--limit-time-real=120",
                "--proxy-mode",
                f"--db_replica_host={replica.socket}",
                f"--db_replica_port={replica.port}",
                "--log-level=info",
            ]
            if index == 0:
                options.append("--max-cron-threads=1")  # scheduled jobs: here only
            processes[f"server {index + 1}"], base = start_server(
                args.db, http_port, logfile, options, gevent_port=gevent_port
            )
            print(
                f"server {index + 1}: {base}, {args.workers} workers + gevent on "
                f"{gevent_port}, primary + replica, "
                f"{'cron' if index == 0 else 'no cron'} (log {logfile})"
            )
        processes["nginx"], proxy = start_nginx(folder, args.port, servers)
        print(f"proxy: nginx on {proxy} (config {folder / 'nginx.conf'})")
        before = replica.query(
            f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{args.db}'"
        )[0]

        lags = []

        def during(start):
            while time.monotonic() < start["deadline"]:
                if "killed_at" not in figures and (
                    time.monotonic() >= start["deadline"] - args.duration + kill_at
                ):
                    kill(processes["server 2"], replica, args.db, figures)
                lags.append(replica.lag())
                time.sleep(1)

        clients = [
            functools.partial(
                client, proxy, name, data["type_id"], recorder=recorder, seed=seed
            )
            for seed, name in enumerate(data["logins"][1:])
        ]
        clients += [
            functools.partial(
                manager, proxy, staff["login"], staff["ticket_id"], recorder=recorder
            )
        ] * args.managers
        elapsed = run_clients(clients, args.duration, during)
        figures["catch_up"] = replica.catch_up()
        figures["replica_transactions"] = (
            replica.query(
                f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{args.db}'"
            )[0]
            - before
        )
        count = "SELECT count(*), max(id) FROM helpdesk_ticket"
        figures["requests"] = (
            replica.query(count, primary=True, dbname=args.db),
            replica.query(count, dbname=args.db),
        )
        checked = check_submissions(args.db, recorder.answers, recorder.posted)
    finally:
        for process in processes.values():
            stop_server(process)
        replica.stop()
        if not args.keep:
            run(["dropdb", "--if-exists", args.db])

    print_figures(recorder, len(clients), elapsed, checked)
    _keys, _found, lost, duplicated, mismatched = checked
    # A client that could not sign in counts as a call never answered.
    unanswered = sum(recorder.given_up.values()) + len(clients) - recorder.signed_in
    print(
        f"retries: {sum(recorder.retried.values())} calls tried again after no "
        f"answer or 502/503/504, {unanswered} never answered"
    )
    upstreams = upstream_counts(
        folder / "nginx-access.log", servers, figures["killed_at"]
    )
    for when in ("before", "after"):
        print(
            f"nginx, {when} the kill: "
            + ", ".join(
                f"{upstreams[(name, when)]} answered by {name}"
                for name in ("server 1", "server 2", "no server (502)")
            )
            + f"; {upstreams[('passed on', when)]} passed on to the other server"
        )
    modes = cursor_modes(folder.glob("odoo-*.log"))
    print(
        f"{'route (servers logs)':<34} {'primary (rw)':>12} {'replica (ro)':>12} "
        f"{'ro->rw':>7}"
    )
    for route, counts in sorted(modes.items()):
        print(
            f"{route:<34} {counts['rw']:>12} {counts['ro']:>12} {counts['ro->rw']:>7}"
        )
    posts = modes.get("POST /demarches/<id>/nouvelle", collections.Counter())
    reads = collections.Counter()
    for route, counts in modes.items():
        if route.startswith(("indicators", "report")):
            reads.update(counts)
    print(
        f"replica: {figures['replica_transactions']} transactions served on the "
        "standby during the run"
    )
    worst = max(lags, default=(0, None), key=lambda lag: lag[0] or 0)
    print(
        f"replication lag during the run: at most {int(worst[0] or 0)} bytes "
        f"(replay lag {worst[1]}); {len(lags)} samples"
    )
    caught = figures["catch_up"]
    print(
        "replica caught up with the primary "
        + (
            f"{caught:.1f} s after the load"
            if caught is not None
            else "NOT within 60 s"
        )
    )
    primary_count, replica_count = figures["requests"]
    print(
        f"requests: primary {primary_count[0]} (last id {primary_count[1]}), "
        f"replica {replica_count[0]} (last id {replica_count[1]})"
    )
    targets = {
        "0 lost": not lost,
        "0 duplicated": not duplicated and not mismatched,
        "every call answered in the end (retries)": unanswered == 0,
        "both servers answered before the kill, server 1 alone after": (
            upstreams[("server 1", "before")] > 0
            and upstreams[("server 2", "before")] > 0
            and upstreams[("server 1", "after")] > 0
            and not upstreams[("server 2", "after")]
        ),
        "form posts on the primary": posts["rw"] > 0 and not posts["ro"],
        "indicator and report reads on the replica": reads["ro"] > 0
        and not reads["rw"]
        and not reads["ro->rw"],
        "replica caught up, same requests": caught is not None
        and primary_count == replica_count,
    }
    return print_targets("two_servers", targets)


if __name__ == "__main__":
    sys.exit(main())
