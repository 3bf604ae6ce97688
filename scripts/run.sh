#!/usr/bin/env bash
# Set up (if needed) and launch the Faedah desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m ui "$@"
