"""Build the emulated printer's bitmap font from DejaVu Sans Mono (run once, output is shipped).

Usage::

    apt-get install fonts-dejavu-core
    python tools/make_printer_font.py [path/to/DejaVuSansMono.ttf]

Writes ``emulator/sigmakkt_emulator/printer/glyphs.bin`` (format in
:mod:`sigmakkt_emulator.printer.font`): every printable character of the code pages the emulator
knows (PC437, PC866, WPC1251) in two cells, Font A 12×24 and Font B 9×17, thresholded to 1 bit.
DejaVu fonts are free (Bitstream Vera licence + public-domain changes); the licence note ships
beside the data as ``glyphs-LICENSE.txt``.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
OUT = Path(__file__).resolve().parent.parent / "emulator/sigmakkt_emulator/printer/glyphs.bin"
# (cell width, cell height, point size in pixels, threshold 0..255)
CELLS = ((12, 24, 20, 110), (9, 17, 14, 100))


def charset() -> list[str]:
    chars = {"?", " "}
    for codec in ("cp437", "cp866", "cp1251"):
        for b in range(0x20, 0x100):
            try:
                ch = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if ch.isprintable() or ch == " ":
                chars.add(ch)
    return sorted(chars)


def render(ch: str, width: int, height: int, size: int, threshold: int,
           font: ImageFont.FreeTypeFont) -> bytes:
    ascent, descent = font.getmetrics()
    baseline = round((height - (ascent + descent)) / 2) + ascent
    img = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(img)
    adv = font.getlength(ch)
    draw.text(((width - adv) / 2, baseline), ch, fill=255, font=font, anchor="ls")
    row_bytes = (width + 7) // 8
    out = bytearray()
    px = img.load()
    assert px is not None
    for y in range(height):
        bits = 0
        for x in range(width):
            value = px[x, y]
            assert isinstance(value, int)
            bits = bits << 1 | (value >= threshold)
        bits <<= row_bytes * 8 - width
        out += bits.to_bytes(row_bytes, "big")
    return bytes(out)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else FONT
    chars = charset()
    blob = bytearray(b"SKF1")
    blob += struct.pack("<BH", len(CELLS), len(chars))
    blob += b"".join(struct.pack("<I", ord(c)) for c in chars)
    for width, height, size, threshold in CELLS:
        font = ImageFont.truetype(path, size)
        blob += struct.pack("<BB", width, height)
        for ch in chars:
            blob += render(ch, width, height, size, threshold, font)
    OUT.write_bytes(zlib.compress(bytes(blob), 9))
    print(f"{OUT}: {len(chars)} glyphs, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
