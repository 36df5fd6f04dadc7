"""The paper as a 1-bit picture 384 dots wide, growing downward; one page per cut.

A page is a list of strips (Pillow mode "1" images where 255 = ink) and blank runs (an int of
rows, so feeds cost no memory). :meth:`Canvas.image` composes the page black-on-white. The
``render_*`` functions turn interpreter events into strips.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from sigmakkt.protocol.escpos.profile import DOTS_PER_LINE
from sigmakkt_emulator.printer.barcodes import modules_for
from sigmakkt_emulator.printer.events import Area, BarcodeEvent, QRCode, Raster, TextLine
from sigmakkt_emulator.printer.font import builtin_fonts, glyph_mask


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where a printed text line sits on its page: top row, first cell x, cell size."""

    text: str
    top: int
    x: int
    cell_width: int
    cell_height: int
    font: int
    bold: bool
    uniform: bool  # every character has the same font and size (so cells are a regular grid)


class Canvas:
    """One page being printed."""

    def __init__(self, width: int = DOTS_PER_LINE) -> None:
        self.width = width
        self._parts: list[Image.Image | int] = []
        self.height = 0

    def add(self, strip: Image.Image | int) -> int:
        """Append a strip (or ``int`` blank rows); return the top row it starts at."""
        top = self.height
        if isinstance(strip, int):
            if strip > 0:
                if self._parts and isinstance(self._parts[-1], int):
                    self._parts[-1] += strip
                else:
                    self._parts.append(strip)
                self.height += strip
        elif strip.height > 0:
            self._parts.append(strip)
            self.height += strip.height
        return top

    def image(self) -> Image.Image:
        """The page as a mode "1" image, black ink on white, ``width`` × ``height``."""
        page = Image.new("1", (self.width, max(1, self.height)), 1)
        y = 0
        for part in self._parts:
            if isinstance(part, int):
                y += part
                continue
            page.paste(0, (0, y), part)  # the strip is the mask: ink -> black
            y += part.height
        return page


def render_text(line: TextLine) -> tuple[Image.Image, TextBox]:
    """Draw a text line: characters bottom-aligned on the tallest one; strip = ``line.rows``."""
    fonts = builtin_fonts()
    height = line.height
    strip = Image.new("1", (DOTS_PER_LINE, line.rows), 0)
    widths = [fonts[c.font].width * c.scale_w for c in line.chars]
    x = line.area.x_for(sum(widths))
    x0 = x
    for c, w in zip(line.chars, widths, strict=True):
        if x + w > DOTS_PER_LINE:
            break
        h = fonts[c.font].height * c.scale_h
        y = height - h
        mask = glyph_mask(c.font, c.ch, c.scale_w, c.scale_h, c.bold)
        if c.invert:
            strip.paste(1, (x, y, x + w, y + h))
            strip.paste(0, (x, y), mask)
        else:
            strip.paste(1, (x, y), mask)
        if c.underline:
            strip.paste(0 if c.invert else 1, (x, height - c.underline, x + w, height))
        x += w
    first = line.chars[0]
    uniform = all((c.font, c.scale_w, c.scale_h) == (first.font, first.scale_w, first.scale_h)
                  for c in line.chars)
    box = TextBox("".join(c.ch for c in line.chars).rstrip(), 0, x0, widths[0],
                  fonts[first.font].height * first.scale_h, first.font, first.bold, uniform)
    return strip, box


def render_raster(event: Raster) -> Image.Image:
    """GS v 0 / ESC * / GS ( L data as a strip (clipped to the line)."""
    img = Image.frombytes("1", (event.width_bytes * 8, event.height), event.data)
    if event.scale_w != 1 or event.scale_h != 1:
        img = img.resize((img.width * event.scale_w, img.height * event.scale_h),
                         Image.Resampling.NEAREST)
    return _place(img, event.area)


def render_qr(event: QRCode) -> Image.Image:
    """Rebuild the symbol from the GS ( k data with segno at the commanded module size."""
    import segno

    try:
        content: str | bytes = event.data.decode("utf-8")
    except UnicodeDecodeError:
        content = event.data
    symbol = segno.make_qr(content, error=event.level, boost_error=False)
    rows = [bytes(1 if v else 0 for v in row) for row in symbol.matrix]
    n = len(rows)
    img = Image.frombytes("1", (n, n), b"".join(_pack(r) for r in rows))
    img = img.resize((n * event.module, n * event.module), Image.Resampling.NEAREST)
    return _place(img, event.area)


def render_barcode(event: BarcodeEvent) -> Image.Image:
    """Draw bars ``module`` dots each, ``height`` rows, with the HRI text above/below."""
    pattern, text = modules_for(event.kind, event.data)
    width = len(pattern) * event.module
    if width > DOTS_PER_LINE:
        raise ValueError(f"barcode is {width} dots wide; the line has {DOTS_PER_LINE}")
    bars = Image.frombytes("1", (len(pattern), 1),
                           _pack(bytes(1 if ch == "1" else 0 for ch in pattern)))
    bars = bars.resize((width, event.height), Image.Resampling.NEAREST)
    hri_h = builtin_fonts()[0].height
    top = hri_h if event.hri in (1, 3) else 0
    total = event.height + top + (hri_h if event.hri in (2, 3) else 0)
    img = Image.new("1", (width, total), 0)
    img.paste(bars, (0, top))
    if event.hri:
        label = _text_strip(text[: max(1, width // 12)])
        lx = max(0, (width - label.width) // 2)
        if event.hri in (1, 3):
            img.paste(label, (lx, 0))
        if event.hri in (2, 3):
            img.paste(label, (lx, top + event.height))
    return _place(img, event.area)


def render_logo(data: bytes, width_bytes: int, height: int, scale: int, area: Area) -> Image.Image:
    """A stored logo at FS p scale m (bit 0 double width, bit 1 double height)."""
    return render_raster(Raster(data, width_bytes, height, 2 if scale & 1 else 1,
                                2 if scale & 2 else 1, area))


def _text_strip(text: str) -> Image.Image:
    font = builtin_fonts()[0]
    img = Image.new("1", (max(1, len(text) * font.width), font.height), 0)
    for i, ch in enumerate(text):
        img.paste(1, (i * font.width, 0), glyph_mask(0, ch))
    return img


def _place(img: Image.Image, area: Area) -> Image.Image:
    """Put an item on a full-width strip at the area's alignment (clipped to 384 dots)."""
    strip = Image.new("1", (DOTS_PER_LINE, img.height), 0)
    strip.paste(img, (area.x_for(img.width), 0))
    return strip


def _pack(bits: bytes) -> bytes:
    """One 0/1 byte per dot -> packed MSB-first bits (mode "1" raw), padded to a byte."""
    out = bytearray()
    for i in range(0, len(bits), 8):
        chunk = bits[i:i + 8]
        value = 0
        for b in chunk:
            value = value << 1 | b
        out.append(value << (8 - len(chunk)))
    return bytes(out)
