#!/usr/bin/env bash
# Benchmarks: builds two throwaway databases without demo data, one with the GRC
# addons and one with stock helpdesk_mgmt plus the same other modules (so that
# the only difference is GRC's code), runs every tests/benchmarks/bench_*.py
# against them and prints their figures (also saved in tests/benchmarks/results/).
#   GRC_BENCH_KEEP=1  keeps the databases, and reuses them on the next run.
#   GRC_BENCH_ARGS="--requests 200"  passed to every benchmark (bench_intake
#   also takes --only engines|intake|pipeline|pipeline_bare).
#   GRC_BENCH_ONLY=bench_intake  runs that benchmark alone.
source "$(dirname "$0")/common.sh"
set +e
cd "$ROOT"
"$ROOT/scripts/pg.sh" start
eval "$("$ROOT/scripts/pg.sh" env)"
export PGHOST PGPORT PGUSER
export PGOPTIONS="-c client_min_messages=warning"
GRC_DB="${GRC_BENCH_DB:-grc_bench}"
STOCK_DB="${GRC_BENCH_STOCK_DB:-grc_bench_stock}"
OUT="$ROOT/tests/benchmarks/results"
mkdir -p "$OUT"

# The stock side: helpdesk_mgmt and every module the GRC addons depend on.
STOCK_MODULES=$("$PY" - "$ROOT/addons" ${GRC_ADDONS//,/ } <<'PY'
import ast, pathlib, sys
root, addons = pathlib.Path(sys.argv[1]), sys.argv[2:]
depends = {"helpdesk_mgmt"}
for addon in addons:
    manifest = ast.literal_eval((root / addon / "__manifest__.py").read_text())
    depends.update(manifest.get("depends", []))
print(",".join(sorted(d for d in depends if d not in addons)))
PY
)

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

create_db() { # name modules
    if [ "${GRC_BENCH_KEEP:-0}" = 1 ] && db_exists "$1"; then
        log "Reusing the database '$1'"
        return 0
    fi
    dropdb --if-exists "$1"
    rm -rf "$LOCAL/filestore/filestore/$1"
    log "Creating the database '$1' ($2)"
    "$ROOT/scripts/odoo.sh" -d "$1" -i "$2" --without-demo=all --stop-after-init \
        --log-level=warn --logfile="$OUT/$1-install.log" \
        || { log "Creating '$1' failed, see $OUT/$1-install.log"; return 1; }
}

drop_dbs() {
    [ "${GRC_BENCH_KEEP:-0}" = 1 ] && return 0
    dropdb --if-exists "$GRC_DB"
    dropdb --if-exists "$STOCK_DB"
    rm -rf "$LOCAL/filestore/filestore/$GRC_DB" "$LOCAL/filestore/filestore/$STOCK_DB"
}

create_db "$STOCK_DB" "$STOCK_MODULES" && create_db "$GRC_DB" "$GRC_ADDONS" \
    || { drop_dbs; exit 1; }

# Each benchmark with its own arguments: bench_intake compares the two
# databases (the GRC one is throwaway: it may commit its fixtures there);
# bench_portal serves a copy of the GRC database on 127.0.0.1, and bench_load
# in workers mode; bench_access_log
# compares the GRC database with and without its access log; bench_agent_clicks
# commits each click in the GRC one.
bench_args() { # name
    case "$1" in
        bench_intake) echo "--db $GRC_DB --stock-db $STOCK_DB --throwaway" ;;
        bench_portal) echo "--template $GRC_DB --stock-template $STOCK_DB --db ${GRC_DB}_portal" ;;
        # Workers mode on a copy of the GRC database (20 clients, 60 s).
        bench_load) echo "--template $GRC_DB --db ${GRC_DB}_load" ;;
        # Logged and not logged on the same database, call by call.
        bench_access_log) echo "--db $GRC_DB --throwaway" ;;
        bench_forms) echo "--db $GRC_DB" ;;
        # Headless Chromium on a copy of the GRC database, served on 127.0.0.1.
        bench_app) echo "--template $GRC_DB --db ${GRC_DB}_app" ;;
        bench_agent_clicks) echo "--db $GRC_DB --throwaway" ;;
        # Fills a copy of the GRC database with the bulk generator (size:
        # GRC_BENCH_ARGS="--requests 1000000"), measures, drops the copy.
        bench_pilotage) echo "--db $GRC_DB" ;;
        *) echo "--db $GRC_DB --stock-db $STOCK_DB" ;;
    esac
}

failed=0
for bench in tests/benchmarks/bench_*.py; do
    name=$(basename "$bench" .py)
    [ -z "${GRC_BENCH_ONLY:-}" ] || [ "$GRC_BENCH_ONLY" = "$name" ] || continue
    log "$name"
    # shellcheck disable=SC2086
    "$PY" "$bench" $(bench_args "$name") ${GRC_BENCH_ARGS:-} | tee "$OUT/$name.txt"
    [ "${PIPESTATUS[0]}" = 0 ] || { failed=$((failed + 1)); log "$name: target missed or error"; }
done
drop_dbs
[ "$failed" = 0 ]
