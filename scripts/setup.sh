#!/usr/bin/env bash
# Set up Faedah on a Debian/Ubuntu machine with Python 3.11, only when something changed:
#  - the system libraries Qt needs (only the missing ones; needs root or sudo),
#  - a virtual environment in .venv with the app and its dev tools (pip install -e ".[dev]").
# A stamp (.venv/.faedah-setup-stamp: pyproject.toml's sha256 and the venv's Python version) records the last
# good set-up; while it matches, this script does nothing and prints nothing. The first run prints a few
# progress lines; pip's own output goes to .venv/setup.log and is shown only when something fails.
#   scripts/setup.sh [--force]      --force: set up again even if the stamp matches
# Env: PYTHON (default python3) creates the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
STAMP=.venv/.faedah-setup-stamp
LOG=.venv/setup.log

# The stamp the current tree wants, computed by the venv's own Python (so a broken venv never matches).
wanted_stamp() {
  .venv/bin/python - 2>/dev/null <<'PYEOF'
import hashlib, sys
with open("pyproject.toml", "rb") as fh:
    print(hashlib.sha256(fh.read()).hexdigest(), "python", sys.version.split()[0])
PYEOF
}

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    *) echo "setup: unknown option $arg (only --force)" >&2; exit 2 ;;
  esac
done

if [ "$force" = 0 ] && [ -f "$STAMP" ] && [ -x .venv/bin/python ]; then
  if [ "$(wanted_stamp || true)" = "$(cat "$STAMP")" ]; then
    exit 0
  fi
fi

APT_PKGS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth poppler-utils binutils python3-venv"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "setup: installing system packages:$missing"
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    # python3-venv may be absent on distributions whose python ships venv itself; do not fail on it alone.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 \
      || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing//python3-venv/} >/dev/null
  fi
fi

if ! .venv/bin/python -c "" >/dev/null 2>&1; then
  echo "setup: creating .venv with $("$PY" -c 'import sys; print("Python", sys.version.split()[0])')"
  rm -rf .venv
  "$PY" -m venv .venv
fi
rm -f "$STAMP"
echo "setup: installing Faedah and its dev tools into .venv (pip install -e \".[dev]\"; a minute or two)"
if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip \
       && .venv/bin/python -m pip install --disable-pip-version-check -e ".[dev]"; } >"$LOG" 2>&1; then
  echo "setup: pip failed; the end of $LOG:" >&2
  tail -n 25 "$LOG" >&2
  exit 1
fi
wanted_stamp >"$STAMP"
echo "setup: done (.venv is ready; later runs skip this until pyproject.toml or Python changes)"
