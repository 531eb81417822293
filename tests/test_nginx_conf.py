"""Static checks of the reverse proxy's configuration (config/nginx/).

nginx itself is not needed (nor `nginx -t`): the files are parsed into their
blocks and directives, then checked against what the deployment relies on and
against config/odoo.docker.conf (ports, proxy_mode, limits).
"""

import configparser
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NGINX = ROOT / "config" / "nginx"
ODOO_CONF = ROOT / "config" / "odoo.docker.conf"
# Where docker-compose.yml mounts config/nginx in the proxy container.
MOUNTED_AT = "/etc/nginx/grc/"
SITES = ("grc.conf", "grc-two-servers.conf")
HSTS = "max-age=31536000; includeSubDomains"


# Parser --------------------------------------------------------------------

TOKEN = re.compile(
    r"""\s*(?:(\#[^\n]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([{};])|([^\s{};"']+))"""
)


class Block:
    def __init__(self, name="", args=()):
        self.name, self.args = name, list(args)
        self.directives = []  # (name, args)
        self.blocks = []

    def values(self, name):
        return [args for directive, args in self.directives if directive == name]

    def value(self, name):
        found = self.values(name)
        assert len(found) == 1, f"{self.name} {self.args}: {name} {len(found)} times"
        return found[0]

    def children(self, name):
        return [block for block in self.blocks if block.name == name]


def tokens(text):
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        assert (
            match and match.end() > position
        ), f"cannot read at {text[position:position + 40]!r}"
        position = match.end()
        comment, quoted, punct, word = match.groups()
        if comment:
            continue
        if quoted:
            yield "word", quoted[1:-1]
        elif punct:
            yield punct, punct
        elif word:
            yield "word", word


def parse(path, include_root=True):
    """The file as nested blocks; `include` of our own files is followed (as
    nginx does, in place)."""
    root = Block("main")
    stack = [root]
    words = []
    for kind, value in tokens(path.read_text(encoding="utf-8")):
        if kind == "word":
            words.append(value)
        elif kind == "{":
            assert words, f"{path.name}: a block without a name"
            block = Block(words[0], words[1:])
            stack[-1].blocks.append(block)
            stack.append(block)
            words = []
        elif kind == ";":
            assert words, f"{path.name}: an empty directive"
            name, args = words[0], words[1:]
            if name == "include" and include_root and args[0].startswith(MOUNTED_AT):
                included = parse(NGINX / args[0][len(MOUNTED_AT) :])
                stack[-1].directives += included.directives
                stack[-1].blocks += included.blocks
            else:
                stack[-1].directives.append((name, args))
            words = []
        else:  # "}"
            assert not words, f"{path.name}: {' '.join(words)} is missing its ';'"
            assert len(stack) > 1, f"{path.name}: unbalanced '}}'"
            stack.pop()
    assert len(stack) == 1 and not words, f"{path.name}: unclosed block"
    return root


@pytest.fixture(scope="module")
def odoo_options():
    parser = configparser.RawConfigParser()
    with ODOO_CONF.open(encoding="utf-8") as stream:
        parser.read_file(stream)
    return parser["options"]


@pytest.fixture(scope="module", params=SITES)
def site(request):
    return request.param, parse(NGINX / request.param)


def https_server(root):
    (server,) = (
        block
        for block in root.children("server")
        if any(args[0] == "443" for args in block.values("listen"))
    )
    return server


def location(server, *args):
    (found,) = (
        block for block in server.children("location") if block.args == list(args)
    )
    return found


def headers(block):
    return {args[0]: args[1:] for args in block.values("add_header")}


# Checks --------------------------------------------------------------------


def test_every_file_parses():
    for path in NGINX.glob("*.conf"):
        parse(path, include_root=False)


def test_upstreams_match_odoo_ports(site, odoo_options):
    name, root = site
    http_port, gevent_port = odoo_options["http_port"], odoo_options["gevent_port"]
    upstreams = {block.args[0]: block for block in root.children("upstream")}
    assert set(upstreams) == {"odoo", "odoo_websocket"}
    servers = [args[0] for args in upstreams["odoo"].values("server")]
    websockets = [args[0] for args in upstreams["odoo_websocket"].values("server")]
    assert servers and all(s.endswith(f":{http_port}") for s in servers)
    assert websockets and all(s.endswith(f":{gevent_port}") for s in websockets)
    hosts = sorted(s.rsplit(":", 1)[0] for s in servers)
    assert hosts == sorted(s.rsplit(":", 1)[0] for s in websockets)
    assert hosts == (["web", "web2"] if name == "grc-two-servers.conf" else ["web"])


