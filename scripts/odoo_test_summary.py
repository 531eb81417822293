"""Turn an Odoo test log into counts: prints "passed failed skipped".

With a third argument, writes there one line per failure (the failing tests, then the
first warnings), which test.sh repeats just before its closing line.

Odoo's runner logs "Starting Class.test ..." for each test it runs, "FAIL:" or
"ERROR:" for each failure, "skipped Class.test : reason" for each skipped test
(counted in its total too), and its statistics per module. Warnings and errors outside
tests count as one failure: the log must stay clean (as OCA's checklog-odoo demands).
"""

import re
import sys

# Lines that are not a defect of ours.
IGNORED = [
    re.compile(r"Running as user 'root' is a security risk"),
]

log_path, rc = sys.argv[1], int(sys.argv[2])
started = set()
failures = []
skips = set()
dirty = []
test_re = re.compile(r" (?:INFO|ERROR|WARNING) \S+ (odoo\.addons\.[\w.]+): Starting (\S+) \.\.\.")
skip_re = re.compile(r" INFO \S+ (odoo\.addons\.[\w.]+): skipped (\S+) : ")
fail_re = re.compile(r" ERROR \S+ (odoo\.addons\.[\w.]+): (?:FAIL|ERROR): (\S+)")
result_re = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
level_re = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) ")

totals = None
with open(log_path, encoding="utf-8", errors="replace") as log:
    for line in log:
        m = result_re.search(line)
        if m:
            totals = tuple(int(g) for g in m.groups())
        m = test_re.search(line)
        if m:
            started.add((m.group(1), m.group(2)))
            continue
        m = skip_re.search(line)
        if m:
            skips.add((m.group(1), m.group(2)))
            continue
        m = fail_re.search(line)
        if m:
            failures.append(m.group(2))
            continue
        if level_re.match(line) and not any(p.search(line) for p in IGNORED):
            dirty.append(line.rstrip())

failed_tests = len(set(failures))
run = len(started)
if totals:
    # Odoo's own count is the reference; a failed and an errored test may be the same.
    run = totals[2]
    failed_tests = max(failed_tests, min(totals[0] + totals[1], run))
skipped = min(len(skips), run - failed_tests)
passed = run - failed_tests - skipped
failed = failed_tests
if len(sys.argv) > 3 and (failures or dirty or (rc != 0 and not failed_tests)):
    with open(sys.argv[3], "a", encoding="utf-8") as out:
        for name in sorted(set(failures)):
            out.write(f"FAIL {name}\n")
        for line in dirty[:3]:
            out.write(f"LOG  {line[:300]}\n")
        if rc != 0 and not failed_tests:
            out.write(f"EXIT Odoo exited with {rc}\n")
if dirty:
    sys.stderr.write("Warnings or errors in the Odoo log:\n" + "\n".join(dirty[:50]) + "\n")
    failed += 1
if rc != 0 and not failed_tests:
    sys.stderr.write(f"Odoo exited with {rc}: see {log_path}\n")
    failed += 1
if not run - skipped:
    sys.stderr.write("No Odoo test was run.\n")
    failed += 1
print(passed, failed, skipped)
