"""Status replies of an ESC/POS printer: DLE EOT n=1..4, GS r 1 and Automatic Status Back.

Bit layouts from ``reference/printer.md`` §2.6 (Epson ESC/POS reference as quoted there, and the
python-escpos checks). A DLE EOT reply always matches ``0xx1xx10`` (bits 1 and 4 set, bits 0 and 7
clear); a GS r reply matches ``0xx0xxxx``; an ASB first byte matches ``0xx1xx00``. The parsers
check those fixed bits and raise :class:`~sigmakkt.errors.DecodeError` otherwise, so a stray byte
(e.g. an echo of the job) is never read as a status. The encoders are what the emulator sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag
from typing import Final, cast

from sigmakkt.errors import DecodeError

DLE_EOT_FIXED_MASK: Final = 0x93  # bits 7, 4, 1, 0
DLE_EOT_FIXED_VALUE: Final = 0x12  # 0xx1xx10
GS_R_FIXED_MASK: Final = 0x90  # bits 7, 4
ASB_FIXED_MASK: Final = 0x93
ASB_FIXED_VALUE: Final = 0x10  # 0xx1xx00


class PrinterFlags(IntFlag):
    """DLE EOT 1: printer status."""

    DRAWER_HIGH = 0x04  # drawer kick-out connector pin 3 high
    OFFLINE = 0x08
    WAITING_RECOVERY = 0x20  # waiting for online recovery
    FEED_PRESSED = 0x40


class OfflineFlags(IntFlag):
    """DLE EOT 2: offline cause."""

    COVER_OPEN = 0x04
    FEEDING = 0x08  # paper being fed by the FEED button
    PAPER_END_STOP = 0x20  # printing stopped by paper end
    ERROR = 0x40


class ErrorFlags(IntFlag):
    """DLE EOT 3: error cause."""

    MECHANICAL = 0x04  # recoverable mechanical error (some models)
    CUTTER = 0x08  # autocutter error
    UNRECOVERABLE = 0x20
    AUTO_RECOVERABLE = 0x40  # head overheat, or cover opened while printing


class RollFlags(IntFlag):
    """DLE EOT 4: roll paper sensor (each condition sets two bits)."""

    NEAR_END = 0x0C
    PAPER_END = 0x60


class PaperSensorFlags(IntFlag):
    """GS r 1 (n = 1 or 49): paper sensor; bit 4 is always 0."""

    NEAR_END = 0x03
    PAPER_END = 0x0C


_DLE_EOT_TYPES: Final = {1: PrinterFlags, 2: OfflineFlags, 3: ErrorFlags, 4: RollFlags}
DleEotFlags = PrinterFlags | OfflineFlags | ErrorFlags | RollFlags


def is_dle_eot_reply(byte: int) -> bool:
    """Whether ``byte`` has the fixed DLE EOT bit pattern ``0xx1xx10``."""
    return byte & DLE_EOT_FIXED_MASK == DLE_EOT_FIXED_VALUE


def is_gs_r_reply(byte: int) -> bool:
    """Whether ``byte`` has the fixed GS r bit pattern ``0xx0xxxx``."""
    return byte & GS_R_FIXED_MASK == 0


def parse_dle_eot(n: int, byte: int) -> DleEotFlags:
    """Parse the reply to ``DLE EOT n`` (n = 1..4) into that request's flag type."""
    flag_type = _DLE_EOT_TYPES.get(n)
    if flag_type is None:
        raise ValueError(f"DLE EOT n must be 1..4, not {n}")
    if not 0 <= byte <= 0xFF or not is_dle_eot_reply(byte):
        raise DecodeError(f"DLE EOT {n} reply {byte:#04x} does not match 0xx1xx10")
    return cast(DleEotFlags, flag_type(byte & ~DLE_EOT_FIXED_MASK & 0xFF))


def encode_dle_eot(flags: DleEotFlags | int) -> int:
    """The reply byte for a DLE EOT request carrying ``flags``."""
    return DLE_EOT_FIXED_VALUE | (int(flags) & ~DLE_EOT_FIXED_MASK & 0xFF)


def parse_gs_r(byte: int) -> PaperSensorFlags:
    """Parse the reply to ``GS r 1``."""
    if not 0 <= byte <= 0xFF or not is_gs_r_reply(byte):
        raise DecodeError(f"GS r reply {byte:#04x} does not match 0xx0xxxx")
    return PaperSensorFlags(byte & 0x0F)


