#!/usr/bin/env bash
# Set up (only when needed, silently once done), lint, type-check, check the architecture and run the tests
# headless. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check estimator ui tests bench packaging scripts
.venv/bin/ruff format --check estimator ui tests bench packaging scripts
echo "== mypy (strict on estimator/)"; .venv/bin/mypy estimator
echo "== import contracts (lint-imports, .importlinter)"; .venv/bin/lint-imports
echo "== dead code (vulture, min confidence 80)"; .venv/bin/vulture estimator ui vulture_whitelist.py --min-confidence 80
echo "== pytest"; .venv/bin/python -m pytest "$@"
