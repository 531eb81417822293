# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Page weight of the citizen's app, measured in headless Chromium.

    .venv/bin/python tests/benchmarks/bench_app.py [--template DB] [--keep]
        [--screenshots DIR]

1. A new database (``grc_citoyen_app`` installed, no demo data;
   ``--template`` copies an installed database instead, much faster) gets a
   portal citizen with a few requests and a published request type.
2. A server (``scripts/odoo.sh --workers=0``, no cron) starts on 127.0.0.1.
3. Headless Chromium (the Debian package, driven over its DevTools protocol
   with ``websocket-client``, as Odoo's tours are) at a phone's size opens,
   signed in, the report page (``/demarches/<id>/nouvelle``), "my requests"
   (``/my/requests``) and Odoo's own portal home (``/my/home``), each twice:
   a first visit in a new browser profile (empty cache, no service worker),
   then, once the app's service worker is active, a repeat visit.
   Every response is counted where it came from: the network (kB as
   transferred, compressed), the service worker, or the browser's cache;
   the service worker's own fetches are counted too (it is attached as
   well), and the server's log is read to be sure that no static asset was
   asked again on a repeat visit.
4. Targets (the budget): on a first visit, the report page at most
   ``REPORT_FIRST_RATIO`` times the kB of Odoo's own ``/my/home`` measured in
   the same run, "my requests" at most ``MY_FIRST_RATIO`` times; on a repeat
   visit each transfers no static asset and at most ``REPEAT_KB`` (the page
   itself, which is personal and never stored). kB are as the server sent
   them: Odoo's own server does not compress (nginx does, in production).
