#!/usr/bin/env bash
# Run the checks: ruff, then pytest (unit, AppTest and real-browser tests).
# Does all its own set-up on a fresh machine: creates .venv (python3) if missing,
# installs requirements-test.txt when it changed, installs Debian chromium when
# /usr/bin/chromium is missing. Extra arguments go to pytest.
# Never runs `playwright install`: the browser tests use /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

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

ensure_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return 0
    fi
    echo "==> installing Debian chromium with apt-get (for the browser tests)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    if [ ! -x /usr/bin/chromium ]; then
        echo "error: apt-get installed chromium but /usr/bin/chromium is missing" >&2
        return 1
    fi
}

ensure_venv
install_requirements requirements-test.txt .requirements-test.sha256
ensure_chromium

status=0

echo "==> ruff check ."
if ! .venv/bin/ruff check .; then
    echo "FAILED: ruff check found problems (see above)" >&2
    status=1
fi

echo "==> python -m pytest $*"
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
    echo "FAILED: pytest collected no tests (exit code 5). This project always has tests:" \
        "check the paths/-k/-m arguments and the [tool.pytest.ini_options] testpaths." >&2
    status=1
elif [ "$rc" -ne 0 ]; then
    echo "FAILED: pytest exited with code $rc" >&2
    status=1
fi

if [ "$status" -eq 0 ]; then
    echo "==> all checks passed"
fi
exit "$status"
