# Shared settings for the project's scripts. Sourced, never run.
# Everything the scripts build lives in ignored folders of the checkout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
ODOO_SRC="$LOCAL/odoo-18.0"
ODOO_BIN="$ODOO_SRC/odoo-bin"
VENDOR_DIR="${GRC_VENDOR_DIR:-$ROOT/../shared/vendor}"
ODOO_TARBALL="$VENDOR_DIR/odoo-18.0-grc.tar.xz"
ODOO_URL="${GRC_ODOO_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
PG_PORT="${GRC_PG_PORT:-5433}"
PG_USER="${GRC_PG_USER:-odoo}"
HTTP_PORT="${GRC_HTTP_PORT:-8069}"
DB_NAME="${GRC_DB:-grc}"
# The project's addons, in dependency order (grc_citoyen first; grc_demo, the
# demo commune, last: it creates nothing in a database without demo data).
GRC_ADDONS="$(cd "$ROOT/addons" && for a in grc_citoyen grc_citoyen_mail_retry grc_citoyen_draft grc_citoyen_timeline grc_citoyen_routing_test grc_citoyen_api grc_citoyen_api_draft grc_citoyen_open311 grc_citoyen_hardening grc_citoyen_guest grc_citoyen_location grc_citoyen_location_routing_test grc_citoyen_similarity \
    grc_citoyen_sms grc_citoyen_satisfaction grc_citoyen_satisfaction_timeline grc_citoyen_satisfaction_api grc_citoyen_letters grc_citoyen_letters_timeline grc_citoyen_satisfaction_letters \
    grc_citoyen_sla_escalation grc_citoyen_accessibility grc_citoyen_forms grc_citoyen_forms_draft grc_citoyen_forms_guest grc_citoyen_app grc_citoyen_app_api grc_citoyen_identity grc_citoyen_access_log grc_citoyen_access_log_api grc_citoyen_forms_api grc_citoyen_forms_open311 grc_citoyen_forms_identity grc_citoyen_forms_location \
    grc_citoyen_privacy grc_citoyen_privacy_api grc_citoyen_privacy_draft grc_citoyen_location_privacy grc_citoyen_forms_privacy grc_citoyen_identity_privacy grc_citoyen_frontdesk grc_citoyen_frontdesk_timeline grc_citoyen_frontdesk_privacy grc_citoyen_frontdesk_similarity grc_citoyen_forms_frontdesk grc_citoyen_appointment grc_citoyen_appointment_sms grc_citoyen_appointment_timeline grc_reclamations grc_reclamations_timeline grc_reclamations_privacy grc_reclamations_api \
    grc_pilotage grc_pilotage_satisfaction grc_pilotage_spplus grc_pilotage_appointment grc_demo; do
    [ ! -f "$a/__manifest__.py" ] || printf "%s," "$a"; done | sed 's/,$//')"

log() { printf '\033[1m[grc]\033[0m %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ] \
        && { pg_config --bindir; return 0; }
    return 1
}

# The cluster lives in the checkout unless the postgres user cannot reach it
# (a checkout below a private home, for instance); then it moves to a folder of its own.
pg_datadir() {
    local d="$LOCAL/pg"
    if is_root && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        d="/var/tmp/grc-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)"
    fi
    echo "$d"
}
