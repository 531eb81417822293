"""Fixtures of the repository tests that need a running Odoo environment."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ODOO_SH = ROOT / "scripts" / "odoo.sh"
PG_SH = ROOT / "scripts" / "pg.sh"
# Databases made by these tests carry this prefix (several checkouts may
# share one cluster).
DB_PREFIX = os.environ.get("GRC_PYTEST_DB_PREFIX", "grc_pytest")
ODOO_READY = (ROOT / ".venv" / "bin" / "python").exists() and (
    ROOT / ".local" / "odoo-18.0" / "odoo-bin"
).exists()
needs_odoo = pytest.mark.skipif(
    not ODOO_READY, reason="the Odoo environment is not set up (make setup)"
)


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def pg_env():
    """The environment with the private cluster's connection settings."""
    env = dict(os.environ)
    for line in run("bash", str(PG_SH), "env", check=True).stdout.splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    return env


def psql(database, query):
    """Rows of ``query`` on ``database`` as lists of strings."""
    out = run(
        "psql", "-d", database, "-tAF", "\t", "-c", query, env=pg_env(), check=True
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def drop_database(name):
    """Drop ``name`` and its filestore."""
    run("dropdb", "--if-exists", name, env=pg_env())
    shutil.rmtree(ROOT / ".local" / "filestore" / "filestore" / name, True)


@pytest.fixture(scope="session")
def cluster():
    """The private PostgreSQL cluster, started (then stopped) if needed."""
    started = run("bash", str(PG_SH), "status").stdout.strip() != "running"
    if started:
        run("bash", str(PG_SH), "start", check=True)
    yield pg_env()
    if started:
        run("bash", str(PG_SH), "stop")


@pytest.fixture(scope="session")
def grc_database(cluster):
    """A database with the core addon, made for the session (about a minute
    and a half here) and dropped after it; GRC_PYTEST_DB names an existing
    one to use instead (kept)."""
    name = os.environ.get("GRC_PYTEST_DB")
    if name:
        yield name
        return
    name = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}"
    install = run(
        "bash",
        str(ODOO_SH),
        "-d",
        name,
        "-i",
        "grc_citoyen",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
        "--http-port=0",
        timeout=1800,
    )
    try:
        assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
        yield name
    finally:
        drop_database(name)
