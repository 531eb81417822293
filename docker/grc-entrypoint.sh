#!/bin/bash
# Adds Odoo's master password (admin_passwd) to a private copy of the
# configuration, then runs the official /entrypoint.sh, which adds the database
# settings from HOST/USER/PASSWORD. Odoo reads admin_passwd from its config file
# only (there is no command-line flag), and the committed config must not hold it.
#
# Source, first found: the file named by ODOO_ADMIN_PASSWD_FILE (a Docker
# secret), the variable ODOO_ADMIN_PASSWD, else a random value. A random one is
# fine while list_db = False, since that blocks every master-password operation;
# it only makes sure Odoo's default "admin" is never in force.
set -euo pipefail

if [ -n "${ODOO_ADMIN_PASSWD_FILE:-}" ]; then
    admin_passwd="$(<"$ODOO_ADMIN_PASSWD_FILE")"
elif [ -n "${ODOO_ADMIN_PASSWD:-}" ]; then
    admin_passwd="$ODOO_ADMIN_PASSWD"
else
    admin_passwd="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
fi
# Keep the secret out of the environment of Odoo and its workers.
unset ODOO_ADMIN_PASSWD ODOO_ADMIN_PASSWD_FILE

template="${ODOO_RC:-/etc/odoo/odoo.conf}"
if grep -qE '^\s*admin_passwd\s*=' "$template"; then
    # A second admin_passwd line would make Odoo's config parser fail.
    echo "grc-entrypoint: $template must not set admin_passwd" >&2
    exit 1
fi
# Rewritten at every start, readable by its owner (odoo) only. admin_passwd is
# appended to the last section of the template, which must be [options].
rc=/tmp/grc-odoo.conf
umask_before="$(umask)"
umask 077
{
    cat "$template"
    printf '\n; Added at start by grc-entrypoint.sh.\nadmin_passwd = %s\n' "$admin_passwd"
} >"$rc.new"
umask "$umask_before"
mv -f "$rc.new" "$rc"
unset admin_passwd
export ODOO_RC="$rc"

exec /entrypoint.sh "$@"
