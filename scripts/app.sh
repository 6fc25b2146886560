#!/usr/bin/env bash
# Run the dashboard. Does all its own set-up on a fresh machine:
# creates .venv (python3) if missing, installs requirements.txt when it changed,
# then starts Streamlit. Extra arguments go to `streamlit run`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup_lib.sh
source scripts/setup_lib.sh

ensure_venv
install_requirements requirements.txt .requirements.sha256

# Only this machine can reach the dashboard unless the caller says otherwise, e.g. to serve on a
# network (create a real admin first: python manage.py create-user --role admin ...):
#   bash scripts/app.sh --server.address 0.0.0.0
address=(--server.address 127.0.0.1)
for arg in "$@"; do
    case "$arg" in
        --server.address|--server.address=*) address=() ;;
    esac
done

exec .venv/bin/streamlit run app.py --browser.gatherUsageStats false "${address[@]}" "$@"
