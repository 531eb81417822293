#!/usr/bin/env bash
# The demo server: `server.sh run|start|stop|reset`.
source "$(dirname "$0")/common.sh"
PIDFILE="$LOCAL/odoo.pid"
LOGFILE="$LOCAL/odoo.log"
eval "$("$ROOT/scripts/pg.sh" env)"
export PGHOST PGPORT PGUSER

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" = 1 ]
}

# What the addons' files were when the demo database was last built or updated.
code_stamp() {
    (cd "$ROOT" && find addons -type f -not -name '*.pyc' -print0 | sort -z \
        | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}

create_demo_db() {
    local stamp="$LOCAL/demo-$DB_NAME.stamp"
    if db_exists; then
        # A database built by an older checkout: upgrade it to the code
        # (migrations included) and install the addons it lacks.
        [ "$(cat "$stamp" 2>/dev/null)" = "$(code_stamp)" ] && return 0
        log "Updating the demo database '$DB_NAME' to the code (a minute or two)"
        "$ROOT/scripts/odoo.sh" -d "$DB_NAME" -i "$GRC_ADDONS" -u grc_citoyen \
            --stop-after-init --logfile="$LOCAL/install.log" --log-level=warn \
            || { log "Update failed, see $LOCAL/install.log (make reset rebuilds it)"; exit 1; }
    else
        log "Creating the demo database '$DB_NAME' (French, demo commune; a few minutes)"
        "$ROOT/scripts/odoo.sh" -d "$DB_NAME" -i "$GRC_ADDONS" --load-language=fr_FR \
            --stop-after-init --logfile="$LOCAL/install.log" --log-level=warn \
            || { log "Installation failed, see $LOCAL/install.log"; dropdb --if-exists "$DB_NAME"; exit 1; }
    fi
    code_stamp >"$stamp"
}

banner() {
    cat >&2 <<MSG

  GRC Citoyenne — Ville de Saint-Exemple (démo)
  URL: http://localhost:$HTTP_PORT   (portail citoyen: http://localhost:$HTTP_PORT/my)
  Comptes de démonstration (mot de passe = identifiant):
    admin        administrateur GRC
    accueil      agent d'accueil
    voirie       agent du service Voirie
    responsable  responsable du service Voirie
    citoyen      Camille Martin, citoyenne (portail)

MSG
}

server_running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-}" in
    run)
        "$ROOT/scripts/pg.sh" start
        create_demo_db
        banner
        trap '"$ROOT/scripts/pg.sh" stop' EXIT
        # Not exec: the trap stops the cluster when the server ends (Ctrl-C).
        "$ROOT/scripts/odoo.sh" -d "$DB_NAME" --db-filter="^$DB_NAME\$" || true
        ;;
    start)
        "$ROOT/scripts/pg.sh" start
        create_demo_db
        if server_running; then log "Already running (pid $(cat "$PIDFILE"))"; exit 0; fi
        nohup "$ROOT/scripts/odoo.sh" -d "$DB_NAME" --db-filter="^$DB_NAME\$" \
            --logfile="$LOGFILE" >/dev/null 2>&1 &
        echo $! >"$PIDFILE"
        for _ in $(seq 1 60); do
            curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
            sleep 1
        done
        banner
        ;;
    stop)
        if server_running; then
            log "Stopping Odoo"
            kill "$(cat "$PIDFILE")"
            for _ in $(seq 1 30); do server_running || break; sleep 1; done
        fi
        rm -f "$PIDFILE"
        "$ROOT/scripts/pg.sh" stop
        ;;
    reset)
        "$ROOT/scripts/pg.sh" start
        server_running && { log "Stop the server first (make stop)"; exit 1; }
        log "Dropping the demo database '$DB_NAME'"
        dropdb --if-exists "$DB_NAME"
        rm -rf "$LOCAL/filestore/filestore/$DB_NAME"
        create_demo_db
        ;;
    *) echo "usage: $0 run|start|stop|reset" >&2; exit 2 ;;
esac
