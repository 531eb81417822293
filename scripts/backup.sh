#!/usr/bin/env bash
# Backups of a GRC database: `backup.sh backup [DB]`, `backup.sh restore DIR [NEW_DB]`,
# `backup.sh loop` (the docker-compose backup service: one backup a day).
#
# A backup is one folder named after the database and the date,
# BACKUP_DIR/DB-YYYY-MM-DD-HHMMSS/, holding:
#   database.dump     pg_dump, custom format (compressed, restorable with pg_restore)
#   filestore.tar.gz  the attachments (Odoo's filestore of the database)
#   SHA256SUMS        checksums of both, checked before anything is restored
#   backup.info       database, date, PostgreSQL version
# The database is dumped first, then the filestore: every file the dump refers to
# is already stored when the filestore is read. The folder is written under a
# temporary name and renamed when complete: a folder with the final name is whole.
#
# Retention: after each backup, the backups of the same database older than
# GRC_BACKUP_KEEP_DAYS days (default 14) are deleted; the newest is always kept.
#
# Settings (environment): GRC_DB (database, default grc), GRC_BACKUP_DIR (default
# backups/ in the checkout, git-ignored and kept by `make clean`; better on another
# disk, copied off the machine), GRC_DATA_DIR (Odoo's data_dir, holding filestore/DB; default
# .local/filestore), GRC_BACKUP_AT (loop: time of day, default 02:30). The
# connection is PGHOST/PGPORT/PGUSER/PGPASSWORD when PGHOST is set, otherwise the
# private cluster of the checkout (started for the backup if it is stopped).
source "$(dirname "$0")/common.sh"

BACKUP_DIR="${GRC_BACKUP_DIR:-$ROOT/backups}"
DATA_DIR="${GRC_DATA_DIR:-$LOCAL/filestore}"
KEEP_DAYS="${GRC_BACKUP_KEEP_DAYS:-14}"
BACKUP_AT="${GRC_BACKUP_AT:-02:30}"

# PostgreSQL client tools of the server's major version when installed.
pg_tool() {
    local bin
    if bin=$(pg_bindir 2>/dev/null) && [ -x "$bin/$1" ]; then
        echo "$bin/$1"
    else
        command -v "$1"
    fi
}

STARTED_CLUSTER=0
connect() {
    if [ -n "${PGHOST:-}" ]; then
        export PGHOST PGPORT PGUSER PGPASSWORD 2>/dev/null || true
        return 0
    fi
    eval "$("$ROOT/scripts/pg.sh" env)"
    export PGHOST PGPORT PGUSER
    if [ "$("$ROOT/scripts/pg.sh" status)" != running ]; then
        "$ROOT/scripts/pg.sh" start
        STARTED_CLUSTER=1
    fi
}

disconnect() {
    if [ "$STARTED_CLUSTER" = 1 ]; then
        "$ROOT/scripts/pg.sh" stop
    fi
}

