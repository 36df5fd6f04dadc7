"""Read text back from a rendered page by matching character cells against the built-in font."""

from __future__ import annotations

from PIL import Image, ImageOps

from sigmakkt_emulator.printer.canvas import TextBox
from sigmakkt_emulator.printer.font import builtin_fonts, glyph_mask


def cell_candidates(page: Image.Image, box: TextBox, index: int) -> set[str]:
    """Characters whose glyph equals the pixels of cell ``index`` of ``box``."""
    x = box.x + index * box.cell_width
    top = box.top + 0  # characters sit at the top of a line's strip when all cells are equal
    crop = page.crop((x, top, x + box.cell_width, top + box.cell_height)).convert("1")
    # page: 0 = ink; masks: 1 = ink
    ink = ImageOps.invert(crop.convert("L")).convert("1", dither=Image.Dither.NONE).tobytes()
    font = builtin_fonts()[box.font]
    found = set()
    for ch in font.bitmaps:
        mask = glyph_mask(box.font, ch, 1, 1, box.bold)
        if mask.tobytes() == ink:
            found.add(ch)
    return found


def read_line(page: Image.Image, box: TextBox) -> list[set[str]]:
    """Candidate sets for every cell of a uniform, unscaled text line."""
    assert box.uniform
    return [cell_candidates(page, box, i) for i in range(len(box.text))]


def reads_as(page: Image.Image, box: TextBox, expected: str) -> bool:
    """Whether every cell of ``box`` on ``page`` shows the glyph of ``expected``'s character."""
    cells = read_line(page, box)
    return len(cells) == len(expected) and all(
        ch in cands for ch, cands in zip(expected, cells, strict=True))
