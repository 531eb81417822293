#!/usr/bin/env bash
# Run the Odoo server of the checkout against the private cluster:
# `scripts/odoo.sh [command] [options]`: without a command the server;
# a command of odoo-bin (shell, db, populate, scaffold, ...) is passed through:
# `scripts/odoo.sh db dump grc grc.zip`, `scripts/odoo.sh shell -d grc`.
# `scripts/odoo.sh --script file.py [options]` runs a script of ours instead of
# odoo-bin, with the same options (scripts/upstream_tests.py).
# Settings come from config/odoo.conf; only the machine-specific paths are given here.
# GRC_ODOO_PRINT=1 prints the command line instead of running it.
source "$(dirname "$0")/common.sh"
eval "$("$ROOT/scripts/pg.sh" env)"
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
ADDONS="$ROOT/addons,$SITE/odoo/addons,$ODOO_SRC/odoo/addons"
export PGHOST PGPORT PGUSER
# What every command reading Odoo's configuration is given.
OPTIONS=(-c "$ROOT/config/odoo.conf" --addons-path="$ADDONS"
    --data-dir="$LOCAL/filestore" --db_host="$PGHOST" --db_port="$PGPORT"
    --db_user="$PGUSER")
ENTRY="$ODOO_BIN"
COMMAND=()
if [ "${1:-}" = --script ]; then
    ENTRY="$2"
    shift 2
elif [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then
    # odoo-bin reads its command first, then the command reads its options:
    # the options go after the command (before the arguments of `db`'s own
    # sub-commands: `db [options] dump ...`).
    COMMAND=("$1")
    shift
    case "${COMMAND[0]}" in
        # Commands reading the server's configuration (database, paths).
        server | shell | db | populate | neutralize | obfuscate | cloc | start) ;;
        # Commands of their own (scaffold, deploy, help, upgrade_code, ...):
        # given nothing but the addons path, which odoo-bin reads first to
        # find the commands of addons.
        *) OPTIONS=() ;;
    esac
    COMMAND=(--addons-path="$ADDONS" "${COMMAND[@]}")
fi
CMD=("$PY" "$ENTRY" "${COMMAND[@]}" "${OPTIONS[@]}" "$@")
if [ "${GRC_ODOO_PRINT:-0}" = 1 ]; then
    printf '%s\n' "${CMD[@]}"
    exit 0
fi
exec "${CMD[@]}"
