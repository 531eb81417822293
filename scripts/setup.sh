#!/usr/bin/env bash
# Install everything the product needs: system packages, Odoo 18.0, the Python
# environment. Idempotent: a second run with nothing changed does nothing.
source "$(dirname "$0")/common.sh"
mkdir -p "$LOCAL"

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "Installing system packages: ${missing[*]}"
    local sudo=""
    is_root || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

system_packages() {
    local pkgs=(postgresql-15 postgresql-client-15 libpq-dev gettext)
    # Headless browser for the Odoo tours; only the test run needs it.
    [ "${GRC_WITH_BROWSER:-0}" = 1 ] && pkgs+=(chromium fonts-dejavu-core)
    # wkhtmltopdf renders the QWeb PDF letters.
    pkgs+=(wkhtmltopdf)
    apt_install "${pkgs[@]}"
}

odoo_source() {
    local stamp="$ODOO_SRC/.grc-source"
    if [ -f "$ODOO_TARBALL" ]; then
        local sum
        sum=$(sha256sum "$ODOO_TARBALL" | cut -d' ' -f1)
        [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && return 0
        log "Checking the vendored Odoo tarball"
        (cd "$VENDOR_DIR" && sha256sum -c --quiet SHA256SUMS)
        log "Unpacking Odoo 18.0 from $(basename "$ODOO_TARBALL")"
        rm -rf "$ODOO_SRC" && tar -xJf "$ODOO_TARBALL" -C "$LOCAL"
        echo "$sum" >"$stamp"
    else
        [ -f "$stamp" ] && return 0
        log "No vendored tarball: fetching the official Odoo 18.0 source"
        local tmp
        tmp=$(mktemp -d)
        curl -fsSL "$ODOO_URL" -o "$tmp/odoo.tar.gz"
        rm -rf "$ODOO_SRC" && mkdir -p "$ODOO_SRC"
        tar -xzf "$tmp/odoo.tar.gz" -C "$ODOO_SRC" --strip-components=1
        rm -rf "$tmp"
        echo "official" >"$stamp"
    fi
    rm -f "$VENV/.grc-installed"
}

python_env() {
    local want
    want=$(cat "$ODOO_SRC/.grc-source" "$ROOT/requirements.txt" | sha256sum | cut -d' ' -f1)
    [ -f "$VENV/.grc-installed" ] && [ "$(cat "$VENV/.grc-installed")" = "$want" ] && return 0
    if [ ! -x "$PY" ]; then
        local base
        base=$(command -v python3.11 || command -v python3)
        log "Creating .venv with $("$base" --version)"
        "$base" -m venv "$VENV"
    fi
    local cons="$LOCAL/pip-constraints.txt"
    # Old sdists among Odoo's pins import pkg_resources while building.
    echo 'setuptools<75' >"$cons"
    # Our pins hold for Odoo's requirements too (their unpinned dependencies,
    # such as gevent's zope.interface): one version of each package, whichever
    # file is installed first.
    grep -E '^[A-Za-z0-9._-]+==' "$ROOT/requirements.txt" >>"$cons"
    export PIP_CONSTRAINT="$cons" PIP_DISABLE_PIP_VERSION_CHECK=1
    "$PY" -m pip install -qq --upgrade 'pip<25' 'setuptools<75' wheel
    # python-ldap needs LDAP headers and LDAP login is not used.
    grep -v '^python-ldap' "$ODOO_SRC/requirements.txt" >"$LOCAL/odoo-requirements.txt"
    log "Installing Odoo's Python requirements (first run takes a few minutes)"
    "$PY" -m pip install -qq -r "$LOCAL/odoo-requirements.txt"
    "$PY" -m pip install -qq -e "$ODOO_SRC"
    log "Installing the project's requirements"
    "$PY" -m pip install -qq -r "$ROOT/requirements.txt"
    echo "$want" >"$VENV/.grc-installed"
}

system_packages
odoo_source
python_env
log "Setup done"
