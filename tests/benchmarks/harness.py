# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared plumbing of the benchmarks.

A benchmark script runs twice over: from the command line (plain Python), it
starts an Odoo shell (`scripts/odoo.sh shell -d DB`) that executes the same file
with `env` defined, collects what it measured and prints the figures.

Benchmarks compare GRC with stock helpdesk_mgmt "in the same run": the shell
opens the stock database next to its own (`open_env`) and the two sides are
called in turn, request by request (`alternate`), so that whatever else loads
the machine weighs on both alike. Every bench_*.py accepts --db (GRC) and
--stock-db (scripts/bench.sh passes them).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULT_MARK = "GRC_BENCH_RESULT "
PAYLOAD_VAR = "GRC_BENCH_PAYLOAD"


def run_in_odoo(script, db, payload, capture=True):
    """Execute `script` in an Odoo shell on `db`; return what it emitted
    (`emit`) after printing the rest of its output."""
    command = ["bash", str(ROOT / "scripts/odoo.sh"), "shell", "-d", db]
    command += ["--no-http", "--log-level=warn"]
    environ = dict(os.environ, **{PAYLOAD_VAR: json.dumps(payload)})
    environ["GRC_BENCH_DIR"] = str(Path(__file__).resolve().parent)
    with open(script, "rb") as stdin:
        process = subprocess.run(
            command,
            stdin=stdin,
            env=environ,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE if capture else None,
            check=False,
        )
    if process.returncode:
        sys.exit(f"Odoo shell on {db} failed (exit {process.returncode})")
    if not capture:
        return None
    result = None
    for line in process.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            result = json.loads(line[len(RESULT_MARK) :])
        else:
            print(line)  # what the script printed in Odoo
    if result is None:
        sys.exit(f"No result from the Odoo shell on {db}")
    return result


def payload():
    """Inside Odoo: the parameters the command line passed."""
    return json.loads(os.environ.get(PAYLOAD_VAR) or "{}")


def emit(result):
    """Inside Odoo: hand the figures back to the command line."""
    print(RESULT_MARK + json.dumps(result), flush=True)


@contextmanager
def open_env(dbname):
    """Inside Odoo: a superuser environment on another database of the same
    server (its own registry, so its own code), rolled back at the end."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(dbname).cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


def alternate(steps, count, warmup=0):
    """Call each side's step(index) in turn, `count` times after `warmup` calls.

    :param steps: {side: (step, cursor)}; a step does one unit of work.
    :return: {side: {"samples": [ms, ...], "queries": queries per call}}
    """
    sides = list(steps)
    for index in range(warmup):
        for side in sides:
            steps[side][0](-1 - index)
    results = {side: {"samples": [], "queries": 0} for side in sides}
    for index in range(count):
        # Swap the order every call: neither side always runs on a warm cache.
        for side in sides if index % 2 == 0 else reversed(sides):
            step, cursor = steps[side]
            queries = cursor.sql_log_count
            start = time.perf_counter()
            step(index)
            results[side]["samples"].append((time.perf_counter() - start) * 1000)
            results[side]["queries"] += cursor.sql_log_count - queries
    for side in sides:
        results[side]["queries"] /= max(count, 1)
    return results


def describe(samples):
    samples = sorted(samples)
    return {
        "count": len(samples),
        "mean": statistics.fmean(samples),
        "median": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1] if samples else 0.0,
    }


def print_table(title, rows, headers):
    """Rows of strings, columns aligned."""
    widths = [
        max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))
    ]
    print(f"\n{title}")
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
