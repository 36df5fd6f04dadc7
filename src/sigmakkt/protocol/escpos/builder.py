"""ESC/POS builder for the CAPD245 profile (384 dots, 203 dpi): objects in, bytes out.

Every method appends the bytes of one command (layouts: ``reference/printer.md`` §2, Epson
ESC/POS command reference) and returns the builder, so calls chain::

    job = (EscPos().align(Align.CENTER).bold().line("ООО «Ромашка»").bold(False)
           .qr("t=20250901T1200&s=100.00&...").cut())
    data = job.build()

Besides the bytes the builder keeps how much paper each part uses (:meth:`pieces`): the printer
client sends a long job piece by piece and so can say how much reached the paper when the roll ran
out (see :mod:`sigmakkt.printer.client`). The height model is the emulator's: a text line advances
``max(line spacing, tallest character)`` dot rows, an image its height, a QR its side.

Pure: no I/O. Pillow (for :meth:`EscPos.image`) and segno (for QR sizing) are imported lazily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Final, Self

from sigmakkt.errors import MissingDependency, ValidationError
from sigmakkt.protocol.escpos.profile import (
    BYTES_PER_LINE,
    DEFAULT_LINE_SPACING,
    DOTS_PER_LINE,
    FONT_A,
    FONT_B,
    MIN_QR_SIDE_DOTS,
    FontMetrics,
)
from sigmakkt.protocol.escpos.qr import MAX_MODULE, QRErrorLevel, qr_size
from sigmakkt.protocol.escpos.text import CODEPAGE_PC866, encode_text

if TYPE_CHECKING:
    from PIL.Image import Image

ESC: Final = 0x1B
GS: Final = 0x1D
FS: Final = 0x1C
DLE: Final = 0x10
LF: Final = b"\n"

_CONTROL: Final = re.compile("[\x00-\x1f\x7f]")

#: Rows of one GS v 0 command when an image is split (a band per command keeps clones happy).
IMAGE_BAND_ROWS: Final = 1024


class Align(IntEnum):
    """ESC a n."""

    LEFT = 0
    CENTER = 1
    RIGHT = 2


class Font(IntEnum):
    """ESC M n."""

    A = 0
    B = 1


class Cut(Enum):
    """GS V function B: feed to the cut position (+ n motion units), then cut."""

    FULL = 65
    PARTIAL = 66


class Barcode(IntEnum):
    """GS k function B symbology codes (m = 65..73)."""

    UPC_A = 65
    UPC_E = 66
    EAN13 = 67
    EAN8 = 68
    CODE39 = 69
    ITF = 70
    CODABAR = 71
    CODE93 = 72
    CODE128 = 73


class HRI(IntEnum):
    """GS H n: where the human-readable digits of a barcode go."""

    NONE = 0
    ABOVE = 1
    BELOW = 2
    BOTH = 3


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of job bytes and the dot rows of paper it advances (``cut``: it ends in a cut)."""

    data: bytes
    rows: int
    cut: bool = False


