"""Run an upstream addon's own tests (OCA helpdesk_mgmt's) with the whole suite loaded.

    scripts/odoo.sh --script scripts/upstream_tests.py -d DB [--module helpdesk_mgmt]
        [--exclusions FILE] [other Odoo options]

DB must already hold the suite. Odoo runs an addon's at_install tests right after
that addon loads, before the addons that depend on it: on helpdesk_mgmt they would
not meet a single override of ours. Without -i/-u, `odoo-bin --test-enable` runs
them at the same point again (where they fail on the NOT NULL columns of ours that
the partial registry does not know) and only the post_install ones on the full
registry.
This runner loads the full registry first, without tests, then builds the addon's
suite with Odoo's own loader (at_install tests, then post_install ones, standard
tags only) and runs it with Odoo's runner and HTTP server, as `odoo-bin` would.

Tests listed in the exclusions file (default tests/upstream/<module>_exclusions.txt,
one "Class.method reason" or "Class reason" a line) check what the suite changes
on purpose: they are reported as skipped with their reason, never dropped
silently. An entry that names no test of the addon is an error: the list cannot
go stale.

The log ends with Odoo's own "N failed, N error(s) of N tests" line, which
scripts/odoo_test_summary.py reads like any other Odoo run.
"""

import argparse
import csv
import logging
import sys
import threading
import unittest
from pathlib import Path

import odoo
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tools import config

_logger = logging.getLogger("grc.upstream_tests")
ROOT = Path(__file__).resolve().parent.parent


def read_exclusions(path):
    """Return {"Class.method": reason} from the exclusions file."""
    exclusions = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(
                f"{path}:{number}: expected 'Class.method reason', got {line!r}"
            )
        exclusions[name] = reason.strip()
    return exclusions


def build_suite(module, exclusions):
    """The addon's tests as Odoo selects them, excluded ones marked as skipped."""
    from odoo.tests import loader  # noqa: PLC0415 (only in test mode, as Odoo does)
    from odoo.tests.suite import OdooSuite  # noqa: PLC0415

    tests = [
        *loader.make_suite([module], "at_install"),
        *loader.make_suite([module], "post_install"),
    ]
    found = set()
    for test in tests:
        name = f"{test.test_class}.{test._testMethodName}"
        if test.test_class in exclusions:
            # A whole class: its setUpClass must not run either. Odoo's suite
            # and runner honour unittest's skip marker on the class.
            found.add(test.test_class)
            unittest.skip(exclusions[test.test_class])(type(test))
        elif name in exclusions:
            found.add(name)
            method = getattr(test, test._testMethodName)
            # Odoo's runner reports a test whose method carries unittest's skip
            # marker as skipped, with its reason, without setting it up.
            setattr(test, test._testMethodName, unittest.skip(exclusions[name])(method))
    for name in sorted(set(exclusions) - found):
        _logger.error(
            "Excluded test %s is not a test of %s: remove it from the list",
            name,
            module,
        )
    return OdooSuite(tests)


def main(argv):
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--module", default="helpdesk_mgmt")
    parser.add_argument("--exclusions", type=Path)
    opts, odoo_args = parser.parse_known_args(argv)
    default = ROOT / "tests" / "upstream" / f"{opts.module}_exclusions.txt"
    path = opts.exclusions or default
    exclusions = read_exclusions(path) if opts.exclusions or default.exists() else {}

    config.parse_config(odoo_args, setup_logging=True)
    # Tests off while loading, or Odoo would run the at_install ones mid-load again.
    config["test_enable"] = False
    csv.field_size_limit(500 * 1024 * 1024)  # as odoo-bin does
    db = config["db_name"]
    if not db or "," in db or config["init"] or config["update"]:
        raise SystemExit(
            "upstream_tests.py runs on one database holding the suite (-d, no -i/-u)"
        )
    server.load_server_wide_modules()
    threading.current_thread().dbname = db
    registry = Registry.new(db)
    _logger.info(
        "Registry of %r loaded with %d modules", db, len(registry._init_modules)
    )

    # From here on, as `odoo-bin --test-enable --test-tags=/<module>` after loading.
    config["test_enable"] = True
    config["test_tags"] = f"/{opts.module}"
    server.server = server.ThreadedServer(odoo.http.root)
    # Signal handlers, and the HTTP server that the HttpCase tests call.
    server.server.start(stop=True)
    from odoo.tests import loader  # noqa: PLC0415 (only in test mode, as Odoo does)
    from odoo.tests.result import OdooTestResult  # noqa: PLC0415
    from odoo.tests.result import _logger as result_logger  # noqa: PLC0415

    report = OdooTestResult()
    try:
        suite = build_suite(opts.module, exclusions)
        _logger.info(
            "Running %d tests of %s on the whole suite",
            suite.countTestCases(),
            opts.module,
        )
        if suite.has_http_case():
            with registry.cursor() as cr:
                odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})[
                    "ir.qweb"
                ]._pregenerate_assets_bundles()
        report.update(loader.run_suite(suite, global_report=report))
        log = (
            result_logger.info
            if report.wasSuccessful() and report.testsRun
            else result_logger.error
        )
        log("%s when loading database %r (%d skipped)", report, db, report.skipped)
    finally:
        server.server.stop()
    return 0 if report.wasSuccessful() and report.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
