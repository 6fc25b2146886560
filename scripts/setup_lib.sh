# Shared set-up for scripts/app.sh and scripts/test.sh (sourced, not run): a .venv with the
# pinned packages, and root for apt-get when a system package is missing.

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: need root or sudo to run: $*" >&2
        return 1
    fi
}

ensure_venv() {
    if .venv/bin/python -m pip --version >/dev/null 2>&1; then
        return 0
    fi
    echo "==> creating .venv with $(command -v python3 || echo 'python3 (not found)')"
    if ! python3 -m venv --clear .venv; then
        # Debian ships venv/ensurepip separately.
        echo "==> python3 -m venv failed: installing python3-venv with apt-get"
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
        python3 -m venv --clear .venv
    fi
}

# install_requirements FILE STAMP: pip install -r FILE unless the stamp holds the same hash.
# The hash covers FILE and requirements.txt (files pulled in with -r).
install_requirements() {
    local req="$1" stamp=".venv/$2" want have=""
    want="$(cat "$req" requirements.txt | sha256sum | cut -d' ' -f1)"
    [ -f "$stamp" ] && have="$(cat "$stamp")"
    if [ "$want" != "$have" ]; then
        echo "==> installing $req"
        .venv/bin/python -m pip install --disable-pip-version-check --no-input -q -r "$req"
        echo "$want" >"$stamp"
    fi
}