db_exists() {
    [ "$("$(pg_tool psql)" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

valid_name() {
    [[ "$1" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] \
        || { log "Not a database name: '$1'"; exit 2; }
}

backup() {
    local db="${1:-$DB_NAME}"
    valid_name "$db"
    db_exists "$db" || { log "No database '$db'"; exit 1; }
    mkdir -p "$BACKUP_DIR"
    local name
    name="$db-$(date +%Y-%m-%d-%H%M%S)"
    local target="$BACKUP_DIR/$name"
    local tmp="$BACKUP_DIR/.$name.partial"
    [ ! -e "$target" ] || { log "$target exists already"; exit 1; }
    rm -rf "$tmp"
    mkdir -p "$tmp"
    log "Backing up '$db' to $target"
    "$(pg_tool pg_dump)" --format=custom --no-owner --no-privileges \
        --file="$tmp/database.dump" "$db"
    local filestore="$DATA_DIR/filestore/$db"
    if [ -d "$filestore" ]; then
        tar -czf "$tmp/filestore.tar.gz" -C "$filestore" .
    else
        tar -czf "$tmp/filestore.tar.gz" --files-from /dev/null
    fi
    {
        echo "database=$db"
        echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "postgresql=$("$(pg_tool psql)" -d "$db" -tAc 'SHOW server_version')"
    } >"$tmp/backup.info"
    (cd "$tmp" && sha256sum database.dump filestore.tar.gz backup.info >SHA256SUMS)
    mv "$tmp" "$target"
    log "Backup done: $target ($(du -sh "$target" | cut -f1))"
    prune "$db"
}

# Backups of DB older than KEEP_DAYS days, the newest one always kept.
prune() {
    local db="$1" newest old
    newest=$(find "$BACKUP_DIR" -maxdepth 1 -type d -name "$db-[0-9]*" | sort | tail -n 1)
    while IFS= read -r old; do
        [ -n "$old" ] && [ "$old" != "$newest" ] || continue
        log "Deleting $old (older than $KEEP_DAYS days)"
        rm -rf "$old"
    done < <(find "$BACKUP_DIR" -maxdepth 1 -type d -name "$db-[0-9]*" -mtime "+$KEEP_DAYS")
    # Leftovers of an interrupted backup.
    find "$BACKUP_DIR" -maxdepth 1 -type d -name ".$db-[0-9]*.partial" -mmin +720 \
        -exec rm -rf {} +
}

restore() {
    local source="${1:-}"
    [ -n "$source" ] && [ -f "$source/SHA256SUMS" ] \
        || { log "usage: backup.sh restore BACKUP_FOLDER [NEW_DB]"; exit 2; }
    source="$(cd "$source" && pwd)"
    log "Checking $source"
    (cd "$source" && sha256sum --check --quiet SHA256SUMS) \
        || { log "Checksums do not match: backup damaged, nothing restored"; exit 1; }
    local db="${2:-}"
    [ -n "$db" ] || db=$(sed -n 's/^database=//p' "$source/backup.info")
    valid_name "$db"
    if db_exists "$db"; then
        log "Database '$db' exists: restore into another name, or drop it first"
        exit 1
    fi
    local filestore="$DATA_DIR/filestore/$db"
    if [ -n "$(ls -A "$filestore" 2>/dev/null)" ]; then
        log "$filestore is not empty: move it away first"
        exit 1
    fi
    log "Restoring into '$db'"
    "$(pg_tool createdb)" -T template0 "$db"
    if ! "$(pg_tool pg_restore)" --no-owner --no-privileges --exit-on-error \
        -d "$db" "$source/database.dump"; then
        "$(pg_tool dropdb)" --if-exists "$db"
        log "Restore failed: database '$db' dropped"
        exit 1
    fi
    mkdir -p "$filestore"
    tar -xzf "$source/filestore.tar.gz" -C "$filestore"
    # Restored by root (docker): the files belong to whoever owns the data dir.
    if is_root; then chown -R --reference="$DATA_DIR" "$filestore"; fi
    log "Restored '$db' from $source"
}

# The docker-compose service: a backup every day at BACKUP_AT; a failed one is
# logged and tried again the next day.
loop() {
    while true; do
        local now next
        now=$(date +%s)
        next=$(date -d "today $BACKUP_AT" +%s)
        [ "$next" -gt "$now" ] || next=$(date -d "tomorrow $BACKUP_AT" +%s)
        log "Next backup of '$DB_NAME' at $(date -d "@$next" '+%Y-%m-%d %H:%M')"
        sleep $((next - now))
        (backup "$DB_NAME") || log "Backup FAILED: see above"
    done
}

command="${1:-}"
shift || true
connect
trap disconnect EXIT
case "$command" in
    backup) backup "$@" ;;
    restore) restore "$@" ;;
    loop) loop ;;
    *) echo "usage: $0 backup [DB] | restore BACKUP_FOLDER [NEW_DB] | loop" >&2; exit 2 ;;
esac
