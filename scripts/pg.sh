#!/usr/bin/env bash
# The project's private PostgreSQL cluster: `pg.sh start|stop|status|env`.
# Unix socket only (no TCP port opened), in the cluster's own folder, so it never
# clashes with another server on the machine.
source "$(dirname "$0")/common.sh"

BIN=$(pg_bindir) || { log "PostgreSQL server binaries not found: run scripts/setup.sh"; exit 1; }
DATA=$(pg_datadir)
SOCK="$DATA/run"

pg_running() { as_pg "$BIN/pg_ctl" -D "$DATA/data" status >/dev/null 2>&1; }

init_cluster() {
    [ -f "$DATA/data/PG_VERSION" ] && return 0
    log "Creating the private PostgreSQL cluster in $DATA"
    mkdir -p "$DATA/run"
    is_root && chown -R postgres:postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 >"$DATA/initdb.log"
    cat >>"$DATA/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $PG_PORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
}

start() {
    init_cluster
    if ! pg_running; then
        log "Starting PostgreSQL (socket in $SOCK)"
        as_pg "$BIN/pg_ctl" -D "$DATA/data" -l "$DATA/server.log" -w -t 60 start >/dev/null
    fi
    # Odoo refuses the postgres superuser: it gets a role of its own.
    as_pg "$BIN/psql" -h "$SOCK" -p "$PG_PORT" -U postgres -d postgres -tAq -c \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')
         THEN CREATE ROLE $PG_USER LOGIN CREATEDB; END IF; END\$\$;" >/dev/null
}

stop() {
    if [ -f "$DATA/data/PG_VERSION" ] && pg_running; then
        log "Stopping PostgreSQL"
        as_pg "$BIN/pg_ctl" -D "$DATA/data" -m fast -w stop >/dev/null
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) pg_running && echo running || echo stopped ;;
    # Connection settings for the other scripts: `eval "$(scripts/pg.sh env)"`.
    env) printf 'PGHOST=%q\nPGPORT=%q\nPGUSER=%q\n' "$SOCK" "$PG_PORT" "$PG_USER" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
