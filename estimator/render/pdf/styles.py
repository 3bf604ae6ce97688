"""Paragraph and table styles of the summary (one look for every section)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from estimator.render.pdf.fonts import BOLD, REGULAR, register_fonts

NAVY = colors.HexColor("#1f3a5f")
INK = colors.HexColor("#1c2430")
GREY = colors.HexColor("#5f6b7a")
LIGHT = colors.HexColor("#eef2f7")
ZEBRA = colors.HexColor("#f6f8fb")
GRID = colors.HexColor("#c9d2dc")
AMBER_BG = colors.HexColor("#fff6e0")
AMBER_LINE = colors.HexColor("#d9a400")
RED = colors.HexColor("#b42318")
RED_BG = colors.HexColor("#fdecea")
GREEN = colors.HexColor("#1e7b4a")

DAGGER = '<font color="#b42318"><b>\u2020</b></font>'


@dataclass(frozen=True)
class ClaimantSizes:
    """The type sizes of the claimant's pages (points): clear print asks 12 pt or more for what a claimant reads."""

    body: float  # every sentence, label and value (the other language too, in "both")
    answer: float  # the answer's lines: the amounts, from when, until when
    detail: (
        float  # a payee's period under its answer line ("– RM1,600.80 a month from ..."): clear print's 12 pt
    )
    heading: float  # "Your answer", "What to do next"
    title: float  # a benefit's name over its answer


NORMAL_PRINT = ClaimantSizes(body=11, answer=14, detail=12, heading=16, title=14)
LARGE_PRINT = ClaimantSizes(body=14, answer=16, detail=15, heading=19, title=16)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    title: ParagraphStyle
    office: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_b: ParagraphStyle
    cell_r: ParagraphStyle
    cell_rb: ParagraphStyle
    head: ParagraphStyle
    head_r: ParagraphStyle
    label: ParagraphStyle
    banner: ParagraphStyle
    mono: ParagraphStyle


_cache: Styles | None = None


def styles() -> Styles:
    global _cache
    if _cache is not None:
        return _cache
    register_fonts()

    def ps(
        name: str,
        size: float = 8.5,
        leading: float | None = None,
        font: str = REGULAR,
        color: colors.Color = INK,
        align: int = TA_LEFT,
        **kw: object,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=leading or size * 1.3,
            textColor=color,
            alignment=align,
            **kw,
        )

    _cache = Styles(
        body=ps("body", 8.5, 11.5, spaceAfter=3),
        small=ps("small", 7.5, 9.8, color=GREY, spaceAfter=2),
        tiny=ps("tiny", 6.8, 8.6, color=GREY),
        title=ps("title", 16, 19, font=BOLD, color=NAVY, align=TA_RIGHT),
        office=ps("office", 8.5, 11, color=INK),
        h2=ps("h2", 11.5, 14.5, font=BOLD, color=NAVY, spaceBefore=9, spaceAfter=2, keepWithNext=1),
        h3=ps("h3", 9.5, 12.5, font=BOLD, color=NAVY, spaceBefore=7, spaceAfter=3, keepWithNext=1),
        cell=ps("cell", 8, 10.2),
        cell_b=ps("cell_b", 8, 10.2, font=BOLD),
        cell_r=ps("cell_r", 8, 10.2, align=TA_RIGHT),
        cell_rb=ps("cell_rb", 8.5, 10.8, font=BOLD, align=TA_RIGHT),
        head=ps("head", 7.5, 9.4, font=BOLD, color=colors.white),
        head_r=ps("head_r", 7.5, 9.4, font=BOLD, color=colors.white, align=TA_RIGHT),
        label=ps("label", 7.8, 9.8, color=GREY),
        banner=ps("banner", 8.5, 11, font=BOLD, color=colors.HexColor("#7a4b00")),
        mono=ps("mono", 7.2, 9.2, color=INK),
    )
    return _cache


# lines, box and padding shared by every table of the summary
_BASE_GRID: tuple[tuple[object, ...], ...] = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.35, GRID),
    ("BOX", (0, 0), (-1, -1), 0.6, GRID),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
)


def grid_table(header_rows: int = 1, zebra: bool = True) -> list[tuple[object, ...]]:
    cmds: list[tuple[object, ...]] = list(_BASE_GRID)
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), NAVY),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return cmds


def banner_style() -> TableStyle:
    """The amber "estimate, not PERKESO's decision" banner of every paper (summary and comparison)."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), AMBER_BG),
            ("LINEBEFORE", (0, 0), (0, -1), 3, AMBER_LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ]
    )


def kv_table_style(columns: int = 2) -> TableStyle:
    cmds: list[tuple[object, ...]] = list(_BASE_GRID)
    for c in range(0, columns, 2):
        cmds.append(("BACKGROUND", (c, 0), (c, -1), LIGHT))
    return TableStyle(cmds)
