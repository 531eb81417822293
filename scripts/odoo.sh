#!/usr/bin/env bash
# Run the Odoo server of the checkout against the private cluster:
# `scripts/odoo.sh [command] [odoo options]` (command: shell, ...; default server);
# `scripts/odoo.sh --script file.py [options]` runs a script of ours instead of
# odoo-bin, with the same options (scripts/upstream_tests.py).
# Settings come from config/odoo.conf; only the machine-specific paths are given here.
source "$(dirname "$0")/common.sh"
eval "$("$ROOT/scripts/pg.sh" env)"
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
ADDONS="$ROOT/addons,$SITE/odoo/addons,$ODOO_SRC/odoo/addons"
export PGHOST PGPORT PGUSER
# A sub-command (`scripts/odoo.sh shell -d db`) must come before the options.
ENTRY="$ODOO_BIN"
SUBCOMMAND=()
if [ "${1:-}" = --script ]; then
    ENTRY="$2"
    shift 2
elif [ "${1:-}" = shell ]; then
    SUBCOMMAND=(shell)
    shift
fi
exec "$PY" "$ENTRY" "${SUBCOMMAND[@]}" -c "$ROOT/config/odoo.conf" --addons-path="$ADDONS" \
    --data-dir="$LOCAL/filestore" --db_host="$PGHOST" --db_port="$PGPORT" \
    --db_user="$PGUSER" "$@"
