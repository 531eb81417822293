"""scripts/odoo.sh passes odoo-bin's commands through (db, shell, scaffold...).

odoo-bin reads its command first, then the command reads its options: the
launcher puts its own options after the command, and none at all for the
commands that do not read the server's configuration. The command lines are
checked with GRC_ODOO_PRINT=1; a `db` command is also run against the
private cluster when it is up.
"""

import os
import subprocess
import uuid
from pathlib import Path

from conftest import DB_PREFIX, needs_odoo, psql, run

ROOT = Path(__file__).resolve().parents[1]
ODOO_SH = ROOT / "scripts" / "odoo.sh"

pytestmark = needs_odoo


def command_line(*args):
    result = subprocess.run(
        ["bash", str(ODOO_SH), *args],
        env=dict(os.environ, GRC_ODOO_PRINT="1"),
        capture_output=True,
        text=True,
        check=True,
    )
    argv = result.stdout.splitlines()
    # The interpreter and odoo-bin come first.
    assert argv[1].endswith("odoo-bin"), argv
    return argv[2:]


def test_server_options_without_command():
    argv = command_line("-d", "grc", "--stop-after-init")
    assert argv[0] == "-c"
    assert argv[-3:] == ["-d", "grc", "--stop-after-init"]
    assert any(arg.startswith("--db_host=") for arg in argv)


def test_db_dump_command_comes_first():
    """`odoo.sh db dump grc grc.zip`: odoo-bin db [options] dump grc grc.zip."""
    argv = command_line("db", "dump", "grc", "grc.zip")
    # The addons path first (odoo-bin reads it to find the commands of
    # addons), then the command, its options, and its own sub-command.
    assert argv[0].startswith("--addons-path=")
    assert argv[1] == "db"
    assert argv[2] == "-c"
    assert argv[-3:] == ["dump", "grc", "grc.zip"]
    options = argv[2:-3]
    for option in ("--data-dir=", "--db_host=", "--db_port=", "--db_user="):
        assert any(arg.startswith(option) for arg in options), option


def test_shell_reads_the_configuration():
    argv = command_line("shell", "-d", "grc")
    assert argv[1] == "shell"
    assert "-c" in argv
    assert argv[-2:] == ["-d", "grc"]


def test_own_commands_get_no_server_options():
    """scaffold has options of its own: the server's would be refused."""
    argv = command_line("scaffold", "my_addon", "/tmp")
    assert argv[0].startswith("--addons-path=")
    assert argv[1:] == ["scaffold", "my_addon", "/tmp"]


def test_script_option_unchanged():
    result = subprocess.run(
        ["bash", str(ODOO_SH), "--script", "scripts/upstream_tests.py", "-d", "grc"],
        env=dict(os.environ, GRC_ODOO_PRINT="1"),
        capture_output=True,
        text=True,
        check=True,
    )
    argv = result.stdout.splitlines()
    assert argv[1] == "scripts/upstream_tests.py"
    assert argv[2] == "-c"
    assert argv[-2:] == ["-d", "grc"]


def _database_exists(name):
    return bool(psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def test_db_command_runs_against_the_cluster(cluster):
    """`odoo.sh db drop NAME` reaches the private cluster with the
    launcher's connection options and drops the database."""
    name = f"{DB_PREFIX}_odoo_sh_{uuid.uuid4().hex[:8]}"
    run("createdb", name, env=cluster, check=True)
    try:
        assert _database_exists(name)
        result = run("bash", str(ODOO_SH), "db", "drop", name)
        assert result.returncode == 0, result.stderr
        assert not _database_exists(name)
    finally:
        run("dropdb", "--if-exists", name, env=cluster)
