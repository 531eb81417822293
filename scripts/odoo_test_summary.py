"""Turn an Odoo test log into counts: prints "passed failed skipped".

Odoo's runner logs "Starting Class.test ..." for each test it runs, "FAIL:" or
"ERROR:" for each failure, and its statistics per module. Warnings and errors outside
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
skipped = 0
dirty = []
test_re = re.compile(r" (?:INFO|ERROR|WARNING) \S+ (odoo\.addons\.[\w.]+): Starting (\S+) \.\.\.")
fail_re = re.compile(r" ERROR \S+ (odoo\.addons\.[\w.]+): (?:FAIL|ERROR): (\S+)")
skip_re = re.compile(r"skipped|SKIP", re.I)
level_re = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) ")

with open(log_path, encoding="utf-8", errors="replace") as log:
    for line in log:
        m = test_re.search(line)
        if m:
            started.add((m.group(1), m.group(2)))
            continue
        m = fail_re.search(line)
        if m:
            failures.append(m.group(2))
            continue
        if level_re.match(line) and not any(p.search(line) for p in IGNORED):
            dirty.append(line.rstrip())

failed = len(set(failures))
if dirty:
    sys.stderr.write("Warnings or errors in the Odoo log:\n" + "\n".join(dirty[:50]) + "\n")
    failed += 1
if rc != 0 and not failures:
    sys.stderr.write(f"Odoo exited with {rc}: see {log_path}\n")
    failed += 1
passed = max(len(started) - len(set(failures)), 0)
if not started:
    sys.stderr.write("No Odoo test was run.\n")
    failed += 1
print(passed, failed, skipped)