def encode_gs_r(flags: PaperSensorFlags | int) -> int:
    """The reply byte for ``GS r 1`` carrying ``flags``."""
    return int(flags) & 0x6F


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What a printer reports about itself, from the four DLE EOT replies.

    ``ready`` is true when it can print now (paper present, cover closed, online, no error).
    """

    paper_present: bool = True
    paper_near_end: bool = False
    cover_open: bool = False
    cutter_error: bool = False
    overheated: bool = False
    offline: bool = False
    unrecoverable_error: bool = False
    mechanical_error: bool = False
    feed_pressed: bool = False
    drawer_high: bool = False
    waiting_recovery: bool = False

    @property
    def ready(self) -> bool:
        """Can print now."""
        return (
            self.paper_present
            and not self.cover_open
            and not self.offline
            and not self.cutter_error
            and not self.overheated
            and not self.unrecoverable_error
            and not self.mechanical_error
        )

    @classmethod
    def from_dle_eot(cls, r1: int, r2: int, r3: int, r4: int) -> PrinterStatus:
        """Combine the replies to DLE EOT 1, 2, 3 and 4 (each one byte, validated)."""
        p = PrinterFlags(parse_dle_eot(1, r1))
        o = OfflineFlags(parse_dle_eot(2, r2))
        e = ErrorFlags(parse_dle_eot(3, r3))
        r = RollFlags(parse_dle_eot(4, r4))
        paper_end = RollFlags.PAPER_END in r or OfflineFlags.PAPER_END_STOP in o
        return cls(
            paper_present=not paper_end,
            paper_near_end=RollFlags.NEAR_END in r,
            cover_open=OfflineFlags.COVER_OPEN in o,
            cutter_error=ErrorFlags.CUTTER in e,
            overheated=ErrorFlags.AUTO_RECOVERABLE in e,
            offline=PrinterFlags.OFFLINE in p,
            unrecoverable_error=ErrorFlags.UNRECOVERABLE in e,
            mechanical_error=ErrorFlags.MECHANICAL in e,
            feed_pressed=PrinterFlags.FEED_PRESSED in p,
            drawer_high=PrinterFlags.DRAWER_HIGH in p,
            waiting_recovery=PrinterFlags.WAITING_RECOVERY in p,
        )

    def flags(self, n: int) -> DleEotFlags:
        """The DLE EOT ``n`` flags this status sets (the inverse of :meth:`from_dle_eot`)."""
        if n == 1:
            f1 = PrinterFlags(0)
            if self.drawer_high:
                f1 |= PrinterFlags.DRAWER_HIGH
            if self.offline:
                f1 |= PrinterFlags.OFFLINE
            if self.waiting_recovery:
                f1 |= PrinterFlags.WAITING_RECOVERY
            if self.feed_pressed:
                f1 |= PrinterFlags.FEED_PRESSED
            return f1
        if n == 2:
            f2 = OfflineFlags(0)
            if self.cover_open:
                f2 |= OfflineFlags.COVER_OPEN
            if not self.paper_present:
                f2 |= OfflineFlags.PAPER_END_STOP
            if self.cutter_error or self.unrecoverable_error or self.overheated \
                    or self.mechanical_error:
                f2 |= OfflineFlags.ERROR
            return f2
        if n == 3:
            f3 = ErrorFlags(0)
            if self.mechanical_error:
                f3 |= ErrorFlags.MECHANICAL
            if self.cutter_error:
                f3 |= ErrorFlags.CUTTER
            if self.unrecoverable_error:
                f3 |= ErrorFlags.UNRECOVERABLE
            if self.overheated:
                f3 |= ErrorFlags.AUTO_RECOVERABLE
            return f3
        if n == 4:
            f4 = RollFlags(0)
            if self.paper_near_end:
                f4 |= RollFlags.NEAR_END
            if not self.paper_present:
                f4 |= RollFlags.PAPER_END
            return f4
        raise ValueError(f"DLE EOT n must be 1..4, not {n}")

    def dle_eot_reply(self, n: int) -> int:
        """The reply byte to ``DLE EOT n`` for this status."""
        return encode_dle_eot(self.flags(n))

    def gs_r_reply(self) -> int:
        """The reply byte to ``GS r 1`` for this status."""
        f = PaperSensorFlags(0)
        if self.paper_near_end:
            f |= PaperSensorFlags.NEAR_END
        if not self.paper_present:
            f |= PaperSensorFlags.PAPER_END
        return encode_gs_r(f)

    def asb_reply(self) -> bytes:
        """The four Automatic Status Back bytes (GS a) for this status (§2.6 ASB table)."""
        b1 = ASB_FIXED_VALUE
        if self.drawer_high:
            b1 |= 0x04
        if self.offline:
            b1 |= 0x08
        if self.cover_open:
            b1 |= 0x20
        if self.feed_pressed:
            b1 |= 0x40
        b2 = 0
        if self.waiting_recovery:
            b2 |= 0x01
        if self.mechanical_error:
            b2 |= 0x04
        if self.cutter_error:
            b2 |= 0x08
        if self.unrecoverable_error:
            b2 |= 0x20
        if self.overheated:
            b2 |= 0x40
        b3 = (0x03 if self.paper_near_end else 0) | (0x0C if not self.paper_present else 0)
        return bytes((b1, b2, b3, 0))


def parse_asb(data: bytes) -> PrinterStatus:
    """Parse a 4-byte Automatic Status Back block."""
    if len(data) != 4 or data[0] & ASB_FIXED_MASK != ASB_FIXED_VALUE or data[3] & 0x90:
        raise DecodeError(f"not an ASB block: {data.hex(' ')}")
    b1, b2, b3 = data[0], data[1], data[2]
    return PrinterStatus(
        paper_present=not b3 & 0x0C,
        paper_near_end=bool(b3 & 0x03),
        cover_open=bool(b1 & 0x20),
        cutter_error=bool(b2 & 0x08),
        overheated=bool(b2 & 0x40),
        offline=bool(b1 & 0x08),
        unrecoverable_error=bool(b2 & 0x20),
        mechanical_error=bool(b2 & 0x04),
        feed_pressed=bool(b1 & 0x40),
        drawer_high=bool(b1 & 0x04),
        waiting_recovery=bool(b2 & 0x01),
    )
