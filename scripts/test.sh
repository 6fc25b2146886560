#!/usr/bin/env bash
# Run the checks: ruff, the import layers, then pytest (unit, AppTest and real-browser tests).
# Does all its own set-up on a fresh machine: creates .venv (python3) if missing,
# installs requirements-test.txt when it changed, installs Debian chromium when
# /usr/bin/chromium is missing. Extra arguments go to pytest.
# Never runs `playwright install`: the browser tests use /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup_lib.sh
source scripts/setup_lib.sh

ensure_chromium() {
    if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null 2>&1; then
        return 0
    fi
    echo "==> installing Debian chromium and poppler-utils with apt-get (browser tests, PDF board packs)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils
    if [ ! -x /usr/bin/chromium ]; then
        echo "error: apt-get installed chromium but /usr/bin/chromium is missing" >&2
        return 1
    fi
}

# A local PostgreSQL for the tests that prove the measures are portable (the same figures as
# on SQLite). Set SKIP_POSTGRES=1 to leave it out; under CI a failure here is fatal.
ensure_postgres() {
    [ "${SKIP_POSTGRES:-0}" = "1" ] && return 0
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        echo "==> installing Debian postgresql with apt-get (for the portability tests)"
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    fi
    local version name
    read -r version name _ < <(pg_lsclusters --no-header | head -n 1)
    if [ -z "${version:-}" ]; then
        as_root pg_createcluster 15 main
        read -r version name _ < <(pg_lsclusters --no-header | head -n 1)
    fi
    as_root pg_ctlcluster "$version" "$name" start 2>/dev/null || true
    local port
    port="$(pg_lsclusters --no-header | head -n 1 | awk '{print $3}')"
    as_root su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='coprod_test'\"" | grep -q 1 \
        || as_root su postgres -c "psql -p $port -qc \"CREATE ROLE coprod_test LOGIN PASSWORD 'coprod_test'\""
    as_root su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='coprod_test'\"" | grep -q 1 \
        || as_root su postgres -c "createdb -p $port -O coprod_test coprod_test"
    as_root su postgres -c "psql -p $port -d coprod_test -qc 'ALTER DATABASE coprod_test OWNER TO coprod_test; ALTER SCHEMA public OWNER TO coprod_test'"
    export TEST_POSTGRES_URL="postgresql+psycopg://coprod_test:coprod_test@127.0.0.1:$port/coprod_test"
    echo "==> PostgreSQL ready for the tests on port $port"
}

ensure_venv
install_requirements requirements-test.txt .requirements-test.sha256
ensure_chromium
if ! ensure_postgres; then
    if [ "${CI:-}" = "true" ]; then
        echo "FAILED: could not set up PostgreSQL for the portability tests" >&2
        exit 1
    fi
    echo "warning: no PostgreSQL; the PostgreSQL variants of the tests will be skipped" >&2
fi

status=0

echo "==> ruff check ."
if ! .venv/bin/ruff check .; then
    echo "FAILED: ruff check found problems (see above)" >&2
    status=1
fi

echo "==> lint-imports (the layers in pyproject.toml, docs/architecture.md)"
if ! .venv/bin/lint-imports; then
    echo "FAILED: an import breaks the layers contract (see above)" >&2
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
