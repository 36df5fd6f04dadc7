"""Geometry of the CAPD245 print profile (58 mm paper, 48 mm printable, 203 dpi).

Numbers from ``reference/printer.md`` §1: 384 dots a line ([C], 48 mm × 8 dots/mm), 0.125 mm dot
pitch both ways, about 100 mm/s (3200 pps ÷ 4 half-steps × 0.125 mm, EUTRON firmware tables),
Font A 12×24 (32 characters a line) and Font B 9×17 (42 characters a line, 378 dots used).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Printable dots per line.
DOTS_PER_LINE: Final = 384
#: Bytes per raster row (GS v 0 ``x`` for a full-width image).
BYTES_PER_LINE: Final = DOTS_PER_LINE // 8
#: Dots per millimetre (203 dpi).
DOTS_PER_MM: Final = 8
#: Paper advance per dot row, in millimetres.
MM_PER_ROW: Final = 0.125
#: Printable width in millimetres.
PRINT_WIDTH_MM: Final = 48
#: Paper width in millimetres.
PAPER_WIDTH_MM: Final = 58
#: Nominal print speed in mm/s.
SPEED_MM_S: Final = 100
#: Nominal print speed in dot rows per second.
ROWS_PER_S: Final = SPEED_MM_S * DOTS_PER_MM
#: Default line spacing set by ``ESC 2`` / ``ESC @`` on 203-dpi firmware: 24 dots + 6 dots gap.
#: printer.md marks it [U exact]; settled from the BIXOLON SPP-R300 and Zebra ZQ110 (203 dpi)
#: command manuals: "default line spacing is approximately 3.75 mm, equivalent to 30 dots".
DEFAULT_LINE_SPACING: Final = 30
#: Minimum QR side required on fiscal receipts since 1 Sep 2025 (FNS order ЕД-7-20/236@): 20 mm.
MIN_QR_SIDE_DOTS: Final = 20 * DOTS_PER_MM


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """A character cell: ``width`` × ``height`` dots and how many fit on a 384-dot line."""

    name: str
    width: int
    height: int

    @property
    def columns(self) -> int:
        """Characters per line at normal width."""
        return DOTS_PER_LINE // self.width


FONT_A: Final = FontMetrics("A", 12, 24)
FONT_B: Final = FontMetrics("B", 9, 17)
FONTS: Final = (FONT_A, FONT_B)


def rows_to_mm(rows: int) -> float:
    """Paper length of ``rows`` dot rows, in millimetres."""
    return rows * MM_PER_ROW


def mm_to_rows(mm: float) -> int:
    """Dot rows in ``mm`` millimetres of paper (rounded to the nearest row)."""
    return round(mm * DOTS_PER_MM)
