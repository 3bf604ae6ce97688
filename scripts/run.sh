#!/usr/bin/env bash
# Launch the Faedah desktop app, setting it up first only when needed (scripts/setup.sh is silent once done).
#   bash scripts/run.sh [CASE.json] [--portable]       (a relative CASE.json is taken from where you are)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/python" -m ui "$@"
