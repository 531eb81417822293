#!/usr/bin/env bash
# Refresh the translation templates and merge them into each addon's fr.po:
# `scripts/i18n.sh` (installs the addons in a scratch database, exports
# i18n/<addon>.pot, then msgmerge keeps existing French translations).
source "$(dirname "$0")/common.sh"
DB="${GRC_I18N_DB:-grc_i18n}"
eval "$("$ROOT/scripts/pg.sh" env)"
export PGHOST PGPORT PGUSER PGOPTIONS="-c client_min_messages=warning"
"$ROOT/scripts/pg.sh" start
dropdb --if-exists "$DB"
"$ROOT/scripts/odoo.sh" -d "$DB" -i "$GRC_ADDONS" --without-demo=all --stop-after-init \
    --log-level=warn
for addon in ${GRC_ADDONS//,/ }; do
    dir="$ROOT/addons/$addon/i18n"
    mkdir -p "$dir"
    "$ROOT/scripts/odoo.sh" -d "$DB" --modules="$addon" --i18n-export="$dir/$addon.pot" \
        --stop-after-init --log-level=warn
    if [ -f "$dir/fr.po" ]; then
        msgmerge --quiet --no-fuzzy-matching --update --backup=none "$dir/fr.po" "$dir/$addon.pot"
        # Strings gone from the code leave the catalogue too.
        msgattrib --no-obsolete --no-wrap -o "$dir/fr.po" "$dir/fr.po"
    else
        msginit --no-translator --locale=fr_FR.UTF-8 -i "$dir/$addon.pot" -o "$dir/fr.po"
    fi
    log "$addon: $(msgattrib --untranslated "$dir/fr.po" | grep -c '^msgid' || true) untranslated"
done
dropdb --if-exists "$DB"
