"""Security settings of both Odoo configurations (see the Security section of
addons/grc_citoyen/readme/CONFIGURE.md)."""

import configparser
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_CONF = ROOT / "config" / "odoo.conf"
DOCKER_CONF = ROOT / "config" / "odoo.docker.conf"


def options(path):
    parser = configparser.RawConfigParser()
    with path.open(encoding="utf-8") as stream:
        parser.read_file(stream)
    return parser["options"]


@pytest.mark.parametrize("path", [DEV_CONF, DOCKER_CONF], ids=["dev", "docker"])
def test_database_manager_closed_and_no_master_password(path):
    conf = options(path)
    # list_db = False blocks the database manager and every master-password
    # operation; the password itself never lives in a committed file.
    assert conf.getboolean("list_db") is False
    assert "admin_passwd" not in conf


def test_dev_server_listens_on_loopback_without_proxy():
    conf = options(DEV_CONF)
    assert conf["http_interface"] in ("127.0.0.1", "localhost")
    # Without a proxy in front, X-Forwarded-* headers must not be trusted.
    assert conf.getboolean("proxy_mode") is False


def test_production_serves_one_database_without_demo():
    conf = options(DOCKER_CONF)
    assert re.fullmatch(r"\^[\w-]+\$", conf["dbfilter"]), "anchored dbfilter"
    assert conf["without_demo"] == "all"
    assert conf.getboolean("proxy_mode") is True


def test_gzip_in_odoo_only_without_proxy():
    # `make run` is reached directly: Odoo gzips (grc_citoyen_hardening);
    # behind nginx, which compresses, the workers leave it to the proxy.
    assert options(DEV_CONF).getboolean("grc_gzip") is True
    assert options(DOCKER_CONF).getboolean("grc_gzip") is False
