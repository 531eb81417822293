#!/usr/bin/env bash
# Linters for the addons and the repository tests. Every check runs, even after a
# failure, and ends with one status line ("PASS name" or "FAIL name"); the script
# exits non-zero if any check failed. It only reports: to fix, run
# `.venv/bin/ruff check --fix addons tests` and `.venv/bin/ruff format addons tests`.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

failures=0

status() { # PASS|FAIL name [detail]
    printf '[lint] %s %s%s\n' "$1" "$2" "${3:+ ($3)}"
    [ "$1" = PASS ] || failures=$((failures + 1))
}

# Run a check command; its own output comes first, then the status line.
check() { # name command...
    local name="$1"
    shift
    if "$@"; then status PASS "$name"; else status FAIL "$name"; fi
}

# Ruff: lint and format, both read-only (.ruff.toml has no `fix = true`).
targets=()
for dir in addons tests; do
    if [ -d "$dir" ]; then targets+=("$dir"); fi
done
if [ ! -x "$VENV/bin/ruff" ]; then
    status FAIL "ruff" "$VENV/bin/ruff is missing: run make setup"
elif [ ${#targets[@]} -eq 0 ]; then
    status PASS "ruff" "nothing to lint"
else
    check "ruff check ${targets[*]}" "$VENV/bin/ruff" check --no-fix "${targets[@]}"
    check "ruff format --check ${targets[*]}" "$VENV/bin/ruff" format --check "${targets[@]}"
fi

# pylint-odoo: the Odoo-specific checks of OCA's CI (manifests, translations,
# SQL, XML ids, missing returns...), as listed in .pylintrc.
mapfile -t addon_dirs < <(find "$ROOT/addons" -mindepth 2 -maxdepth 2 -name __manifest__.py -printf '%h\n' | sort)
if [ ${#addon_dirs[@]} -gt 0 ]; then
    check "pylint-odoo (${#addon_dirs[@]} addons)" "$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" "${addon_dirs[@]}"
fi

# One create/write per model and addon: their order must not be the order of
# the imports (scripts/check_overrides.py says why).
if [ ${#addon_dirs[@]} -gt 0 ]; then
    check "one create/write/unlink/copy per model and addon" "$PY" "$ROOT/scripts/check_overrides.py" "${addon_dirs[@]}"
fi

# Superuser rights are switched on at a boundary, and each switch says why
# (scripts/check_sudo.py).
if [ ${#addon_dirs[@]} -gt 0 ]; then
    check "every sudo() says why" "$PY" "$ROOT/scripts/check_sudo.py" "${addon_dirs[@]}"
fi

# XML: every file under addons/ (data, views, QWeb and OWL templates) must be
# well-formed, or Odoo stops while loading the module.
mapfile -d '' xml_files < <(find addons -name '*.xml' -type f -print0 2>/dev/null | sort -z)
if [ ${#xml_files[@]} -eq 0 ]; then
    status PASS "XML well-formed" "no XML file under addons/"
else
    check "XML well-formed (${#xml_files[@]} files)" "$PY" - "${xml_files[@]}" <<'PY'
import sys

from lxml import etree

bad = 0
for path in sys.argv[1:]:
    try:
        etree.parse(path)
    except (OSError, etree.XMLSyntaxError) as error:
        bad += 1
        print(f"{path}: {error}")
sys.exit(1 if bad else 0)
PY
fi

# Translations: every addons/*/i18n/*.po must compile, with the placeholders of
# python-format strings kept (a broken one raises at run time, in that language).
mapfile -d '' po_files < <(find addons -path '*/i18n/*.po' -type f -print0 2>/dev/null | sort -z)
if [ ${#po_files[@]} -eq 0 ]; then
    status PASS "PO files" "no i18n/*.po under addons/"
elif command -v msgfmt >/dev/null; then
    po_ok() {
        local path rc=0
        for path in "$@"; do
            msgfmt --check-format -o /dev/null "$path" || rc=1
        done
        return $rc
    }
    check "PO files, msgfmt --check-format (${#po_files[@]} files)" po_ok "${po_files[@]}"
else
    # No gettext on this machine: the same checks with polib (an Odoo dependency).
    check "PO files, polib (${#po_files[@]} files)" "$PY" - "${po_files[@]}" <<'PY'
import re
import sys

import polib

# %s, %(name)s, %%, ... as Python's %-formatting reads them.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")


def placeholders(text):
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


bad = 0
for path in sys.argv[1:]:
    try:
        entries = polib.pofile(path)
    except (OSError, ValueError) as error:
        bad += 1
        print(f"{path}: {error}")
        continue
    for entry in entries:
        if "python-format" not in entry.flags or not entry.msgstr:
            continue
        if placeholders(entry.msgid) != placeholders(entry.msgstr):
            bad += 1
            print(f"{path}:{entry.linenum}: placeholders differ from msgid")
sys.exit(1 if bad else 0)
PY
fi

if [ "$failures" -gt 0 ]; then
    log "Lint: $failures check(s) failed"
    exit 1
fi
log "Lint: all checks passed"
