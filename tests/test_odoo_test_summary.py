"""The closing line of `make test` depends on reading Odoo's log right."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "odoo_test_summary.py"
PREFIX = "2026-03-02 09:00:00,000 42"


def summarise(tmp_path, lines, rc=0):
    log = tmp_path / "odoo.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(log), str(rc)],
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(int(x) for x in out.stdout.split()), out.stderr


def start(name):
    return f"{PREFIX} INFO db odoo.addons.grc_citoyen.tests.test_x: Starting {name} ..."


def test_clean_run_counts_every_test(tmp_path):
    counts, _ = summarise(
        tmp_path,
        [
            start("TestA.test_one"),
            start("TestA.test_two"),
            f"{PREFIX} INFO db odoo.tests.result: 0 failed, 0 error(s) of 2 tests "
            "when loading database 'db'",
        ],
    )
    assert counts == (2, 0, 0)


def test_failure_is_counted_once(tmp_path):
    counts, _ = summarise(
        tmp_path,
        [
            start("TestA.test_one"),
            start("TestA.test_two"),
            f"{PREFIX} ERROR db odoo.addons.grc_citoyen.tests.test_x: "
            "FAIL: TestA.test_two",
            f"{PREFIX} INFO db odoo.tests.result: 1 failed, 0 error(s) of 2 tests "
            "when loading database 'db'",
        ],
        rc=1,
    )
    assert counts == (1, 1, 0)


def test_warning_in_log_fails_the_run(tmp_path):
    counts, err = summarise(
        tmp_path,
        [
            start("TestA.test_one"),
            f"{PREFIX} WARNING db odoo.models: something is off",
        ],
    )
    assert counts == (1, 1, 0)
    assert "something is off" in err


def test_root_warning_is_ignored(tmp_path):
    counts, _ = summarise(
        tmp_path,
        [
            "Running as user 'root' is a security risk.",
            start("TestA.test_one"),
        ],
    )
    assert counts == (1, 0, 0)


def test_no_test_run_is_a_failure(tmp_path):
    counts, err = summarise(tmp_path, [f"{PREFIX} INFO db odoo.modules.loading: done"])
    assert counts == (0, 1, 0)
    assert "No Odoo test" in err


def test_crash_without_failures_is_a_failure(tmp_path):
    counts, _ = summarise(tmp_path, [start("TestA.test_one")], rc=1)
    assert counts == (1, 1, 0)


def test_skipped_test_is_counted_apart(tmp_path):
    # Odoo counts a skipped test in its total: it is neither passed nor failed.
    counts, _ = summarise(
        tmp_path,
        [
            start("TestA.test_one"),
            start("TestA.test_two"),
            f"{PREFIX} INFO db odoo.addons.grc_citoyen.tests.test_x: "
            "skipped TestA.test_two : the suite changes this on purpose",
            f"{PREFIX} INFO db odoo.tests.result: 0 failed, 0 error(s) of 2 tests "
            "when loading database 'db' (1 skipped)",
        ],
    )
    assert counts == (1, 0, 1)


def test_only_skipped_tests_is_a_failure(tmp_path):
    counts, err = summarise(
        tmp_path,
        [
            start("TestA.test_one"),
            f"{PREFIX} INFO db odoo.addons.grc_citoyen.tests.test_x: "
            "skipped TestA.test_one : reason",
        ],
    )
    assert counts == (0, 1, 1)
    assert "No Odoo test" in err