def test_tls_and_http2(site):
    _name, root = site
    server = https_server(root)
    assert ["443", "ssl"] in server.values("listen")
    assert server.value("http2") == ["on"]
    assert server.value("ssl_certificate") == ["/etc/nginx/tls/fullchain.pem"]
    assert server.value("ssl_certificate_key") == ["/etc/nginx/tls/privkey.pem"]
    assert set(server.value("ssl_protocols")) <= {"TLSv1.2", "TLSv1.3"}
    # Plain HTTP only redirects (and answers certificate challenges).
    (plain,) = (
        block for block in root.children("server") if ["80"] in block.values("listen")
    )
    assert location(plain, "/").value("return") == ["301", "https://$host$request_uri"]
    assert location(plain, "/.well-known/acme-challenge/")


def test_proxy_mode_headers(site, odoo_options):
    """Odoo trusts X-Forwarded-* (proxy_mode): the proxy must set them."""
    assert odoo_options.getboolean("proxy_mode")
    server = https_server(site[1])
    set_headers = {args[0]: args[1] for args in server.values("proxy_set_header")}
    assert set_headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert set_headers["X-Forwarded-Proto"] == "$scheme"
    assert set_headers["X-Forwarded-Host"] == "$host"
    assert set_headers["Host"] == "$host"


def test_websocket_goes_to_the_gevent_port(site):
    root = site[1]
    websocket = location(https_server(root), "/websocket")
    assert websocket.value("proxy_pass") == ["http://odoo_websocket"]
    assert websocket.value("proxy_http_version") == ["1.1"]
    set_headers = {args[0]: args[1] for args in websocket.values("proxy_set_header")}
    assert set_headers["Upgrade"] == "$http_upgrade"
    assert set_headers["Connection"] == "$connection_upgrade"
    # A location that sets headers inherits none of the server's.
    assert {"X-Forwarded-For", "X-Forwarded-Proto", "Host"} <= set(set_headers)
    (upgrade_map,) = root.children("map")
    assert upgrade_map.args == ["$http_upgrade", "$connection_upgrade"]
    assert location(https_server(root), "/").value("proxy_pass") == ["http://odoo"]


def test_body_size_and_timeouts(site, odoo_options):
    server = https_server(site[1])
    (size,) = server.value("client_max_body_size")
    megabytes = int(size.rstrip("m"))
    # Five 10 MB files in base64 (the API) pass; Odoo's own 128 MiB cap holds.
    assert 5 * 10 * 4 / 3 <= megabytes <= 128
    (read_timeout,) = server.value("proxy_read_timeout")
    assert int(read_timeout.rstrip("s")) >= int(odoo_options["limit_time_real"])


def test_security_headers_complete_odoo_s(site):
    """HSTS and nosniff on every response, in every location that sets its own
    headers; framing, CSP and Referrer-Policy are Odoo's (hardening), never
    sent twice."""
    server = https_server(site[1])
    blocks = [server] + [
        block for block in server.children("location") if block.values("add_header")
    ]
    for block in blocks:
        sent = headers(block)
        assert sent["Strict-Transport-Security"] == [HSTS, "always"], block.args
        assert sent["X-Content-Type-Options"] == ["nosniff", "always"], block.args
        assert not {
            "X-Frame-Options",
            "Content-Security-Policy",
            "Referrer-Policy",
        } & set(sent)
    assert site[1].value("server_tokens") == ["off"]


def test_compression_and_asset_cache(site):
    server = https_server(site[1])
    assert server.value("gzip") == ["on"]
    types = set(server.value("gzip_types"))
    assert {
        "application/javascript",
        "text/css",
        "application/json",
        "image/svg+xml",
    } <= types
    (assets,) = (
        block
        for block in server.children("location")
        if block.args[:1] == ["~"] and "/web/assets/" in block.args[1]
    )
    pattern = re.compile(assets.args[1])
    assert pattern.match("/web/assets/1a2b3c4/web.assets_frontend.min.js")
    assert pattern.match("/web/assets/12-1a2b3c4/web.assets_frontend.min.css")
    assert not pattern.match("/web/assets/debug/web.assets_frontend.js")
    assert "immutable" in headers(assets)["Cache-Control"][0]
    assert assets.value("proxy_pass") == ["http://odoo"]


def test_database_manager_closed(site):
    server = https_server(site[1])
    assert location(server, "^~", "/web/database/").value("return") == ["404"]


def test_parser_catches_mistakes(tmp_path):
    """The checks above can fail: a missing ';' or brace is caught."""
    broken = tmp_path / "broken.conf"
    broken.write_text("server {\n    listen 443 ssl\n}\n")
    with pytest.raises(AssertionError):
        parse(broken)
    broken.write_text("server {\n    listen 443 ssl;\n")
    with pytest.raises(AssertionError):
        parse(broken)
