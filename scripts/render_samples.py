"""Render the sample cases' PDF summaries and their pages as PNG (pdftoppm) into docs/samples/.

    python3 scripts/render_samples.py [--out docs/samples] [--dpi 80] [--keep-pdf]

What is written: pages 1 and 2 of every sample in English, Bahasa Malaysia and both languages, and in large
print in English and Bahasa Malaysia (``-large``): the claimant's part (the answer, what to do next, how it is
paid, what to tell PERKESO, if you disagree); the office's part starts on page 2 or 3.  The date prepared is
05/01/2026, so deadlines before it read as passed.  PNGs are reduced
to a 256-colour palette (Pillow, when installed) to keep the repository small.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from estimator import estimate, parse_case  # noqa: E402
from estimator.render.pdf import write_pdf  # noqa: E402

OFFICE = "PERKESO Pejabat Kuala Lumpur"
ADDRESS = "Menara PERKESO, 281 Jalan Ampang\n50538 Kuala Lumpur"
ON = date(2026, 1, 5)
LANGS = ("en", "ms", "both")
EDITIONS = [*((lang, False) for lang in LANGS), ("en", True), ("ms", True)]  # and large print in en and ms


def _shrink(png: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as im:
        small = im.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(png, optimize=True)


def render(pdf: Path, out_dir: Path, stem: str, dpi: int, pages: tuple[int, int] | None) -> list[Path]:
    args = ["pdftoppm", "-png", "-r", str(dpi)]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[1])]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*args, str(pdf), str(Path(tmp) / stem)], check=True)
        made = []
        for png in sorted(Path(tmp).glob("*.png")):
            number = int(png.stem.rsplit("-", 1)[1])
            target = out_dir / f"{stem}-p{number}.png"
            shutil.move(str(png), target)
            _shrink(target)
            made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--keep-pdf", action="store_true", help="also keep the PDFs beside the PNGs")
    opts = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 2
    opts.out.mkdir(parents=True, exist_ok=True)
    stems = [sample.stem for sample in (ROOT / "samples").glob("*.json")]
    for old in opts.out.glob("*.png"):
        if any(old.name.startswith(f"{stem}-") for stem in stems):  # other pictures (compare) are kept
            old.unlink()
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for sample in sorted((ROOT / "samples").glob("*.json")):
            case = parse_case(json.loads(sample.read_text(encoding="utf-8")))
            result = estimate(case)
            for lang, large in EDITIONS:
                stem = f"{sample.stem}-{lang}" + ("-large" if large else "")
                pdf = Path(tmp) / f"{stem}.pdf"
                write_pdf(
                    result,
                    case,
                    pdf,
                    lang=lang,
                    office_name=OFFICE,
                    office_address=ADDRESS,
                    generated_on=ON,
                    large_print=large,
                )
                made += render(pdf, opts.out, stem, opts.dpi, (1, 2))
                if opts.keep_pdf:
                    shutil.copy(pdf, opts.out / pdf.name)
    for path in made:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
