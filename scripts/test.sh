#!/usr/bin/env bash
# All tests: linters, the Odoo tests of the addons (Odoo's own runner, tours in
# headless Chromium included) on a fresh database without demo data, and the
# repository-level pytest suite. Ends with one line "N passed, N failed".
#   GRC_TEST_TAGS=/grc_citoyen:TestX  narrows the Odoo run (and skips steps 4 and 5).
#   GRC_SKIP_UPSTREAM=1  skips helpdesk_mgmt's own tests; GRC_SKIP_ALONE=1 the addons alone;
#   GRC_TEST_JOBS=1  installs the addons alone one at a time (default: two at a time);
#   GRC_TEST_ALONE=a,b  installs only those addons alone.
source "$(dirname "$0")/common.sh"
# Failures are counted, not fatal: every check runs and the summary says what failed.
set +e
cd "$ROOT"
TEST_DB="${GRC_TEST_DB:-grc_test}"
TEST_PORT="${GRC_TEST_PORT:-8269}"
TAGS="${GRC_TEST_TAGS:-$(printf '/%s,' ${GRC_ADDONS//,/ } | sed 's/,$//')}"
OUT="$LOCAL/test/$TEST_DB"
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.rc
passed=0 failed=0 skipped=0

RECAP="$OUT/failures.txt"
count() { # name status
    if [ "$2" = 0 ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); log "FAILED: $1"; echo "FAILED: $1" >>"$RECAP"; fi
}
summary() { # step log rc: adds the step's counts, notes its failures in the recap
    echo "[$1]" >"$OUT/step.txt"
    read -r p f s < <("$PY" "$ROOT/scripts/odoo_test_summary.py" "$2" "$3" "$OUT/step.txt")
    [ "$f" = 0 ] || { log "FAILED: $1 (see $2)"; cat "$OUT/step.txt" >>"$RECAP"; }
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

"$ROOT/scripts/pg.sh" start
eval "$("$ROOT/scripts/pg.sh" env)"
export PGHOST PGPORT PGUSER
export PGOPTIONS="-c client_min_messages=warning"

# 1. Linters: one check each.
if [ "${GRC_SKIP_LINT:-0}" != 1 ] && [ -f "$ROOT/scripts/lint.sh" ]; then
    log "Linters"
    bash "$ROOT/scripts/lint.sh" >"$OUT/lint.log" 2>&1
    count "lint (see $OUT/lint.log)" $?
    cat "$OUT/lint.log"
fi

# 2. Repository-level tests (deployment files, generators, benchmarks' smoke).
if ls tests/test_*.py >/dev/null 2>&1; then
    log "Repository tests (pytest)"
    "$PY" -m pytest -q -p no:cacheprovider tests/ --junitxml="$OUT/pytest.xml" \
        >"$OUT/pytest.log" 2>&1
    rc=$?
    cat "$OUT/pytest.log"
    read -r p f s < <("$PY" - "$OUT/pytest.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1, 0); raise SystemExit
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
s = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - s, f, s)
PY
)
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$rc" != 0 ] && [ "$f" = 0 ] && count "pytest run" 1
    [ "$f" = 0 ] || { echo "[pytest]"; grep -E "^(FAILED|ERROR) " "$OUT/pytest.log"; } >>"$RECAP"
fi

# 3. Odoo's runner on a new database, without demo data: tests build their own.
log "Odoo tests ($TAGS) on a new database '$TEST_DB'"
dropdb --if-exists "$TEST_DB"
rm -rf "$LOCAL/filestore/filestore/$TEST_DB"
"$ROOT/scripts/odoo.sh" -d "$TEST_DB" -i "$GRC_ADDONS" --without-demo=all \
    --test-enable --test-tags="$TAGS" --http-port="$TEST_PORT" --stop-after-init \
    --log-level=info --logfile="$OUT/odoo.log"
summary "Odoo tests" "$OUT/odoo.log" $?

