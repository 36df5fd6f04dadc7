"""The emulated printer's built-in bitmap font (no system fonts at run time).

``glyphs.bin`` (zlib) is made once by ``tools/make_printer_font.py`` from DejaVu Sans Mono
(licence in ``glyphs-LICENSE.txt``). Layout after decompression: ``b"SKF1"``, u8 font count,
u16 glyph count N, N × u32 code points (sorted), then per font: u8 cell width, u8 cell height and
N glyph bitmaps of ``height × ceil(width / 8)`` bytes (rows top-down, MSB = leftmost dot,
1 = ink). Font 0 is Font A (12×24), font 1 Font B (9×17). The set covers every printable
character of PC437, PC866 (all 33 Russian letters in both cases, ``№``) and WPC1251.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from PIL import Image

from sigmakkt.errors import DecodeError

MAGIC = b"SKF1"


@dataclass(frozen=True, slots=True)
class BitmapFont:
    """One cell size: ``width`` × ``height`` dots, bitmaps keyed by character."""

    width: int
    height: int
    bitmaps: dict[str, bytes]

    @property
    def row_bytes(self) -> int:
        """Bytes per bitmap row."""
        return (self.width + 7) // 8

    def bitmap(self, ch: str) -> bytes:
        """The glyph bits of ``ch`` (``?`` if the font lacks it)."""
        found = self.bitmaps.get(ch)
        return found if found is not None else self.bitmaps["?"]

    def has(self, ch: str) -> bool:
        """Whether ``ch`` has its own glyph."""
        return ch in self.bitmaps


def parse_fonts(blob: bytes) -> tuple[BitmapFont, ...]:
    """Decode the ``glyphs.bin`` layout (already decompressed)."""
    if blob[:4] != MAGIC:
        raise DecodeError("not a sigmakkt printer font")
    count, n = struct.unpack_from("<BH", blob, 4)
    codepoints = struct.unpack_from(f"<{n}I", blob, 7)
    off = 7 + 4 * n
    fonts = []
    for _ in range(count):
        width, height = blob[off], blob[off + 1]
        off += 2
        size = height * ((width + 7) // 8)
        bitmaps = {chr(cp): blob[off + i * size: off + (i + 1) * size]
                   for i, cp in enumerate(codepoints)}
        off += n * size
        fonts.append(BitmapFont(width, height, bitmaps))
    return tuple(fonts)


@lru_cache(maxsize=1)
def builtin_fonts() -> tuple[BitmapFont, ...]:
    """Font A and Font B from the shipped ``glyphs.bin``."""
    data = resources.files(__package__).joinpath("glyphs.bin").read_bytes()
    return parse_fonts(zlib.decompress(data))


@lru_cache(maxsize=4096)
def glyph_mask(font_index: int, ch: str, scale_w: int = 1, scale_h: int = 1,
               bold: bool = False) -> Image.Image:
    """A mode "1" mask (255 = ink) of ``ch`` scaled by integers; bold = double strike shifted
    one dot right (what thermal printers do for emphasis)."""
    font = builtin_fonts()[font_index]
    img = Image.frombytes("1", (font.row_bytes * 8, font.height), font.bitmap(ch))
    img = img.crop((0, 0, font.width, font.height))
    if bold:
        shifted = Image.new("1", img.size, 0)
        shifted.paste(img.crop((0, 0, font.width - 1, font.height)), (1, 0))
        from PIL import ImageChops

        img = ImageChops.logical_or(img, shifted)
    if scale_w != 1 or scale_h != 1:
        img = img.resize((font.width * scale_w, font.height * scale_h), Image.Resampling.NEAREST)
    return img