5. ``--screenshots DIR`` also saves the pages at the phone's size as PNG
   (the README's pictures).

Not a unit test: figures depend on the machine.
"""

import argparse
import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import run, start_server, stop_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-app-2026"
# The budget. First visits against Odoo's own portal home measured in the same
# run (the report page adds the map library and the app's scripts); repeat
# visits in kB transferred: the personal page itself, nothing else.
REPORT_FIRST_RATIO = 1.2
MY_FIRST_RATIO = 1.1
REPEAT_KB = 60
PHONE = {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True}
STATIC = re.compile(
    r"^/(web/assets/|web/static/|[a-z0-9_]+/static/|grc-app/icon-|"
    r"grc-app/manifest|web/image/)"
)
LOG_LINE = re.compile(
    r'"(?P<method>GET|POST|HEAD) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})'
)
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')

SETUP_CODE = """
import json
ctx = dict(tracking_disable=True, mail_create_nolog=True,
           mail_create_nosubscribe=True, mail_notrack=True,
           no_reset_password=True, mail_auto_subscribe_no_notify=True)
env = env(context=dict(env.context, **ctx))
env["ir.config_parameter"].set_param("web.base.url", {base!r})
env["ir.config_parameter"].set_param("web.base.url.freeze", "True")
# Local tiles: the benchmark never reaches a tile server.
env["ir.config_parameter"].set_param(
    "grc_citoyen.map_tile_url", "/grc-app/icon-192.png?z={{z}}&x={{x}}&y={{y}}")
team = env["helpdesk.ticket.team"].create({{"name": "Bench voirie", "code": "BAPP"}})
rtype = env["grc.request.type"].create({{
    "name": "Nid-de-poule", "code": "BNID", "team_id": team.id,
    "sla_target": 5, "sla_unit": "days", "is_published": True,
    "location_required": True, "grc_app_photo": True,
}})
user = env["res.users"].create({{
    "name": "Hélène Bench", "login": "bench.app", "password": {password!r},
    "email": "bench.app@example.invalid",
    "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
}})
user.partner_id.write({{"is_citizen": True}})
env["helpdesk.ticket"].create([{{
    "name": f"Nid-de-poule {{i}} rue de la Paix",
    "description": f"<p>Trou profond devant le {{i}} rue de la Paix.</p>",
    "partner_id": user.partner_id.id, "request_type_id": rtype.id,
    "team_id": team.id, "location_street": f"{{i}} rue de la Paix",
    "location_zip": "69002", "location_city": "Lyon",
}} for i in range(8)])
env.cr.commit()
print("BENCH_SETUP " + json.dumps({{"type_id": rtype.id}}))
"""


def filestore(db):
    return ROOT / ".local" / "filestore" / "filestore" / db


def create_database(db, template, port):
    run(["dropdb", "--if-exists", db])
    shutil.rmtree(filestore(db), ignore_errors=True)
    if template:
        print(f"database: copy of {template}")
        run(["createdb", "-T", template, db])
        # The bundles and images are files: a page without them weighs nothing.
        if filestore(template).is_dir():
            shutil.copytree(filestore(template), filestore(db))
        return
    print("database: installing grc_citoyen_app (no demo data)...", flush=True)
    started = time.perf_counter()
    run(
        [
            "bash",
            "scripts/odoo.sh",
            "-d",
            db,
            "-i",
            "grc_citoyen_app",
            "--without-demo=all",
            "--stop-after-init",
            f"--http-port={port}",
            "--log-level=warn",
        ],
        stdout=subprocess.DEVNULL,
    )
    print(f"database: installed in {time.perf_counter() - started:.0f} s")


def setup_data(db, base):
    code = SETUP_CODE.format(password=PASSWORD, base=base)
    output = run(
        ["bash", "scripts/odoo.sh", "shell", "-d", db, "--no-http", "--log-level=warn"],
        input=code,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_SETUP "))
    return json.loads(line.split(" ", 1)[1])


def session_cookie(base):
    """A signed-in session of the citizen (the login form, as a person)."""
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=30).text
    session.post(
        f"{base}/web/login",
        data={
            "login": "bench.app",
            "password": PASSWORD,
            "csrf_token": CSRF_RE.search(page).group(1),
        },
        timeout=60,
    )
    if "session_id" not in session.cookies:
        raise RuntimeError("the citizen could not sign in")
    return session.cookies["session_id"]


class Browser:
    """Headless Chromium over its DevTools protocol (one websocket, flat
    sessions), counting every response of the page and of its workers."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="bench-app-chromium-")
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--mute-audio",
                "--disable-background-networking",
                "--disable-component-update",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not start")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=60
        )
        self.next_id = 0
        self.events = []
        self.sessions = {}  # session id -> target type
        self.send("Target.setDiscoverTargets", discover=True)
        # Every new target (the page, the service worker) is attached paused,
        # so that the network is watched from its first request.
        self.send(
            "Target.setAutoAttach",
            autoAttach=True,
            waitForDebuggerOnStart=True,
            flatten=True,
        )

    def close(self):
        try:
            self.ws.close()
        finally:
            stop_server(self.process)
            shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method, session=None, **params):
        self.next_id += 1
        # Events read meanwhile may send commands of their own (next ids).
        sent_id = self.next_id
        message = {"id": sent_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            answer = self._receive(timeout=60)
            if answer.get("id") == sent_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def _receive(self, timeout):
        self.ws.settimeout(timeout)
        answer = json.loads(self.ws.recv())
        if "method" in answer:
            self._event(answer)
        return answer

    def _event(self, event):
        method = event["method"]
        params = event["params"]
        if method == "Target.attachedToTarget":
            session = params["sessionId"]
            kind = params["targetInfo"]["type"]
            # Pages are watched through the session new_page opens; workers
            # (the service worker) through this one.
            watched = kind not in ("page", "tab")
            self.sessions[session] = kind if watched else "page-auto"
            commands = [("Runtime.runIfWaitingForDebugger", {})]
            if watched:
                commands.insert(0, ("Network.enable", {}))
            # Answers to these come later, read by the loop of the caller.
            for command, extra in commands:
                self.next_id += 1
                self.ws.send(
                    json.dumps(
                        {
                            "id": self.next_id,
                            "method": command,
                            "params": extra,
                            "sessionId": session,
                        }
                    )
                )
            return
        kind = self.sessions.get(event.get("sessionId"))
        if kind not in (None, "page-auto") and method.startswith("Network."):
            self.events.append((kind, method, params))

    def pump(self, seconds):
        """Read events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self._receive(timeout=left)
            except websocket.WebSocketTimeoutException:
                return

    def quiet(self, idle=1.5, limit=60):
        """Read events until the network is quiet for ``idle`` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            count = len(self.events)
            self.pump(idle)
            if len(self.events) == count:
                return
        raise RuntimeError("the page never went quiet")

    def new_page(self, base, cookie):
        """A page in a new browser context (empty cache, no service worker)."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send(
            "Target.createTarget", url="about:blank", browserContextId=context
        )["targetId"]
        self.pump(1)
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.sessions[session] = "page"
        self.send("Network.enable", session)
        self.send("Page.enable", session)
        self.send("Runtime.enable", session)
        self.send("Emulation.setDeviceMetricsOverride", session, **PHONE)
        self.send("Emulation.setTouchEmulationEnabled", session, enabled=True)
        self.send(
            "Network.setCookie",
            session,
            name="session_id",
            value=cookie,
            url=base + "/",
            httpOnly=True,
        )
        return context, session

    def visit(self, session, url):
        """Open ``url``; ``(counts, responses)`` of the visit."""
        self.events = []
        self.send("Page.navigate", session, url=url)
        self.quiet()
        return tally(self.events)

    def evaluate(self, session, expression):
        result = self.send(
            "Runtime.evaluate",
            session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result.get("result", {}).get("value")

    def screenshot(self, session, path):
        data = self.send("Page.captureScreenshot", session, format="png")["data"]
        save_png(base64.b64decode(data), path)


def save_png(raw, path):
    """A PNG small enough for a README: a palette of 128 colours, half the
    device pixels."""
    from PIL import Image

    image = Image.open(io.BytesIO(raw))
    image = image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
    image = image.convert("RGB").quantize(colors=128, method=Image.MEDIANCUT)
    image.save(path, format="PNG", optimize=True)
    return path.stat().st_size


def tally(events):
    """Where each response of a visit came from, and what the network carried."""
    responses = {}
    for session, method, params in events:
        key = (session, params.get("requestId"))
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url.startswith(("data:", "blob:", "chrome")):
                continue
            responses.setdefault(key, {"url": url})
        elif key in responses:
            entry = responses[key]
            if method == "Network.responseReceived":
                response = params["response"]
                entry["status"] = response.get("status")
                entry["from_sw"] = bool(response.get("fromServiceWorker"))
                entry["from_cache"] = bool(
                    response.get("fromDiskCache") or response.get("fromPrefetchCache")
                )
            elif method == "Network.requestServedFromCache":
                entry["from_cache"] = True
            elif method == "Network.loadingFinished":
                entry["bytes"] = params.get("encodedDataLength", 0)
            elif method == "Network.loadingFailed":
                entry["failed"] = params.get("errorText")
    counts = {"network": 0, "kb": 0.0, "static": 0, "sw": 0, "cache": 0}
    for entry in responses.values():
        path = "/" + entry["url"].split("/", 3)[-1].split("?")[0]
        if entry.get("from_sw"):
            counts["sw"] += 1
        elif entry.get("from_cache"):
            counts["cache"] += 1
        elif "status" in entry:
            counts["network"] += 1
            counts["kb"] += entry.get("bytes", 0) / 1024
            if STATIC.match(path) and entry["status"] == 200:
                counts["static"] += 1
    return counts


def logged_static(logfile, offset):
    """Static assets the server was asked for since ``offset`` of its log."""
    with open(logfile, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        paths = [m["path"] for m in map(LOG_LINE.search, log) if m]
    return [path for path in paths if STATIC.match(path.split("?")[0])]


def measure(browser, base, cookie, path, logfile, shots=None):
    """First and repeat visit of ``path`` in a new profile."""
    context, session = browser.new_page(base, cookie)
    first = browser.visit(session, base + path)
    if shots:
        browser.screenshot(session, shots)
    # The app's service worker, installed by the first visit, must control
    # the repeat visit (Odoo's own pages have none).
    active = browser.evaluate(
        session,
        "navigator.serviceWorker ? Promise.race([navigator.serviceWorker.ready"
        ".then(r => !!r.active), new Promise(r => setTimeout(() => r(false), "
        "10000))]) : false",
    )
    browser.quiet()
    offset = os.path.getsize(logfile)
    repeat = browser.visit(session, base + path)
    time.sleep(0.5)
    repeat["server_static"] = logged_static(logfile, offset)
    controlled = browser.evaluate(session, "!!navigator.serviceWorker?.controller")
    browser.send("Target.disposeBrowserContext", browserContextId=context)
    return first, repeat, bool(active), bool(controlled)


def line(name, visit, counts):
    return (
        f"{name:<28} {visit:<7} {counts['network']:>4} req {counts['kb']:>8.1f} kB"
        f" | service worker {counts['sw']:>3} | browser cache {counts['cache']:>3}"
        f" | static over network {counts['static']}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="grc_bench_app")
    parser.add_argument("--template", help="copy this installed database")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--screenshots", help="folder for PNG pictures of the pages")
    args, _unknown = parser.parse_known_args()
    if not shutil.which("chromium"):
        print("bench_app: chromium is not installed")
        print("bench_app: 0 of 6 targets met")
        return 1
    base = f"http://127.0.0.1:{args.port}"
    logfile = Path(tempfile.gettempdir()) / f"bench-app-{args.db}.log"
    logfile.unlink(missing_ok=True)
    create_database(args.db, args.template, args.port)
    server = browser = None
    try:
        setup = setup_data(args.db, base)
        server, _base = start_server(
            args.db, args.port, logfile, options=("--workers=0", "--log-level=info")
        )
        cookie = session_cookie(base)
        browser = Browser()
        pages = [
            (
                "report page",
                f"/demarches/{setup['type_id']}/nouvelle",
                "app_report.png",
            ),
            ("my requests", "/my/requests", "app_my_requests.png"),
            ("Odoo /my/home (reference)", "/my/home", None),
        ]
        # Bundles are built on their first request: build them before measuring.
        context, session = browser.new_page(base, cookie)
        for _name, path, _shot in pages:
            browser.visit(session, base + path)
        browser.send("Target.disposeBrowserContext", browserContextId=context)
        shots = Path(args.screenshots) if args.screenshots else None
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
        results = {}
        for name, path, shot in pages:
            results[name] = measure(
                browser,
                base,
                cookie,
                path,
                logfile,
                shots / shot if shots and shot else None,
            )
        if shots:
            context, session = browser.new_page(base, cookie)
            browser.visit(session, base + "/application")
            browser.screenshot(session, shots / "app_install.png")
            browser.send("Target.disposeBrowserContext", browserContextId=context)
            for png in sorted(shots.glob("*.png")):
                print(f"screenshot: {png} ({png.stat().st_size / 1024:.0f} kB)")
    finally:
        if browser:
            browser.close()
        if server:
            stop_server(server)
        if not args.keep:
            run(["dropdb", "--if-exists", args.db])
            shutil.rmtree(filestore(args.db), ignore_errors=True)
    print(
        f"phone viewport {PHONE['width']}x{PHONE['height']}, signed-in citizen; "
        "kB as transferred (Odoo's own server, gzip: grc_citoyen_hardening)"
    )
    for name, (first, repeat, _active, controlled) in results.items():
        print(line(name, "first", first))
        print(
            line(name, "repeat", repeat)
            + f" | server asked for {len(repeat['server_static'])} static"
            + f" | service worker {'controls the page' if controlled else 'none'}"
        )
    report_first, report_repeat, _a, report_sw = results["report page"]
    my_first, my_repeat, _a, my_sw = results["my requests"]
    home_first = results["Odoo /my/home (reference)"][0]
    for name, first in (("report page", report_first), ("my requests", my_first)):
        print(
            f"{name}: first visit {first['kb'] / max(home_first['kb'], 0.1):.2f}x "
            f"the kB of Odoo's /my/home, {first['network']} requests "
            f"against {home_first['network']}"
        )
    report_ratio = report_first["kb"] / max(home_first["kb"], 0.1)
    my_ratio = my_first["kb"] / max(home_first["kb"], 0.1)
    targets = [
        (
            f"report page first visit <= {REPORT_FIRST_RATIO}x Odoo's /my/home",
            report_ratio <= REPORT_FIRST_RATIO,
        ),
        (
            f"my requests first visit <= {MY_FIRST_RATIO}x Odoo's /my/home",
            my_ratio <= MY_FIRST_RATIO,
        ),
        (
            "report page repeat visit: no static asset transferred, "
            "service worker in control",
            report_sw
            and not report_repeat["static"]
            and not report_repeat["server_static"],
        ),
        (
            "my requests repeat visit: no static asset transferred, "
            "service worker in control",
            my_sw and not my_repeat["static"] and not my_repeat["server_static"],
        ),
        (
            f"report page repeat visit <= {REPEAT_KB} kB",
            report_repeat["kb"] <= REPEAT_KB,
        ),
        (f"my requests repeat visit <= {REPEAT_KB} kB", my_repeat["kb"] <= REPEAT_KB),
    ]
    for label, met in targets:
        print(f"target: {label}: {'OK' if met else 'MISSED'}")
    met = sum(1 for _label, ok in targets if ok)
    print(f"bench_app: {met} of {len(targets)} targets met")
    return 0 if met == len(targets) else 1


if __name__ == "__main__":
    sys.exit(main())
