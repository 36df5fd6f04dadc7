"""QR sizing: choose the module size so the printed symbol is at least 20 × 20 mm.

GS ( k leaves the version to the printer: it picks the smallest version that holds the data at
the chosen error level. A symbol of version v is 17 + 4v modules a side, so the side in dots is
``(17 + 4v) × module``. We compute v the way the printer (and the emulator, which draws with
segno) does: for ASCII data from the capacity table of ISO/IEC 18004 (Table 7, byte mode,
versions 1-20, with the segment-length rules for numeric/alphanumeric/byte mode), else with segno.
The fiscal QR string has lowercase letters, so it is always one byte-mode segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.escpos.profile import DOTS_PER_LINE, MIN_QR_SIDE_DOTS


class QRErrorLevel(Enum):
    """GS ( k fn 169 error correction level; value = the parameter byte (48..51)."""

    L = 48
    M = 49
    Q = 50
    H = 51


#: Byte-mode capacity (bytes) by version 1..20 and level (ISO/IEC 18004:2015 Table 7).
_BYTE_CAPACITY: Final = {
    QRErrorLevel.L: (17, 32, 53, 78, 106, 134, 154, 192, 230, 271,
                     321, 367, 425, 458, 520, 586, 644, 718, 792, 858),
    QRErrorLevel.M: (14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
                     251, 287, 331, 362, 412, 450, 504, 560, 624, 666),
    QRErrorLevel.Q: (11, 20, 32, 46, 60, 74, 86, 108, 130, 151,
                     177, 203, 241, 258, 292, 322, 364, 394, 442, 482),
    QRErrorLevel.H: (7, 14, 24, 34, 44, 58, 64, 84, 98, 119,
                     137, 155, 177, 194, 220, 250, 280, 310, 338, 382),
}

#: Largest module size GS ( k fn 167 accepts.
MAX_MODULE: Final = 16


@dataclass(frozen=True, slots=True)
class QRSize:
    """A chosen QR geometry: version, modules a side, module size and side in dots."""

    version: int
    modules: int
    module: int

    @property
    def side_dots(self) -> int:
        """Printed side of the symbol (without quiet zone) in dots."""
        return self.modules * self.module


_ALNUM: Final = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def _data_bits(data: bytes, version: int) -> int:
    """Bits of ``data`` as one segment in the mode a QR encoder picks for it (ISO/IEC 18004
    7.4.3-7.4.5): numeric for all digits, alphanumeric for the 45-character set, else byte."""
    n = len(data)
    band = 0 if version <= 9 else 1 if version <= 26 else 2
    if data.isdigit():
        return 4 + (10, 12, 14)[band] + 10 * (n // 3) + (0, 4, 7)[n % 3]
    if all(b in _ALNUM for b in data):
        return 4 + (9, 11, 13)[band] + 11 * (n // 2) + 6 * (n % 2)
    return 4 + (8, 16, 16)[band] + 8 * n


def _data_codewords(version: int, level: QRErrorLevel) -> int:
    """Data codewords of a version-1..20 symbol, from the byte-mode capacity: a byte segment has
    a 4-bit mode and an 8-bit (v1-9) or 16-bit (v10+) count, so capacity = codewords - 2 or - 3."""
    return _BYTE_CAPACITY[level][version - 1] + (2 if version <= 9 else 3)


def qr_version(data: bytes, level: QRErrorLevel) -> int:
    """The version a printer (and segno, which the emulator draws with) picks for ``data``.

    ASCII payloads (the fiscal QR string) are sized here from the capacity table, without
    encoding the symbol; others (UTF-8 text, binary) are sized by segno.
    """
    if data.isascii():
        for version in range(1, len(_BYTE_CAPACITY[level]) + 1):
            if _data_bits(data, version) <= 8 * _data_codewords(version, level):
                return version
    try:
        import segno
    except ImportError:
        for version, capacity in enumerate(_BYTE_CAPACITY[level], start=1):
            if len(data) <= capacity:
                return version
        raise ValidationError(f"QR payload of {len(data)} bytes is too long", "data") from None
    try:
        content: str | bytes = data.decode("utf-8")
    except UnicodeDecodeError:
        content = data
    try:
        symbol = segno.make_qr(content, error=level.name, boost_error=False)
    except segno.DataOverflowError:
        raise ValidationError(f"QR payload of {len(data)} bytes is too long", "data") from None
    return int(symbol.version)


def qr_size(data: bytes, level: QRErrorLevel = QRErrorLevel.M,
            min_side: int = MIN_QR_SIDE_DOTS, max_side: int = DOTS_PER_LINE) -> QRSize:
    """Smallest module size giving a side ≥ ``min_side`` dots; fails if it cannot fit the line."""
    version = qr_version(data, level)
    modules = 17 + 4 * version
    module = max(1, -(-min_side // modules))
    if module > MAX_MODULE or modules * module > max_side:
        raise ValidationError(
            f"a version-{version} QR cannot be ≥ {min_side} dots and fit {max_side} dots; "
            "shorten the payload", "data")
    return QRSize(version, modules, module)
