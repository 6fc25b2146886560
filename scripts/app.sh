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

exec .venv/bin/streamlit run app.py --browser.gatherUsageStats false "$@"
