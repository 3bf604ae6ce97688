#!/usr/bin/env bash
# Set up (if needed), lint, type-check and run the test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check estimator ui tests bench packaging scripts
.venv/bin/ruff format --check estimator ui tests bench packaging scripts
echo "== mypy (strict on estimator/)"; .venv/bin/mypy estimator
echo "== pytest"; .venv/bin/python -m pytest "$@"
