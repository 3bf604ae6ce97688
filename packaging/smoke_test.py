"""Smoke test of a built Faedah folder: ``python3 packaging/smoke_test.py dist/faedah``.

Runs the real executables (never the source tree) and checks what a counter office would see:

1. the bundle layout (both executables, resources under _internal/, nothing excluded sneaking back in);
2. the GUI starts offscreen and quits as soon as its main window is shown (``QUIT_AFTER_SHOW=1``),
   and - on Linux with ``xvfb-run`` available - also on a real X server through the xcb plugin;
3. the CLI estimates a sample case (``--json`` has ``benefits``) and writes a PDF (starts with ``%PDF``,
   and embeds the bundled DejaVu fonts when ``pdffonts`` is available);
4. bad input gives a message and a non-zero exit code, never a traceback;
5. an office rule pack (``rules/``) or commutation table (``commutation.json``) dropped beside the
   executable is used, and a damaged one is refused with a notice (the last accepted office pack stays in
   force);
6. ``faedah estimate --batch`` over more than one chunk of files (worker processes in the frozen build).

Standard library only. Exit code 0 when every check passes; each check prints one line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tdb_work_accident.json"
EXE_SUFFIX = ".exe" if sys.platform.startswith("win") else ""
TIMEOUT = 120
ACCEPTED_ORIGIN = (
    "office (last accepted copy)"  # estimator.engine.rules.office.ORIGIN_ACCEPTED (stdlib only here)
)


class Failure(Exception):
    pass


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in (
        "FAEDAH_RULES_DIR",
        "FAEDAH_COMMUTATION_FILE",
        "FAEDAH_RESOURCES",
        "PYTHONPATH",
        "PYTHONHOME",
    ):
        env.pop(key, None)
    env["FAEDAH_CONFIG_DIR"] = str(tmp / "config")
    env["FAEDAH_DATA_DIR"] = str(tmp / "data")
    env["FAEDAH_LANG"] = "en"
    env.update(extra)
    return env


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run(
            cmd,
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            encoding="utf-8",
            errors="replace",
        )
    except subprocess.TimeoutExpired as exc:
        raise Failure(f"{Path(cmd[0]).name} did not finish within {TIMEOUT} s") from exc
    if "Traceback (most recent call last)" in proc.stderr:
        raise Failure(f"traceback from {' '.join(cmd[:3])}:\n{proc.stderr[-2000:]}")
    return proc


def _expect_ok(proc: subprocess.CompletedProcess[str], what: str) -> None:
    if proc.returncode != 0:
        raise Failure(f"{what}: exit code {proc.returncode}\n{proc.stderr[-2000:]}")


def check_layout(bundle: Path) -> str:
    internal = bundle / "_internal"
    missing = [
        str(p.relative_to(bundle))
        for p in (
            bundle / f"faedah-gui{EXE_SUFFIX}",
            bundle / f"faedah{EXE_SUFFIX}",
            internal / "resources" / "rules" / "manifest.json",
            internal / "resources" / "fonts" / "DejaVuSans.ttf",
            internal / "resources" / "fonts" / "DejaVuSans-Bold.ttf",
            internal / "resources" / "fonts" / "LICENSE-DejaVu.txt",
        )
        if not p.exists()
    ]
    if not any((internal / "resources" / "i18n").glob("*.json")):
        missing.append("_internal/resources/i18n/*.json")
    # printing rasterises the PDF with pypdfium2, whose library is loaded with ctypes (no link to follow)
    pdfium = internal / "pypdfium2_raw"
    if pdfium.exists() and not any(p.name.startswith(("libpdfium", "pdfium")) for p in pdfium.iterdir()):
        missing.append("_internal/pypdfium2_raw/(lib)pdfium library")
    if missing:
        raise Failure("missing from the bundle: " + ", ".join(missing))
    qt = internal / "PySide6" / "Qt"
    unwanted = [
        str(p.relative_to(bundle))
        for p in (
            qt / "translations",
            qt / "plugins" / "platformthemes",
            qt / "plugins" / "wayland-shell-integration",
            qt / "qml",
        )
        if p.exists()
    ]
    unwanted += [
        p.name for p in internal.rglob("*") if p.name.lower().startswith(("libqt6qml", "qt6qml", "libgtk"))
    ]
    unwanted += [str(p.relative_to(bundle)) for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    if unwanted:
        raise Failure("should not be in the bundle: " + ", ".join(sorted(unwanted)[:20]))
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return f"layout ok, {size / 2**20:.1f} MiB"


def check_gui(bundle: Path, tmp: Path, platform: str, wrapper: list[str] | None = None) -> str:
    exe = bundle / f"faedah-gui{EXE_SUFFIX}"
    env = _env(tmp, QT_QPA_PLATFORM=platform, QUIT_AFTER_SHOW="1")
    start = time.perf_counter()
    proc = _run([*(wrapper or []), str(exe)], env, tmp)
    took = time.perf_counter() - start
    _expect_ok(proc, f"GUI ({platform})")
    if "could not load the qt platform plugin" in proc.stderr.lower():
        raise Failure(f"GUI ({platform}): {proc.stderr[-1000:]}")
    crash_logs = list((tmp / "data").rglob("*.log")) if (tmp / "data").exists() else []
    if any("Traceback" in p.read_text(errors="replace") for p in crash_logs):
        raise Failure(f"GUI ({platform}) wrote a crash log: {crash_logs}")
    return f"GUI shows its window and quits ({platform}, {took:.2f} s)"


def check_cli(bundle: Path, tmp: Path) -> str:
    exe = str(bundle / f"faedah{EXE_SUFFIX}")
    env = _env(tmp)
    proc = _run([exe, "estimate", str(SAMPLE), "--json"], env, tmp)
    _expect_ok(proc, "faedah estimate --json")
    try:
        data = json.loads(proc.stdout)
    except ValueError as exc:
        raise Failure(f"faedah estimate --json printed no JSON: {proc.stdout[:300]!r}") from exc
    if not isinstance(data, dict) or "benefits" not in data:
        raise Failure("the JSON result has no 'benefits'")
    origin = (data.get("rules") or {}).get("origin")
    if origin != "bundled":
        raise Failure(f"expected the bundled rule pack, got origin {origin!r}")

    pdf = tmp / "out.pdf"
    proc = _run([exe, "estimate", str(SAMPLE), "--pdf", str(pdf), "--lang", "both"], env, tmp)
    _expect_ok(proc, "faedah estimate --pdf")
    head = pdf.read_bytes()[:5] if pdf.exists() else b""
    if head != b"%PDF-":
        raise Failure(f"the PDF was not written (starts with {head!r})")
    fonts = ""
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        if "DejaVuSans" not in listing:
            raise Failure("the PDF does not embed the bundled DejaVu fonts:\n" + listing)
        fonts = ", DejaVu embedded"
    return f"CLI estimate ok ({len(data['benefits'])} benefits), PDF {pdf.stat().st_size} bytes{fonts}"


def check_bad_input(bundle: Path, tmp: Path) -> str:
    exe = str(bundle / f"faedah{EXE_SUFFIX}")
    bad = tmp / "bad.json"
    bad.write_text('{"format": "faedah-case", "version": 1, "event_date": "not a date"}', encoding="utf-8")
    for args in (["estimate", str(tmp / "missing.json")], ["estimate", str(bad)]):
        proc = _run([exe, *args], _env(tmp), tmp)
        if proc.returncode == 0 or not proc.stderr.strip():
            raise Failure(f"faedah {' '.join(args)}: expected a message and a non-zero exit code")
    return "bad input: a message and a non-zero exit code, no traceback"


def check_batch(bundle: Path, tmp: Path) -> str:
    """More than one chunk of 200 cases: the frozen CLI starts worker processes (multiprocessing kept in the
    bundle, ``freeze_support()`` in its entry point)."""
    exe = str(bundle / f"faedah{EXE_SUFFIX}")
    cases = tmp / "cases"
    cases.mkdir()
    data = SAMPLE.read_bytes()
    count = 201
    for n in range(count):
        (cases / f"case{n:03}.json").write_bytes(data)
    out = tmp / "batch.csv"
    proc = _run([exe, "estimate", "--batch", str(cases), "--csv", str(out)], _env(tmp), tmp)
    _expect_ok(proc, "faedah estimate --batch")
    rows = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    if len(rows) != count + 1:
        raise Failure(f"--batch over {count} cases wrote {len(rows)} lines:\n{proc.stderr[-1000:]}")
    return f"--batch over {count} cases (worker processes): {count} rows"


def _rules_line(bundle: Path, tmp: Path) -> tuple[str, dict[str, str]]:
    exe = str(bundle / f"faedah{EXE_SUFFIX}")
    proc = _run([exe, "estimate", str(SAMPLE), "--json"], _env(tmp), tmp)
    _expect_ok(proc, "faedah estimate (office override)")
    rules = json.loads(proc.stdout).get("rules") or {}
    info = _run([exe, "rules"], _env(tmp), tmp)
    _expect_ok(info, "faedah rules")
    return info.stdout, rules


def check_office_overrides(bundle: Path, tmp: Path) -> str:
    office_rules = bundle / "rules"
    office_comm = bundle / "commutation.json"
    if office_rules.exists() or office_comm.exists():
        return "office overrides: skipped (the bundle already has rules/ or commutation.json beside it)"
    bundled = bundle / "_internal" / "resources" / "rules"
    try:
        # 1. a valid office pack (a copy of the bundled one under a new version) is used
        shutil.copytree(bundled, office_rules)
        manifest = json.loads((office_rules / "manifest.json").read_text(encoding="utf-8"))
        manifest["version"] = "9999.1.1-office"
        (office_rules / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        text, rules = _rules_line(bundle, tmp)
        if rules.get("origin") != "office" or rules.get("version") != "9999.1.1-office":
            raise Failure(f"office rule pack beside the executable not used: {rules}")
        if "office" not in text:
            raise Failure(f"`faedah rules` does not say the office pack is in force:\n{text}")
        # 2. a damaged office pack is refused with a notice, and the last accepted office pack (kept in the
        #    user data folder when it was accepted) stays in force
        (office_rules / "manifest.json").write_text("{ not json", encoding="utf-8")
        text, rules = _rules_line(bundle, tmp)
        if (
            rules.get("origin") != ACCEPTED_ORIGIN
            or rules.get("version") != "9999.1.1-office"
            or "refused" not in text
        ):
            raise Failure(f"a damaged office pack was not refused for the last accepted one: {rules}\n{text}")
        # 3. without a kept copy (a new user), the bundled pack is in force again
        shutil.rmtree(office_rules)
        shutil.rmtree(tmp / "data", ignore_errors=True)
        if _rules_line(bundle, tmp)[1].get("origin") != "bundled":
            raise Failure("the bundled rule pack is not in force once the office pack and its copy are gone")
        # 4. an office commutation table beside the executable is applied (it changes the pack's hash)
        before = _rules_line(bundle, tmp)[1].get("sha256")
        comm = next(iter(sorted(bundled.glob("commutation*.json"))), None)
        if comm is None:
            return "office rule pack ok; commutation: skipped (no bundled commutation table to copy)"
        shutil.copyfile(comm, office_comm)
        text, rules = _rules_line(bundle, tmp)
        if rules.get("sha256") == before or "refused" in text:
            raise Failure(f"office commutation.json beside the executable not applied:\n{text}")
    finally:
        shutil.rmtree(office_rules, ignore_errors=True)
        if office_comm.exists():
            office_comm.unlink()
    return (
        "office rules/ and commutation.json beside the executable: used; a damaged pack: refused, "
        "the last accepted one stays in force"
    )


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "faedah").resolve()
    if not bundle.is_dir():
        print(f"smoke: no bundle at {bundle} (run packaging/build first)", file=sys.stderr)
        return 2
    checks: list[tuple[str, Callable[[Path], str]]] = [
        ("layout", lambda t: check_layout(bundle)),
        ("gui offscreen", lambda t: check_gui(bundle, t, "offscreen")),
    ]
    if sys.platform.startswith("linux") and shutil.which("xvfb-run"):
        checks.append(("gui xcb", lambda t: check_gui(bundle, t, "xcb", ["xvfb-run", "-a"])))
    checks += [
        ("cli", lambda t: check_cli(bundle, t)),
        ("bad input", lambda t: check_bad_input(bundle, t)),
        ("office overrides", lambda t: check_office_overrides(bundle, t)),
        ("batch", lambda t: check_batch(bundle, t)),
    ]
    failed = 0
    for name, check in checks:
        with tempfile.TemporaryDirectory(prefix="faedah-smoke-") as tmp:
            try:
                msg = check(Path(tmp))
                print(f"  ok    {name}: {msg}")
            except Failure as exc:
                failed += 1
                print(f"  FAIL  {name}: {exc}")
    print("smoke: " + ("all checks passed" if not failed else f"{failed} check(s) failed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