def ean13_check_digit(digits: str) -> int:
    """The EAN-13 check digit of 12 digits (weights 1, 3 alternating from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10


class EscPos:
    """Fluent ESC/POS builder. ``EscPos()`` starts with ``ESC @`` and ``ESC t 17`` (PC866)."""

    def __init__(self, init: bool = True) -> None:
        self._pieces: list[Piece] = []
        self._buf = bytearray()
        self._rows = 0  # rows of the current (open) piece
        self._reset_state()
        self._line_open = False
        self._line_height = 0
        self._line_dots = 0
        if init:
            self.init()

    # -- state the height model needs ---------------------------------------------------------

    def _reset_state(self) -> None:
        self._font: FontMetrics = FONT_A
        self._scale_w = 1
        self._scale_h = 1
        self._spacing = DEFAULT_LINE_SPACING
        self._area = DOTS_PER_LINE

    def _emit(self, data: bytes, rows: int = 0) -> Self:
        self._buf += data
        self._rows += rows
        return self

    def _close_piece(self, cut: bool = False) -> None:
        if self._buf:
            self._pieces.append(Piece(bytes(self._buf), self._rows, cut))
            self._buf = bytearray()
            self._rows = 0

    def _end_line(self) -> int:
        """Rows the printer advances for LF now (the open line, or an empty line)."""
        height = self._line_height if self._line_open else self._font.height * self._scale_h
        self._line_open = False
        self._line_height = 0
        self._line_dots = 0
        return max(self._spacing, height)

    def _flush_line(self) -> None:
        """Account for a pending partial line that a command (image, QR, cut) prints first."""
        if self._line_open:
            self._rows += self._end_line()

    # -- init, code page, text --------------------------------------------------------------

    def init(self) -> Self:
        """ESC @ (reset modes) then ESC t 17 (PC866: see :mod:`sigmakkt.protocol.escpos.text`)."""
        self._flush_line()
        self._reset_state()
        return self._emit(bytes((ESC, 0x40))).codepage(CODEPAGE_PC866)

    def codepage(self, n: int) -> Self:
        """ESC t n: select character code table ``n`` (Epson numbering)."""
        _byte(n, "n")
        return self._emit(bytes((ESC, 0x74, n)))

    def text(self, text: str) -> Self:
        """Print ``text`` (CP866); ``\\n`` ends a line, other control characters are dropped."""
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.newline()
            clean = _CONTROL.sub("", part)
            if not clean:
                continue
            data = encode_text(clean)
            self._buf += data
            width = self._font.width * self._scale_w
            height = self._font.height * self._scale_h
            n = len(data)
            while n:  # the printer wraps when the next character does not fit: that line prints
                room = (self._area - self._line_dots) // width
                if room <= 0:
                    if self._line_open:
                        self._rows += self._end_line()
                        continue
                    room = 1  # a character wider than the area prints alone
                take = min(n, room)
                self._line_open = True
                self._line_dots += take * width
                self._line_height = max(self._line_height, height)
                n -= take
        return self

    def newline(self) -> Self:
        """LF: print the line buffer and feed one line."""
        rows = self._end_line()
        self._emit(LF, rows)
        self._close_piece()
        return self

    def line(self, text: str = "") -> Self:
        """Print ``text`` and end the line."""
        return self.text(text).newline()

    # -- character modes ----------------------------------------------------------------------

    def font(self, font: Font | str = Font.A) -> Self:
        """ESC M n: Font A (12×24, 32 columns) or Font B (9×17, 42 columns)."""
        f = Font[font.upper()] if isinstance(font, str) else Font(font)
        self._font = FONT_A if f is Font.A else FONT_B
        return self._emit(bytes((ESC, 0x4D, f)))

    def bold(self, on: bool = True) -> Self:
        """ESC E n."""
        return self._emit(bytes((ESC, 0x45, int(on))))

    def underline(self, dots: int = 1) -> Self:
        """ESC - n: underline 0 (off), 1 or 2 dots thick."""
        if dots not in (0, 1, 2):
            raise ValidationError("underline must be 0, 1 or 2 dots", "dots")
        return self._emit(bytes((ESC, 0x2D, dots)))

    def size(self, width: int = 1, height: int = 1) -> Self:
        """GS ! n: character magnification, 1..8 each (bits 4-6 width-1, bits 0-2 height-1)."""
        for name, v in (("width", width), ("height", height)):
            if not 1 <= v <= 8:
                raise ValidationError(f"{name} must be 1..8", name)
        self._scale_w, self._scale_h = width, height
        return self._emit(bytes((GS, 0x21, (width - 1) << 4 | (height - 1))))

    def double(self, width: bool = True, height: bool = True) -> Self:
        """Double width and/or height (GS !)."""
        return self.size(2 if width else 1, 2 if height else 1)

    def normal(self) -> Self:
        """Back to normal size, no bold, no underline, no reverse."""
        return self.size(1, 1).bold(False).underline(0).invert(False)

    def invert(self, on: bool = True) -> Self:
        """GS B n: white on black."""
        return self._emit(bytes((GS, 0x42, int(on))))

    def align(self, align: Align | str = Align.LEFT) -> Self:
        """ESC a n (takes effect at the start of a line)."""
        a = Align[align.upper()] if isinstance(align, str) else Align(align)
        return self._emit(bytes((ESC, 0x61, a)))

    def line_spacing(self, dots: int | None = None) -> Self:
        """ESC 3 n (n dots, 0.125 mm each on this profile) or ESC 2 (default 30 dots)."""
        if dots is None:
            self._spacing = DEFAULT_LINE_SPACING
            return self._emit(bytes((ESC, 0x32)))
        _byte(dots, "dots")
        self._spacing = dots
        return self._emit(bytes((ESC, 0x33, dots)))

    def margins(self, left: int = 0, width: int = DOTS_PER_LINE) -> Self:
        """GS L nL nH (left margin) and GS W nL nH (print area width), in dots."""
        if not (0 <= left < DOTS_PER_LINE and 0 < width <= DOTS_PER_LINE - left):
            raise ValidationError("margins must stay within 384 dots", "left")
        self._area = width
        return self._emit(bytes((GS, 0x4C, left & 0xFF, left >> 8, GS, 0x57,
                                 width & 0xFF, width >> 8)))

    # -- paper ----------------------------------------------------------------------------------

    def feed(self, lines: int = 1) -> Self:
        """ESC d n: print and feed ``lines`` lines."""
        _byte(lines, "lines")
        rows = (self._end_line() if self._line_open else 0) + lines * self._spacing
        self._emit(bytes((ESC, 0x64, lines)), rows)
        self._close_piece()
        return self

    def feed_dots(self, dots: int) -> Self:
        """ESC J n: print and feed ``dots`` dot rows (0.125 mm each); any count, split by 255."""
        if dots < 0:
            raise ValidationError("dots must be ≥ 0", "dots")
        self._flush_line()
        while dots > 0:
            n = min(dots, 255)
            self._emit(bytes((ESC, 0x4A, n)), n)
            dots -= n
        self._close_piece()
        return self

    def cut(self, partial: bool = False, feed: int = 0) -> Self:
        """GS V m n, function B: feed to the cut position + ``feed`` dots, then cut.

        Function B with n = 0 lets the printer handle the head-to-blade gap itself (the safe
        default, §2.3). ``1D 56 41 00`` = full, ``1D 56 42 00`` = partial.
        """
        _byte(feed, "feed")
        self._flush_line()
        m = Cut.PARTIAL if partial else Cut.FULL
        self._close_piece()  # what precedes the cut is confirmed apart from it
        self._emit(bytes((GS, 0x56, m.value, feed)), feed)
        self._close_piece(cut=True)
        return self

    def drawer(self, pin: int = 0, on_ms: int = 50, off_ms: int = 500) -> Self:
        """ESC p m t1 t2: cash drawer pulse on pin 2 (m=0) or 5 (m=1); times in 2 ms units."""
        if pin not in (0, 1):
            raise ValidationError("pin must be 0 or 1", "pin")
        t1, t2 = min(255, on_ms // 2), min(255, off_ms // 2)
        return self._emit(bytes((ESC, 0x70, pin, t1, t2)))

    # -- graphics -------------------------------------------------------------------------------

    def raster(self, data: bytes, width_bytes: int, height: int) -> Self:
        """GS v 0 0 xL xH yL yH d…: a 1-bit image, MSB = leftmost dot, 1 = black."""
        if len(data) != width_bytes * height or not 0 < width_bytes <= BYTES_PER_LINE:
            raise ValidationError("raster data must be width_bytes × height bytes, "
                                  f"width_bytes 1..{BYTES_PER_LINE}", "data")
        if not 0 < height <= 0xFFFF:
            raise ValidationError("height must be 1..65535", "height")
        self._flush_line()
        header = bytes((GS, 0x76, 0x30, 0, width_bytes & 0xFF, width_bytes >> 8,
                        height & 0xFF, height >> 8))
        self._emit(header + data, height)
        self._close_piece()
        return self

    def image(self, picture: Image, dither: bool = True) -> Self:
        """Print a Pillow image: scaled down to 384 dots if wider, dithered (Floyd-Steinberg)
        or thresholded to 1 bit, sent as GS v 0 bands of at most 1024 rows."""
        data, width_bytes, height = image_to_raster(picture, dither)
        band = width_bytes * IMAGE_BAND_ROWS
        for top in range(0, height, IMAGE_BAND_ROWS):
            rows = min(IMAGE_BAND_ROWS, height - top)
            self.raster(data[top * width_bytes: top * width_bytes + band][: rows * width_bytes],
                        width_bytes, rows)
        return self

    def logo(self, number: int = 1, scale: int = 0, height: int = 0) -> Self:
        """FS p n m: print stored NV logo ``number`` (1..255) at scale m (0 normal, 1 double
        width, 2 double height, 3 quadruple). ``height`` (dots, if known) feeds the paper model.

        FS p (rather than GS ( L fn 69) because it is the form every Epson-compatible 58 mm
        clone and the emulator accept, and it needs no key bytes.
        """
        if not 1 <= number <= 255 or scale not in (0, 1, 2, 3):
            raise ValidationError("logo number 1..255, scale 0..3", "number")
        self._flush_line()
        self._emit(bytes((FS, 0x70, number, scale)), height * (2 if scale & 2 else 1))
        self._close_piece()
        return self

    def qr(self, data: str | bytes, level: QRErrorLevel = QRErrorLevel.M,
           module: int | None = None, min_side: int = MIN_QR_SIDE_DOTS) -> Self:
        """QR via GS ( k (model 2). ``module`` None: the smallest size whose symbol is ≥
        ``min_side`` dots (default 160 = 20 mm, the FNS minimum since 1 Sep 2025).

        Sends fn 165 (model 2), 167 (module), 169 (level), 180 (store, m = 48), 181 (print) —
        the order python-escpos uses; data is UTF-8.
        """
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if not payload or len(payload) > 7089:
            raise ValidationError("QR data must be 1..7089 bytes", "data")
        size = qr_size(payload, level, min_side=min_side)
        mod = size.module if module is None else module
        if not 1 <= mod <= MAX_MODULE:
            raise ValidationError("module must be 1..16 dots", "module")
        self._flush_line()
        store_len = len(payload) + 3
        out = bytearray()
        out += bytes((GS, 0x28, 0x6B, 4, 0, 0x31, 0x41, 0x32, 0))  # fn 165: model 2
        out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x43, mod))  # fn 167: module size
        out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x45, level.value))  # fn 169: error level
        out += bytes((GS, 0x28, 0x6B, store_len & 0xFF, store_len >> 8, 0x31, 0x50, 0x30))
        out += payload  # fn 180: store
        out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30))  # fn 181: print
        self._emit(bytes(out), size.modules * mod)
        self._close_piece()
        return self

    def barcode(self, data: str, kind: Barcode = Barcode.CODE128, height: int = 80,
                module: int = 2, hri: HRI = HRI.BELOW) -> Self:
        """GS h n, GS w n, GS H n, then GS k m n d… (function B).

        CODE128 data gets the ``{B`` code-set prefix unless it already starts with ``{``.
        EAN13 takes 12 digits (the printer adds the check digit) or 13 with a valid one.
        """
        _byte(height, "height")
        if height < 1 or not 2 <= module <= 6:
            raise ValidationError("height 1..255, module 2..6 dots", "module")
        if kind is Barcode.EAN13:
            if not (data.isascii() and data.isdigit() and len(data) in (12, 13)):
                raise ValidationError("EAN13 needs 12 or 13 digits", "data")
            if len(data) == 13 and ean13_check_digit(data) != int(data[12]):
                raise ValidationError("EAN13 check digit is wrong", "data")
        elif kind is Barcode.CODE128 and not data.startswith("{"):
            data = "{B" + data
        payload = data.encode("ascii", errors="strict") if data.isascii() else b""
        if not payload or len(payload) > 255:
            raise ValidationError("barcode data must be 1..255 ASCII characters", "data")
        self._flush_line()
        out = bytes((GS, 0x68, height, GS, 0x77, module, GS, 0x48, hri,
                     GS, 0x6B, kind, len(payload))) + payload
        hri_rows = FONT_A.height * (2 if hri is HRI.BOTH else 1) if hri else 0
        self._emit(out, height + hri_rows)
        self._close_piece()
        return self

    # -- escape hatch and output ----------------------------------------------------------------

    def raw(self, data: bytes, rows: int = 0) -> Self:
        """Append bytes as they are (``rows``: the paper they advance, if known)."""
        return self._emit(bytes(data), rows)

    def pieces(self) -> list[Piece]:
        """The job so far as pieces ending at line/feed/graphic boundaries, each with its rows."""
        self._close_piece()
        return list(self._pieces)

    @property
    def rows(self) -> int:
        """Dot rows of paper the job uses so far (a pending unterminated line not counted)."""
        return sum(p.rows for p in self._pieces) + self._rows

    def build(self) -> bytes:
        """The whole job as bytes."""
        return b"".join(p.data for p in self._pieces) + bytes(self._buf)


def image_to_raster(picture: Image, dither: bool = True) -> tuple[bytes, int, int]:
    """Convert a Pillow image to GS v 0 raster bytes: (data, width in bytes, height).

    Transparent parts become white; the image is scaled down to 384 dots if wider and padded
    with white to a whole byte.
    """
    try:
        from PIL import Image as PILImage
    except ImportError:
        raise MissingDependency("render", "pillow") from None
    img = picture
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        white = PILImage.new("RGBA", img.size, (255, 255, 255, 255))
        white.alpha_composite(img)
        img = white
    img = img.convert("L")
    if img.width > DOTS_PER_LINE:
        img = img.resize((DOTS_PER_LINE, max(1, round(img.height * DOTS_PER_LINE / img.width))),
                         PILImage.Resampling.LANCZOS)
    mode = PILImage.Dither.FLOYDSTEINBERG if dither else PILImage.Dither.NONE
    mono = img.convert("1", dither=mode)
    width_bytes = (mono.width + 7) // 8
    if mono.width % 8:
        padded = PILImage.new("1", (width_bytes * 8, mono.height), 1)
        padded.paste(mono, (0, 0))
        mono = padded
    # Pillow "1" packs MSB-first with 1 = white; ESC/POS wants 1 = black ("1;I" inverts).
    return mono.tobytes("raw", "1;I"), width_bytes, mono.height


def _byte(value: int, field: str) -> None:
    if not 0 <= value <= 255:
        raise ValidationError(f"{field} must be 0..255", field)
