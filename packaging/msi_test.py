"""Test the Faedah MSI under Wine (called by packaging/build-windows; standard library, runs on the Linux host).

    python3 packaging/msi_test.py --wine WINE --python PYTHON_EXE --out WORK_FOLDER faedah-X.msi dist-windows/faedah

1. an MSI of the previous version (the same folder, version 0.0.1, plus a file the new version no longer has)
   installs silently per user (``msiexec /i ... /qn``, no administrator) into %LOCALAPPDATA%\\Programs\\Faedah;
2. the user keeps a case in Documents and the app's data folder has content;
3. the new MSI upgrades it silently: exactly the new folder's files are installed (the old file is gone);
4. the installed CLI estimates the user's case (``faedah.exe estimate ... --json``) and says its version;
5. packaging/smoke_test.py passes on the installed folder, run by the Windows Python (the GUI shows its window
   and quits offscreen, the CLI writes a PDF, bad input, office overrides, a batch in worker processes);
6. the uninstall (``msiexec /x ... /qn``) removes every installed file and the Start menu shortcut, and keeps
   the user's case and the data folder.
One line per check; exit code 1 when one fails.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import msi  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tdb_work_accident.json"
STALE = "_internal/left-by-the-previous-version.txt"


class Failure(Exception):
    pass


def _win(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix().lower() for p in folder.rglob("*") if p.is_file()}


class Wine:
    def __init__(self, wine: str, out: Path) -> None:
        self.wine = wine
        self.out = out
        prefix = Path(os.environ.get("WINEPREFIX", Path.home() / ".wine"))
        self.profile = prefix / "drive_c" / "users" / getpass.getuser()
        self.installed = self.profile / "AppData" / "Local" / "Programs" / "Faedah"
        self.shortcut = (
            self.profile / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        )
        self.shortcut = self.shortcut / "Faedah.lnk"

    def run(self, args: list[str], timeout: int = 600, **env: str) -> subprocess.CompletedProcess[str]:
        """Run under Wine, output piped (Wine's Python cannot open its streams on a regular file); a process
        Wine starts on the side (explorer.exe) may keep the pipe open: its process group is ended."""
        with tempfile.TemporaryFile() as sink:
            proc = subprocess.Popen(
                [self.wine, *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env={**os.environ, **env},
                start_new_session=True,
            )
            reader = threading.Thread(target=shutil.copyfileobj, args=(proc.stdout, sink), daemon=True)
            reader.start()
            try:
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                code = -1
            reader.join(timeout=10)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            reader.join(timeout=5)
            sink.seek(0)
            out = sink.read().decode("utf-8", "replace")
        if code == -1:
            out += f"\n[no end after {timeout} s]"
        return subprocess.CompletedProcess(args, code, out, "")

    def msiexec(self, action: str, package: Path, log: str) -> None:
        proc = self.run(["msiexec", action, _win(package), "/qn", "/l*", _win(self.out / log)])
        if proc.returncode != 0:
            raise Failure(f"msiexec {action} {package.name}: exit {proc.returncode} (log: {self.out / log})")


def previous_msi(dist: Path, out: Path) -> Path:
    """An MSI of 'the previous version': this folder under version 0.0.1 with one more file."""
    old = out / "previous" / "faedah"
    shutil.rmtree(old.parent, ignore_errors=True)
    old.parent.mkdir(parents=True)
    shutil.copytree(dist, old, copy_function=os.link)
    (old / STALE).write_text("an old file\n", encoding="utf-8")
    wxs = out / "previous" / "previous.wxs"
    wxs.write_text(msi.wxs(old, "0.0.1"), encoding="utf-8")
    subprocess.run(
        ["wixl", "-a", "x64", "-o", "faedah-0.0.1.msi", str(wxs.resolve())], cwd=old.parent, check=True
    )
    return old.parent / "faedah-0.0.1.msi"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wine", required=True)
    parser.add_argument("--python", required=True, help="the Windows python.exe that runs the smoke test")
    parser.add_argument(
        "--out", required=True, help="a work folder (the previous version's MSI, msiexec logs)"
    )
    parser.add_argument("msi")
    parser.add_argument("dist")
    args = parser.parse_args(argv)
    out, package, dist = Path(args.out), Path(args.msi), Path(args.dist)
    wine = Wine(args.wine, out)
    case_dir = wine.profile / "Documents" / "Faedah"
    data_dir = wine.profile / "AppData" / "Local" / "Faedah"
    # a clean start: no Faedah installed (a former run's left-overs removed)
    for stale in (package, out / "previous" / "faedah-0.0.1.msi"):
        if stale.exists():
            wine.run(["msiexec", "/x", _win(stale), "/qn"])
    shutil.rmtree(wine.installed, ignore_errors=True)
    checks: list[tuple[str, str]] = []
    failed = 0

    def check(name: str, step: object) -> None:
        nonlocal failed
        try:
            checks.append((name, str(step() if callable(step) else step)))
            print(f"  ok    {name}: {checks[-1][1]}", flush=True)
        except (Failure, OSError, subprocess.SubprocessError, ValueError) as exc:
            failed += 1
            print(f"  FAIL  {name}: {exc}", flush=True)

    def install_previous() -> str:
        wine.msiexec("/i", previous_msi(dist, out), "install-previous.log")
        if not (wine.installed / STALE).is_file() or not (wine.installed / "faedah.exe").is_file():
            raise Failure(f"the previous version is not in {wine.installed}")
        case_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLE, case_dir / "my-case.json")
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "kept.txt").write_text("user data\n", encoding="utf-8")
        return f"silent per-user install into {wine.installed.relative_to(wine.profile)}"

    def upgrade() -> str:
        wine.msiexec("/i", package, "upgrade.log")
        have, want = _files(wine.installed), _files(dist)
        if have != want:
            extra, missing = sorted(have - want)[:5], sorted(want - have)[:5]
            raise Failure(f"installed files differ from the folder: extra {extra}, missing {missing}")
        return f"exactly the new folder's {len(want)} files (the previous version's extra file is gone)"

    def cli() -> str:
        proc = wine.run(
            [str(wine.installed / "faedah.exe"), "estimate", _win(case_dir / "my-case.json"), "--json"]
        )
        if proc.returncode != 0:
            raise Failure(f"exit {proc.returncode}: {proc.stdout[-800:]}")
        data = json.loads(proc.stdout[proc.stdout.index("{") :])
        version = wine.run([str(wine.installed / "faedah.exe"), "--version"]).stdout.strip()
        return f"{len(data['benefits'])} benefits estimated; {version}"

    def smoke() -> str:
        proc = wine.run(
            [args.python, str(ROOT / "packaging" / "smoke_test.py"), str(wine.installed)], timeout=900
        )
        if proc.returncode != 0 or "smoke: all checks passed" not in proc.stdout:  # a Wine crash can exit 0
            raise Failure(f"exit {proc.returncode}:\n{proc.stdout[-2000:]}")
        passed = sum(line.startswith("  ok") for line in proc.stdout.splitlines())
        return f"{passed} smoke checks passed on the installed folder (GUI offscreen, CLI, PDF, batch, ...)"

    def uninstall() -> str:
        wine.msiexec("/x", package, "uninstall.log")
        left = _files(wine.installed) if wine.installed.exists() else set()
        if left:
            raise Failure(f"files left after the uninstall: {sorted(left)[:5]}")
        if wine.shortcut.exists():
            raise Failure(f"the Start menu shortcut is left: {wine.shortcut}")
        if not (case_dir / "my-case.json").is_file() or not (data_dir / "kept.txt").is_file():
            raise Failure("the user's case or data folder was removed")
        return "every installed file and the shortcut removed; the user's case and data folder kept"

    check("install (previous version)", install_previous)
    if not failed:
        check("upgrade", upgrade)
        check("installed CLI", cli)
        check("smoke test of the installed folder", smoke)
        check("uninstall", uninstall)
    print("installer: " + ("all checks passed" if not failed else f"{failed} check(s) failed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
