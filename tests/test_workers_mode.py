"""Smoke test of production mode: the server with workers, as deployed.

Starts Odoo with ``--workers`` (HTTP workers plus the gevent process serving
the websocket) on a database holding the core addon, opens the citizen portal
on the HTTP port and the websocket on the gevent port, then stops it. The
gevent process once crashed at start in a loop (pkg_resources could not find
zope.interface 8 / zope.event 6): its log must show it started once, cleanly.

Skipped only when the Odoo environment is not set up. The database is the
session's (tests/conftest.py). Ports: free ones, or GRC_SMOKE_HTTP_PORT and
the next.
"""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import needs_odoo

ROOT = Path(__file__).resolve().parents[1]
ODOO_SH = ROOT / "scripts" / "odoo.sh"
START_TIMEOUT = 300

pytestmark = needs_odoo


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, timeout=30):
    """(status, body) of a GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(grc_database, tmp_path_factory):
    database = grc_database
    http_port = int(os.environ.get("GRC_SMOKE_HTTP_PORT") or 0) or _free_port()
    gevent_port = (
        http_port + 1 if os.environ.get("GRC_SMOKE_HTTP_PORT") else _free_port()
    )
    log = tmp_path_factory.mktemp("workers") / "odoo.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                "bash",
                str(ODOO_SH),
                "-d",
                database,
                f"--db-filter=^{database}$",
                "--workers=2",
                "--max-cron-threads=0",
                f"--http-port={http_port}",
                f"--gevent-port={gevent_port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own process group: the workers and the gevent process are
            # stopped with it, and nothing else.
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, log.read_text()[-5000:]
            try:
                if _get(f"{base}/web/login", timeout=60)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-5000:]
            time.sleep(1)
        yield {"base": base, "gevent_port": gevent_port, "log": log}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def test_portal_served_by_workers(server):
    status, body = _get(f"{server['base']}/demarches")
    assert status == 200
    assert 'href="/demarches' in body or "/demarches/" in body
    # A page of the signed-in portal leads to the login page.
    status, _body = _get(f"{server['base']}/my/requests")
    assert status in (302, 303)


def test_websocket_served_by_gevent_process(server):
    websocket = pytest.importorskip("websocket")
    url = f"ws://127.0.0.1:{server['gevent_port']}/websocket"
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = websocket.create_connection(url, timeout=30)
            break
        except (OSError, websocket.WebSocketException):
            assert time.monotonic() < deadline, server["log"].read_text()[-5000:]
            time.sleep(1)
    try:
        # Odoo's websocket answers a ping with a pong: the connection is live.
        connection.ping(b"grc")
        opcode, frame = connection.recv_data_frame(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_PONG
        assert frame.data == b"grc"
    finally:
        connection.close()
    log = server["log"].read_text()
    # Started once, never restarted after a crash.
    assert len(re.findall(r"Evented Service \(longpolling\) running", log)) == 1
    assert "Traceback" not in log, log[-5000:]