# 4. OCA helpdesk_mgmt's own tests on the same database, the whole suite loaded,
# so that they meet our overrides; those that check what we change on purpose are
# skipped with their reason (tests/upstream/helpdesk_mgmt_exclusions.txt).
if [ -z "${GRC_TEST_TAGS:-}" ] && [ "${GRC_SKIP_UPSTREAM:-0}" != 1 ]; then
    log "helpdesk_mgmt's own tests on '$TEST_DB', the whole suite installed"
    "$ROOT/scripts/odoo.sh" --script "$ROOT/scripts/upstream_tests.py" -d "$TEST_DB" \
        --module=helpdesk_mgmt --http-port="$TEST_PORT" --log-level=info \
        --logfile="$OUT/helpdesk_mgmt-upstream.log"
    summary "helpdesk_mgmt's own tests" "$OUT/helpdesk_mgmt-upstream.log" $?
fi
dropdb --if-exists "$TEST_DB"

# 5. Each addon alone, on a new database holding only what its manifest
# declares: it installs, and its own tests pass, without the rest of the suite
# (the core without any feature, each feature and bridge on the core). Not
# grc_demo: it depends on every addon, the whole suite of step 3. Every addon
# depends on the core, so the modules the core needs (website, helpdesk_mgmt,
# ...) are installed once in a template database, and each run starts from a
# copy of it (database and files): installing them took most of each run. Two
# at a time (GRC_TEST_JOBS), each on its own database and port: the machines
# this runs on have two cores, and one Odoo process uses one.
BASE_DB="${TEST_DB}_alone_base"
filestore() { echo "$LOCAL/filestore/filestore/$1"; }
drop_db() { dropdb --if-exists "$1"; rm -rf "$(filestore "$1")"; }
alone_base() { # the template: the core's dependencies, nothing of ours
    local deps
    deps=$("$PY" - "$ROOT/addons/grc_citoyen/__manifest__.py" <<'PY'
import ast, sys
print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))
PY
)
    drop_db "$BASE_DB"
    log "Template for the addons alone: '$BASE_DB' ($deps)"
    "$ROOT/scripts/odoo.sh" -d "$BASE_DB" -i "$deps" --without-demo=all \
        --http-port="$TEST_PORT" --stop-after-init --log-level=warn \
        --logfile="$OUT/alone-base.log"
}
alone_run() { # addon slot
    local db="${TEST_DB}_alone_$2"
    drop_db "$db"
    createdb -T "$BASE_DB" "$db" && mkdir -p "$(filestore "$db")" \
        && { [ ! -d "$(filestore "$BASE_DB")" ] \
             || cp -a "$(filestore "$BASE_DB")/." "$(filestore "$db")/"; } \
        && "$ROOT/scripts/odoo.sh" -d "$db" -i "$1" --without-demo=all \
            --test-enable --test-tags="/$1" --http-port="$((TEST_PORT + 1 + $2))" \
            --stop-after-init --log-level=info --logfile="$OUT/$1-alone.log"
    echo $? >"$OUT/$1-alone.rc"
    drop_db "$db"
}
if [ -z "${GRC_TEST_TAGS:-}" ] && [ "${GRC_SKIP_ALONE:-0}" != 1 ]; then
    jobs_max="${GRC_TEST_JOBS:-2}"
    alone=()
    for addon in ${GRC_ADDONS//,/ }; do
        [ "$addon" != grc_demo ] && alone+=("$addon")
    done
    if [ -n "${GRC_TEST_ALONE:-}" ]; then alone=(${GRC_TEST_ALONE//,/ }); fi
    alone_base || count "template for the addons alone (see $OUT/alone-base.log)" 1
    slots=()
    for index in "${!alone[@]}"; do
        slot=$((index % jobs_max))
        [ -z "${slots[$slot]:-}" ] || wait "${slots[$slot]}"
        log "Odoo tests of ${alone[$index]} alone on a new database '${TEST_DB}_alone_$slot'"
        alone_run "${alone[$index]}" "$slot" &
        slots[$slot]=$!
    done
    wait
    drop_db "$BASE_DB"
    for addon in "${alone[@]}"; do
        summary "$addon alone" "$OUT/$addon-alone.log" "$(cat "$OUT/$addon-alone.rc" 2>/dev/null || echo 1)"
    done
fi

# What failed, again, just above the closing line: a CI tail is enough to diagnose.
if [ -s "$RECAP" ]; then
    log "What failed:"
    head -n 40 "$RECAP"
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
