"""Construct building blocks for the FN command layouts (FNS KKT–FN protocol v1.2.06, Table 190).

Every multi-byte integer is little-endian. The blocks here are the only place where bytes become
Python values for FN commands:

* ``Byte``, ``Uint16``, ``Uint32``, ``Uint40``, ``Uint48`` — unsigned LE integers (Table 190
  lists Uint48 with length 8; that is a typo, it is 6 bytes).
* ``DATE_TIME`` — 5 bytes ``YY MM DD hh mm`` in plain binary (2015-07-20 18:33 →
  ``0F 07 14 12 21``), to and from a naive :class:`datetime.datetime`. The FN keeps minutes only:
  **on encode seconds and microseconds are dropped** (truncated, not rounded) so that callers may
  pass ``datetime.now()``; decoded values always have ``second == 0``. Aware datetimes are refused
  (the FN holds local wall-clock time, it has no zone). Years 2000..2255.
* ``DATE`` — 3 bytes ``YY MM DD`` to and from :class:`datetime.date`.
* Fixed-width CP866 strings (:class:`FixedString`) with the padding rules of §4.5.2 (reference
  §2.3): ``INN`` 12 bytes right-padded with spaces; ``RNM`` 20 bytes, left-padded with ``'0'`` to
  16 characters then right-padded with spaces to 20; ``FN_NUMBER`` 16 bytes; other ASCII fields
  right-padded with NUL. On decode trailing NUL and space padding is removed (so a value that
  itself ends in a space does not survive a round trip — no FN field does).
* ``ByteArray(n)`` — raw bytes of fixed length; ``GreedyBytes`` for "DataN"/TLV tails.

Bad values met while *decoding* raise construct errors inside a parse; :func:`parse` turns every
failure into :class:`sigmakkt.errors.DecodeError`. Bad values met while *encoding* (out of range,
not CP866, too long) become :class:`sigmakkt.errors.ValidationError` through :func:`build`.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any, TypeVar

import construct as cs

from sigmakkt.errors import DecodeError, ValidationError

__all__ = [
    "DATE",
    "DATE_OR_NONE",
    "DATE_TIME",
    "DATE_TIME_OR_NONE",
    "FN_NUMBER",
    "INN",
    "OFD_INN",
    "RNM",
    "Bool",
    "Byte",
    "ByteArray",
    "DateAdapter",
    "DateTimeAdapter",
    "EnumAdapter",
    "FixedString",
    "FlagAdapter",
    "GreedyBytes",
    "Pad",
    "Uint16",
    "Uint32",
    "Uint40",
    "Uint48",
    "ascii_field",
    "build",
    "parse",
]

Byte = cs.Int8ul
Uint16 = cs.Int16ul
Uint32 = cs.Int32ul
Uint40 = cs.BytesInteger(5, signed=False, swapped=True)
Uint48 = cs.BytesInteger(6, signed=False, swapped=True)
GreedyBytes = cs.GreedyBytes


def ByteArray(length: int) -> Any:
    """Raw bytes of a fixed ``length``."""
    return cs.Bytes(length)


_YEAR_BASE = 2000


class DateTimeAdapter(cs.Adapter):
    """DATE_TIME: 5 binary bytes YY MM DD hh mm (Table 190) ↔ naive ``datetime``.

    With ``nullable=True`` five zero bytes (what the FN sends when there is no such moment,
    e.g. no unsent document) decode to ``None`` and ``None`` encodes to them.
    """

    def __init__(self, nullable: bool = False) -> None:
        super().__init__(cs.Bytes(5))
        self.nullable = nullable

    def _decode(self, obj: bytes, context: Any, path: Any) -> _dt.datetime | None:
        if self.nullable and obj == bytes(5):
            return None
        yy, mo, dd, hh, mi = obj
        try:
            return _dt.datetime(_YEAR_BASE + yy, mo, dd, hh, mi)
        except ValueError as exc:
            raise cs.ValidationError(f"invalid DATE_TIME {obj.hex(' ')}: {exc}") from None

    def _encode(self, obj: Any, context: Any, path: Any) -> bytes:
        if obj is None and self.nullable:
            return bytes(5)
        if not isinstance(obj, _dt.datetime):
            raise cs.ValidationError(f"DATE_TIME needs a datetime, got {type(obj).__name__}")
        if obj.tzinfo is not None:
            raise cs.ValidationError("DATE_TIME needs a naive local datetime (the FN has no zone)")
        if not _YEAR_BASE <= obj.year <= _YEAR_BASE + 255:
            raise cs.ValidationError(f"DATE_TIME year {obj.year} outside 2000..2255")
        return bytes((obj.year - _YEAR_BASE, obj.month, obj.day, obj.hour, obj.minute))


class DateAdapter(cs.Adapter):
    """DATE: 3 binary bytes YY MM DD (Table 190) ↔ ``date`` (``nullable``: zeros ↔ None)."""

    def __init__(self, nullable: bool = False) -> None:
        super().__init__(cs.Bytes(3))
        self.nullable = nullable

    def _decode(self, obj: bytes, context: Any, path: Any) -> _dt.date | None:
        if self.nullable and obj == bytes(3):
            return None
        yy, mo, dd = obj
        try:
            return _dt.date(_YEAR_BASE + yy, mo, dd)
        except ValueError as exc:
            raise cs.ValidationError(f"invalid DATE {obj.hex(' ')}: {exc}") from None

    def _encode(self, obj: Any, context: Any, path: Any) -> bytes:
        if obj is None and self.nullable:
            return bytes(3)
        if isinstance(obj, _dt.datetime) or not isinstance(obj, _dt.date):
            raise cs.ValidationError(f"DATE needs a date, got {type(obj).__name__}")
        if not _YEAR_BASE <= obj.year <= _YEAR_BASE + 255:
            raise cs.ValidationError(f"DATE year {obj.year} outside 2000..2255")
        return bytes((obj.year - _YEAR_BASE, obj.month, obj.day))


DATE_TIME = DateTimeAdapter()
DATE = DateAdapter()
#: DATE_TIME where all-zero bytes mean "none" (→ ``None``).
DATE_TIME_OR_NONE = DateTimeAdapter(nullable=True)
#: DATE where all-zero bytes mean "none" (→ ``None``).
DATE_OR_NONE = DateAdapter(nullable=True)
#: A 0/1 byte as ``bool`` (any non-zero byte reads as True).
Bool = cs.Flag


class Pad(enum.Enum):
    """How a fixed CP866 field is padded (§4.5.2)."""

    NUL = "nul"  #: right-pad with 00h (ASCII fields in general)
    SPACE = "space"  #: right-pad with 20h (INN, OFD INN)
    RNM = "rnm"  #: left-pad '0' to 16, then right-pad spaces to 20 (registration number)


class FixedString(cs.Adapter):
    """A CP866 string in exactly ``length`` bytes, padded per ``pad`` (see :class:`Pad`).

    An adapter over ``Bytes`` because construct's ``PaddedString`` knows no cp866.
    """

    def __init__(self, length: int, pad: Pad = Pad.NUL) -> None:
        super().__init__(cs.Bytes(length))
        self.length = length
        self.pad = pad

    def _decode(self, obj: bytes, context: Any, path: Any) -> str:
        return obj.decode("cp866").rstrip("\x00 ")

    def _encode(self, obj: Any, context: Any, path: Any) -> bytes:
        if not isinstance(obj, str):
            raise cs.ValidationError(f"text field needs a str, got {type(obj).__name__}")
        text = obj
        if self.pad is Pad.RNM and len(text) < 16:
            text = text.rjust(16, "0")
        try:
            raw = text.encode("cp866")
        except UnicodeEncodeError as exc:
            raise cs.ValidationError(f"{obj!r} has characters CP866 cannot hold: {exc}") from None
        if len(raw) > self.length:
            raise cs.ValidationError(f"{obj!r} is longer than {self.length} bytes")
        fill = b"\x00" if self.pad is Pad.NUL else b" "
        return raw.ljust(self.length, fill)


def ascii_field(length: int) -> FixedString:
    """A NUL-padded CP866 field of ``length`` bytes (Table 190 "ASCII")."""
    return FixedString(length, Pad.NUL)


INN = FixedString(12, Pad.SPACE)
OFD_INN = FixedString(12, Pad.SPACE)
RNM = FixedString(20, Pad.RNM)
FN_NUMBER = FixedString(16, Pad.NUL)

E = TypeVar("E", bound=enum.IntEnum)


class EnumAdapter(cs.Adapter):
    """An integer field read as an ``IntEnum``.

    Unknown values are a decode error, unless ``strict=False``: then they decode to the plain
    ``int`` (used where a newer FN may report a value this library does not know yet and the
    rest of the answer must stay readable, e.g. the current-document byte of 30h).
    """

    def __init__(self, subcon: Any, enum_type: type[enum.IntEnum], strict: bool = True) -> None:
        super().__init__(subcon)
        self.enum_type = enum_type
        self.strict = strict

    def _decode(self, obj: int, context: Any, path: Any) -> enum.IntEnum | int:
        try:
            return self.enum_type(obj)
        except ValueError:
            if not self.strict:
                return obj
            raise cs.ValidationError(
                f"{obj} is not a known {self.enum_type.__name__} value"
            ) from None

    def _encode(self, obj: Any, context: Any, path: Any) -> int:
        return int(obj)


class FlagAdapter(cs.Adapter):
    """An integer bitmask read as an ``IntFlag`` (unknown bits are kept)."""

    def __init__(self, subcon: Any, flag_type: type[enum.IntFlag]) -> None:
        super().__init__(subcon)
        self.flag_type = flag_type

    def _decode(self, obj: int, context: Any, path: Any) -> enum.IntFlag:
        return self.flag_type(obj)

    def _encode(self, obj: Any, context: Any, path: Any) -> int:
        return int(obj)


def parse(con: Any, data: bytes, what: str = "data") -> Any:
    """Parse ``data`` with ``con``; all of it must be consumed. Failures → DecodeError."""
    try:
        return cs.Sequence(con, cs.Terminated).parse(bytes(data))[0]
    except DecodeError:
        raise
    except (cs.ConstructError, ValueError, TypeError, IndexError, KeyError) as exc:
        raise DecodeError(f"cannot decode {what} ({len(data)} bytes {bytes(data[:48]).hex(' ')}"
                          f"{' …' if len(data) > 48 else ''}): {exc}") from None


def build(con: Any, value: Any, what: str = "data") -> bytes:
    """Build bytes from ``value`` with ``con``. Failures → ValidationError."""
    try:
        return bytes(con.build(value))
    except ValidationError:
        raise
    except (cs.ConstructError, ValueError, TypeError, AttributeError, KeyError,
            OverflowError) as exc:
        raise ValidationError(f"cannot encode {what}: {exc}") from None
