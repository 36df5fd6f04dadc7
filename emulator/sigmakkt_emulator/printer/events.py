"""What the ESC/POS interpreter hands the printer engine: one event per effective command.

The interpreter (:mod:`.interpreter`) only parses and keeps character/layout state; the device
(:mod:`.device`) decides what reaches the paper (roll, cover, errors) and draws it (:mod:`.canvas`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Char:
    """One character cell on a text line, with the modes it was sent under."""

    ch: str
    font: int  # 0 = Font A, 1 = Font B
    bold: bool
    underline: int
    scale_w: int
    scale_h: int
    invert: bool


@dataclass(frozen=True, slots=True)
class Area:
    """Horizontal placement: alignment (0 left, 1 centre, 2 right) inside [left, left+width)."""

    align: int
    left: int
    width: int

    def x_for(self, item_width: int) -> int:
        """Left edge of an item ``item_width`` dots wide, clipped to the area."""
        free = max(0, self.width - item_width)
        return self.left + (0 if self.align == 0 else free // 2 if self.align == 1 else free)


@dataclass(frozen=True, slots=True)
class TextLine:
    """A printed line of text (LF, wrap, or a command that prints the buffer)."""

    chars: tuple[Char, ...]
    area: Area
    spacing: int

    @property
    def height(self) -> int:
        """Tallest character, in dots."""
        return max((c.scale_h * (24 if c.font == 0 else 17) for c in self.chars), default=0)

    @property
    def rows(self) -> int:
        """Paper this line advances: max(line spacing, tallest character)."""
        return max(self.spacing, self.height)

    @property
    def text(self) -> str:
        """The characters as a string (trailing spaces removed)."""
        return "".join(c.ch for c in self.chars).rstrip()


@dataclass(frozen=True, slots=True)
class Feed:
    """Blank paper feed of ``rows`` dot rows."""

    rows: int


@dataclass(frozen=True, slots=True)
class Raster:
    """A 1-bit image: ``width_bytes`` × ``height`` bytes, MSB left, 1 = black; scale 1/2."""

    data: bytes
    width_bytes: int
    height: int
    scale_w: int
    scale_h: int
    area: Area


@dataclass(frozen=True, slots=True)
class QRCode:
    """GS ( k fn 181: print the stored QR data."""

    data: bytes
    module: int
    level: str  # "L" | "M" | "Q" | "H"
    area: Area


@dataclass(frozen=True, slots=True)
class BarcodeEvent:
    """GS k: a 1D barcode with GS h / GS w / GS H settings."""

    kind: int  # GS k m (0..6 or 65..73)
    data: bytes
    height: int
    module: int
    hri: int
    area: Area


@dataclass(frozen=True, slots=True)
class LogoPrint:
    """FS p n m: print stored logo ``number`` at ``scale``."""

    number: int
    scale: int
    area: Area


@dataclass(frozen=True, slots=True)
class LogoDefine:
    """FS q: one logo defined (column format converted to raster rows)."""

    number: int
    data: bytes
    width_bytes: int
    height: int


@dataclass(frozen=True, slots=True)
class CutEvent:
    """GS V (or ESC i / ESC m): cut after feeding ``feed`` dots."""

    partial: bool
    feed: int


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """DLE EOT n (``kind`` "dle_eot", real-time), GS r n ("gs_r"), GS I n ("gs_i")."""

    kind: str
    n: int


@dataclass(frozen=True, slots=True)
class Recover:
    """DLE ENQ n: 1 = recover and restart, 2 = recover and clear buffers."""

    n: int


@dataclass(frozen=True, slots=True)
class AutoStatus:
    """GS a n: Automatic Status Back enable mask."""

    mask: int


@dataclass(frozen=True, slots=True)
class DrawerPulse:
    """ESC p m t1 t2."""

    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True, slots=True)
class Rejected:
    """A command that was consumed but not executed (bad size, over the memory cap)."""

    command: str
    reason: str


Event = (TextLine | Feed | Raster | QRCode | BarcodeEvent | LogoPrint | LogoDefine | CutEvent
         | StatusRequest | Recover | AutoStatus | DrawerPulse | Rejected)
