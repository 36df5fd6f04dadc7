"""Render a :class:`~sigmakkt.register.lines.Layout` as ESC/POS with the protocol tier's builder.

Text lines map to ESC a (alignment), ESC E (bold) and GS ! (double width/height); a separator is
a full line of its character; a QR line is GS ( k sized so that its side is at least the line's
``size_mm`` (8 dots per mm); a feed line is ESC d. The builder keeps track of the rows each
piece takes, which the printer client uses to tell how much of a document reached the paper.
"""

from __future__ import annotations

from sigmakkt.protocol.escpos import Align as EscAlign
from sigmakkt.protocol.escpos import EscPos
from sigmakkt.register.lines import Align, Layout, QRLine, Separator, TextLine

#: Dots per millimetre of the CAPD245 head (printer reference: 384 dots on 48 mm).
DOTS_PER_MM = 8

_ALIGN = {Align.LEFT: EscAlign.LEFT, Align.CENTER: EscAlign.CENTER, Align.RIGHT: EscAlign.RIGHT}


#: Lowercase letters of Font A (12×24) are 11 dots = 1.4 mm high on the emulated CAPD245 font
#: (the printer helper measured it); the FNS order of 26.03.2025 № ЕД-7-20/236@ (in force from
#: 1 Sep 2025, as reported by buhgalteria.ru and klerk.ru) asks for lowercase letters of at
#: least 2 mm (16 dots) on paper fiscal documents, so legible text doubles the height: 22 dots
#: = 2.75 mm, with the normal 32 characters a line.
LEGIBLE_TEXT = True


def render_escpos(layout: Layout, *, builder: EscPos | None = None, cut: bool = True,
                  legible: bool = LEGIBLE_TEXT) -> EscPos:
    """Append ``layout`` to ``builder`` (a fresh, initialised one by default) and return it.

    ``legible`` prints every text line at double height so lowercase letters are at least
    2 mm high, as the tax service requires for paper fiscal documents (see
    :data:`LEGIBLE_TEXT`); pass False for compact non-fiscal slips.
    """
    out = EscPos() if builder is None else builder
    for line in layout.lines:
        if isinstance(line, TextLine):
            tall = line.double_height or legible
            styled = line.bold or line.double_width or tall
            out.align(_ALIGN[line.align])
            if styled:
                out.bold(line.bold).double(width=line.double_width, height=tall)
            out.line(line.text)
            if styled:
                out.normal()
        elif isinstance(line, Separator):
            out.align(EscAlign.LEFT).line(line.char * layout.width)
        elif isinstance(line, QRLine):
            out.align(EscAlign.CENTER).qr(line.data, min_side=round(line.size_mm * DOTS_PER_MM))
        else:
            out.feed(line.count)
    out.align(EscAlign.LEFT)
    if cut:
        out.cut()
    return out
