"""Backups: scripts/backup.sh (make backup / make restore) round trip.

Requests with files are filed in the session's database (through the intake,
in an Odoo shell), the database is backed up, the backup restored into a new
database, and the restored one holds the same requests, citizens and files:
the bytes in the restored filestore hash to the checksums Odoo recorded.
A damaged backup is refused; old backups are deleted after the retention.
"""

import hashlib
import json
import os
import re
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from conftest import DB_PREFIX, drop_database, needs_odoo, pg_env, psql, run

ROOT = Path(__file__).resolve().parents[1]
ODOO_SH = ROOT / "scripts" / "odoo.sh"
BACKUP_SH = ROOT / "scripts" / "backup.sh"
FILESTORE = ROOT / ".local" / "filestore" / "filestore"

pytestmark = needs_odoo

# Filed through the intake by an Odoo shell; prints the requests' ids.
FILE_REQUESTS = """
import json
tag = {tag!r}
team = env["helpdesk.ticket.team"].create({{"name": f"Voirie {{tag}}"}})
request_type = env["grc.request.type"].create(
    {{"name": f"Dépôt sauvage {{tag}}", "team_id": team.id}}
)
tickets = env["helpdesk.ticket"]
for index in range(2):
    png = b"\\x89PNG\\r\\n\\x1a\\n" + f"{{tag}}-{{index}}".encode() * 50
    tickets |= tickets._grc_submit_request({{
        "request_type_id": request_type.id,
        "description": f"Dépôt sauvage n°{{index}} rue des Lilas",
        "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
        "citizen": {{
            "name": f"Citoyen {{index}}", "email": f"c{{index}}.{{tag}}@example.fr"
        }},
        "attachments": [(f"photo-{{index}}.png", png, "image/png")],
        "idempotency_key": f"{{tag}}-{{index}}",
    }})
env.cr.commit()
print("GRC-IDS", json.dumps(tickets.ids))
"""


def backup_env(backup_dir, **extra):
    return dict(pg_env(), GRC_BACKUP_DIR=str(backup_dir), **extra)


def snapshot(database, ticket_ids):
    """What must survive: the requests, their citizens and their files."""
    ids = ",".join(str(i) for i in ticket_ids)
    return {
        "requests": psql(
            database,
            "SELECT id, number, name, description, partner_id, team_id "
            f"FROM helpdesk_ticket WHERE id IN ({ids}) ORDER BY id",
        ),
        "citizens": psql(
            database,
            "SELECT p.id, p.name, p.email FROM res_partner p JOIN helpdesk_ticket t "
            f"ON t.partner_id = p.id WHERE t.id IN ({ids}) ORDER BY p.id",
        ),
        "files": psql(
            database,
            "SELECT a.id, a.name, a.checksum, a.store_fname, a.file_size "
            "FROM ir_attachment a JOIN helpdesk_ticket_grc_citizen_attachment_rel r "
            f"ON r.attachment_id = a.id WHERE r.ticket_id IN ({ids}) ORDER BY a.id",
        ),
    }


@pytest.fixture(scope="module")
def filed(grc_database):
    tag = uuid.uuid4().hex[:8]
    shell = run(
        "bash",
        str(ODOO_SH),
        "shell",
        "-d",
        grc_database,
        "--no-http",
        "--log-level=warn",
        input=FILE_REQUESTS.format(tag=tag),
        timeout=600,
    )
    match = re.search(r"^GRC-IDS (.*)$", shell.stdout, re.M)
    assert match, shell.stdout[-3000:] + shell.stderr[-3000:]
    return grc_database, json.loads(match[1])


@pytest.fixture
def restored_name():
    name = f"{DB_PREFIX}_restored_{uuid.uuid4().hex[:8]}"
    yield name
    drop_database(name)


def test_backup_restore_round_trip(filed, restored_name, tmp_path):
    database, ticket_ids = filed
    before = snapshot(database, ticket_ids)
    assert len(before["requests"]) == 2
    assert len(before["citizens"]) == 2
    assert len(before["files"]) == 2

    done = run("bash", str(BACKUP_SH), "backup", database, env=backup_env(tmp_path))
    assert done.returncode == 0, done.stderr
    (backup,) = (path for path in tmp_path.iterdir() if not path.name.startswith("."))
    # Named after the database and the date.
    assert re.fullmatch(rf"{database}-\d{{4}}-\d{{2}}-\d{{2}}-\d{{6}}", backup.name)
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "filestore.tar.gz",
        "SHA256SUMS",
        "backup.info",
    }
    subprocess.run(["sha256sum", "--check", "SHA256SUMS"], cwd=backup, check=True)

    done = run(
        "bash",
        str(BACKUP_SH),
        "restore",
        str(backup),
        restored_name,
        env=backup_env(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    after = snapshot(restored_name, ticket_ids)
    assert after == before
    # The files' bytes came back: their SHA-1 is the checksum Odoo recorded.
    for _id, name, checksum, store_fname, size in after["files"]:
        data = (FILESTORE / restored_name / store_fname).read_bytes()
        assert hashlib.sha1(data).hexdigest() == checksum, name
        assert len(data) == int(size)
    # Restoring over an existing database is refused.
    again = run(
        "bash",
        str(BACKUP_SH),
        "restore",
        str(backup),
        restored_name,
        env=backup_env(tmp_path),
    )
    assert again.returncode != 0
    assert "exists" in again.stderr


def test_damaged_backup_is_refused(grc_database, restored_name, tmp_path):
    done = run("bash", str(BACKUP_SH), "backup", grc_database, env=backup_env(tmp_path))
    assert done.returncode == 0, done.stderr
    (backup,) = (path for path in tmp_path.iterdir() if not path.name.startswith("."))
    dump = backup / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    refused = run(
        "bash",
        str(BACKUP_SH),
        "restore",
        str(backup),
        restored_name,
        env=backup_env(tmp_path),
    )
    assert refused.returncode != 0
    assert "Checksums" in refused.stderr
    assert not psql(
        "postgres", f"SELECT 1 FROM pg_database WHERE datname = '{restored_name}'"
    )


def test_retention_deletes_old_backups(grc_database, tmp_path):
    old = tmp_path / f"{grc_database}-2020-01-01-020000"
    recent = tmp_path / f"{grc_database}-2020-01-02-020000"
    other = tmp_path / f"{grc_database}_other-2020-01-01-020000"
    for path, days in ((old, 20), (recent, 3), (other, 20)):
        path.mkdir()
        stamp = time.time() - days * 86400
        os.utime(path, (stamp, stamp))
    done = run(
        "bash",
        str(BACKUP_SH),
        "backup",
        grc_database,
        env=backup_env(tmp_path, GRC_BACKUP_KEEP_DAYS="14"),
    )
    assert done.returncode == 0, done.stderr
    names = {path.name for path in tmp_path.iterdir()}
    assert old.name not in names
    assert recent.name in names
    # Another database's backups are not this one's to delete.
    assert other.name in names
    # The backup just made, beside the recent one.
    made = names - {recent.name, other.name}
    assert len(made) == 1
    assert re.fullmatch(rf"{grc_database}-\d{{4}}(-\d{{2}}){{2}}-\d{{6}}", made.pop())
