"""tests/benchmarks/two_servers.py (make two-servers): the parts that can be
checked without running it, which a change elsewhere could break silently.

- its nginx site is config/nginx/grc-two-servers.conf pointed at two local
  servers, with grc-odoo.conf's locations (and nginx accepts it, where
  installed);
- it reads the cursor each request ran on from Odoo's own log line, and which
  server answered from nginx's log: a change of either format would make its
  verdicts say nothing.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

two_servers = pytest.importorskip("two_servers")

SERVERS = [(9101, 9102), (9103, 9104)]


def test_nginx_site_is_the_two_servers_config_on_local_servers(tmp_path):
    conf = two_servers.nginx_site(tmp_path, 9100, SERVERS).read_text()
    for upstream in ("127.0.0.1:9101", "127.0.0.1:9103"):
        assert f"server {upstream} max_fails=1 fail_timeout=10s;" in conf
    for websocket in ("127.0.0.1:9102", "127.0.0.1:9104"):
        assert f"server {websocket} " in conf
    assert f"include {ROOT}/config/nginx/grc-odoo.conf;" in conf
    assert "listen 127.0.0.1:9100;" in conf
    assert "web:8069" not in conf and "grc-http.conf" not in conf


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_nginx_accepts_the_site(tmp_path):
    conf = two_servers.nginx_site(tmp_path, 9100, SERVERS)
    checked = subprocess.run(
        ["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_cursor_of_each_route_from_odoo_log(tmp_path):
    # Odoo 18's request lines with db_replica_host set (werkzeug's line, then
    # queries, SQL and other seconds, then the cursor).
    log = tmp_path / "odoo-1.log"
    log.write_text(
        "2026-12-07 20:42:01,123 4242 INFO grc werkzeug: 127.0.0.1 - - "
        '[07/Dec/2026 20:42:01] "POST /web/dataset/call_kw/grc.kpi.request/'
        'web_read_group HTTP/1.0" 200 - 12 0.020 0.300 ro\n'
        "2026-12-07 20:42:02,123 4242 INFO grc werkzeug: 127.0.0.1 - - "
        '[07/Dec/2026 20:42:02] "POST /demarches/3/nouvelle HTTP/1.0" '
        "303 - 48 0.100 0.900 rw\n"
        "2026-12-07 20:42:03,123 4242 INFO grc werkzeug: 127.0.0.1 - - "
        '[07/Dec/2026 20:42:03] "GET /report/html/x.y/7 HTTP/1.0" '
        "200 1234 30 0.050 0.700 ro->rw\n"
        "2026-12-07 20:42:04,123 4242 INFO grc odoo.modules.loading: done\n"
    )
    modes = two_servers.cursor_modes([log])
    assert modes == {
        "indicators: web_read_group": {"ro": 1},
        "POST /demarches/<id>/nouvelle": {"rw": 1},
        "report": {"ro->rw": 1},
    }


def test_who_answered_from_nginx_log(tmp_path):
    log = tmp_path / "nginx-access.log"
    log.write_text(
        "100.000 127.0.0.1:9101 200\n"
        "100.500 127.0.0.1:9103 303\n"
        "201.000 127.0.0.1:9103 502\n"
        "202.000 127.0.0.1:9103, 127.0.0.1:9101 200\n"
        "203.000 127.0.0.1:9101 200\n"
    )
    counts = two_servers.upstream_counts(log, SERVERS, killed_at=200)
    assert counts[("server 1", "before")] == 1
    assert counts[("server 2", "before")] == 1
    assert counts[("no server (502)", "after")] == 1
    assert counts[("server 1", "after")] == 2
    assert counts[("passed on", "after")] == 1
    assert not counts[("server 2", "after")]
