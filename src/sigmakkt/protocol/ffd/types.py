"""Value codecs of the FFD data types (fn-protocol reference §5.1).

Each FFD tag's value is one of a handful of data types. This module turns one raw TLV value into
a Python value and back; it knows nothing of tags beyond the name it is given for messages.

Python forms:

===========  =====================  ===============================================================
DataType     Python value           bytes
===========  =====================  ===============================================================
BYTE         int 0..255             1 byte (flags are 0/1)
UINT16       int                    2 bytes little-endian
UINT32       int                    4 bytes little-endian
VLN          int ≥ 0 (kopecks)      unsigned little-endian, trailing 00 bytes dropped on encode
                                    (0 is encoded as one ``00`` byte)
FVLN         decimal.Decimal ≥ 0    byte 0 = digits after the point, then unsigned LE integer;
                                    ``Decimal("1.000")`` ⇄ ``03 E8 03``
UNIXTIME     naive datetime         Uint32 LE seconds since 1970-01-01 (see below)
STRING       str                    CP866, no terminator
BYTES        bytes                  raw (ByteArray)
STLV         list of fields         nested TLVs (handled by :mod:`.document`, not here)
===========  =====================  ===============================================================

UnixTime: the FN stores the KKT's *local wall-clock* reading as if it were UTC (fn-protocol
reference §5.1: a document signed at 11:38 Moscow time decodes to 11:38 "UTC"; the FN takes the
minute-resolution DATE_TIME the KKT sent, with no time zone). So a value decodes to a **naive**
datetime that is the wall-clock reading, computed via UTC arithmetic; an aware datetime is
encoded by its own wall-clock reading (its tzinfo is ignored). Sub-second parts are dropped.

Decoding with a wrong length raises :class:`~sigmakkt.errors.DecodeError`; encoding a value that
does not fit raises :class:`~sigmakkt.errors.ValidationError` with ``field`` naming the tag.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from sigmakkt.errors import DecodeError, ValidationError

__all__ = [
    "EPOCH",
    "DataType",
    "ScalarValue",
    "decode_byte",
    "decode_fvln",
    "decode_scalar",
    "decode_string",
    "decode_uint16",
    "decode_uint32",
    "decode_unixtime",
    "decode_vln",
    "encode_byte",
    "encode_fvln",
    "encode_scalar",
    "encode_string",
    "encode_uint16",
    "encode_uint32",
    "encode_unixtime",
    "encode_vln",
]

#: The value types a non-STLV field holds.
ScalarValue = int | Decimal | str | bytes | datetime

#: Zero of UnixTime, as a naive datetime (the FN's "UTC" is the KKT's wall clock).
EPOCH = datetime(1970, 1, 1)

#: FVLN's first byte counts decimals; more than this is rejected (a 7-byte mantissa holds at
#: most 17 digits, so larger scales carry no information).
MAX_FVLN_SCALE = 20


class DataType(enum.Enum):
    """The FFD data types (fn-protocol reference §5.1)."""

    BYTE = "Byte"
    UINT16 = "Uint16"
    UINT32 = "Uint32"
    VLN = "VLN"
    FVLN = "FVLN"
    UNIXTIME = "UnixTime"
    STRING = "String"
    BYTES = "ByteArray"
    STLV = "STLV"


def _name(tag: int | str | None) -> str | None:
    if tag is None:
        return None
    return f"tag {tag}" if isinstance(tag, int) else tag


def _int(value: object, tag: int | str | None) -> int:
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, int):
        raise ValidationError(f"expected an integer, got {type(value).__name__}", _name(tag))
    return value


def _fixed(width: int, value: object, tag: int | str | None) -> bytes:
    v = _int(value, tag)
    if not 0 <= v < 1 << (8 * width):
        raise ValidationError(f"{v} does not fit in {width} unsigned byte(s)", _name(tag))
    return v.to_bytes(width, "little")


def _expect_len(raw: bytes, width: int, kind: str, tag: int | str | None) -> None:
    if len(raw) != width:
        where = f" ({_name(tag)})" if tag is not None else ""
        raise DecodeError(f"{kind} value must be {width} byte(s), got {len(raw)}{where}")


# --- fixed-width integers ------------------------------------------------------------------


def encode_byte(value: int, tag: int | str | None = None) -> bytes:
    """Byte: one unsigned byte."""
    return _fixed(1, value, tag)


def decode_byte(raw: bytes, tag: int | str | None = None) -> int:
    _expect_len(raw, 1, "Byte", tag)
    return raw[0]


def encode_uint16(value: int, tag: int | str | None = None) -> bytes:
    """Uint16: two bytes little-endian."""
    return _fixed(2, value, tag)


def decode_uint16(raw: bytes, tag: int | str | None = None) -> int:
    _expect_len(raw, 2, "Uint16", tag)
    return int.from_bytes(raw, "little")


def encode_uint32(value: int, tag: int | str | None = None) -> bytes:
    """Uint32: four bytes little-endian."""
    return _fixed(4, value, tag)


def decode_uint32(raw: bytes, tag: int | str | None = None) -> int:
    _expect_len(raw, 4, "Uint32", tag)
    return int.from_bytes(raw, "little")


# --- variable-length numbers ---------------------------------------------------------------


def encode_vln(value: int, tag: int | str | None = None, max_len: int = 8) -> bytes:
    """VLN: unsigned little-endian integer with trailing zero bytes dropped (at least 1 byte)."""
    v = _int(value, tag)
    if v < 0:
        raise ValidationError(f"VLN cannot hold a negative value ({v})", _name(tag))
    raw = v.to_bytes(max(1, (v.bit_length() + 7) // 8), "little")
    if len(raw) > max_len:
        raise ValidationError(
            f"{v} needs {len(raw)} bytes; this VLN holds at most {max_len}", _name(tag)
        )
    return raw


def decode_vln(raw: bytes, tag: int | str | None = None) -> int:
    """Inverse of :func:`encode_vln`; also accepts non-minimal forms (trailing zeros)."""
    if not raw:
        raise DecodeError(f"VLN value is empty{f' ({_name(tag)})' if tag is not None else ''}")
    return int.from_bytes(raw, "little")


def encode_fvln(value: Decimal | int | str, tag: int | str | None = None,
                max_len: int = 8) -> bytes:
    """FVLN: decimals count, then the unscaled value as VLN. The scale is kept as given."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ValidationError(
            f"expected a Decimal, got {type(value).__name__}", _name(tag)
        )
    try:
        d = Decimal(value)
    except InvalidOperation:
        raise ValidationError(f"{value!r} is not a number", _name(tag)) from None
    if not d.is_finite() or (d.is_signed() and d != 0):
        raise ValidationError(f"FVLN holds finite non-negative numbers, got {d}", _name(tag))
    _sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    mantissa = int("".join(map(str, digits))) if digits else 0
    if exp > 0:
        mantissa *= 10**exp
        exp = 0
    scale = -exp
    if scale > MAX_FVLN_SCALE:
        raise ValidationError(f"{d} has {scale} decimals; FVLN allows {MAX_FVLN_SCALE}",
                              _name(tag))
    raw = bytes((scale,)) + mantissa.to_bytes(max(1, (mantissa.bit_length() + 7) // 8), "little")
    if len(raw) > max_len:
        raise ValidationError(
            f"{d} needs {len(raw)} bytes; this FVLN holds at most {max_len}", _name(tag)
        )
    return raw


def decode_fvln(raw: bytes, tag: int | str | None = None) -> Decimal:
    """Inverse of :func:`encode_fvln`: ``03 E8 03`` → ``Decimal("1.000")``."""
    where = f" ({_name(tag)})" if tag is not None else ""
    if len(raw) < 2:
        raise DecodeError(f"FVLN value needs at least 2 bytes, got {len(raw)}{where}")
    if raw[0] > MAX_FVLN_SCALE:
        raise DecodeError(f"FVLN scale {raw[0]} exceeds {MAX_FVLN_SCALE}{where}")
    mantissa = int.from_bytes(raw[1:], "little")
    return Decimal((0, tuple(int(c) for c in str(mantissa)), -raw[0]))


# --- time ----------------------------------------------------------------------------------


def encode_unixtime(value: datetime, tag: int | str | None = None) -> bytes:
    """UnixTime: the wall-clock reading of ``value`` as Uint32 LE seconds "since 1970 UTC"."""
    if not isinstance(value, datetime):
        raise ValidationError(f"expected a datetime, got {type(value).__name__}", _name(tag))
    seconds = (value.replace(tzinfo=None, microsecond=0) - EPOCH) // timedelta(seconds=1)
    if not 0 <= seconds < 1 << 32:
        raise ValidationError(f"{value} is outside UnixTime's range 1970..2106", _name(tag))
    return seconds.to_bytes(4, "little")


def decode_unixtime(raw: bytes, tag: int | str | None = None) -> datetime:
    """Inverse of :func:`encode_unixtime`: a naive datetime (the KKT's wall clock)."""
    _expect_len(raw, 4, "UnixTime", tag)
    return EPOCH + timedelta(seconds=int.from_bytes(raw, "little"))


# --- text and bytes ------------------------------------------------------------------------


def encode_string(value: str, tag: int | str | None = None) -> bytes:
    """String: CP866 with no terminator. A character CP866 lacks raises ValidationError."""
    if not isinstance(value, str):
        raise ValidationError(f"expected a str, got {type(value).__name__}", _name(tag))
    try:
        return value.encode("cp866")
    except UnicodeEncodeError as exc:
        bad = value[exc.start : exc.end]
        raise ValidationError(
            f"character {bad!r} at position {exc.start} cannot be written in CP866; "
            "replace it (e.g. « » → \" \", — → -)",
            _name(tag),
        ) from None


def decode_string(raw: bytes, tag: int | str | None = None) -> str:
    """CP866 → str (every byte value maps to a character, so this cannot fail)."""
    return bytes(raw).decode("cp866")


# --- dispatch ------------------------------------------------------------------------------


def encode_scalar(dtype: DataType, value: object, tag: int | str | None = None,
                  max_len: int | None = None) -> bytes:
    """Encode ``value`` as ``dtype`` (not STLV) and check it against ``max_len`` bytes."""
    raw: bytes
    if dtype is DataType.BYTE:
        raw = encode_byte(value, tag)  # type: ignore[arg-type]
    elif dtype is DataType.UINT16:
        raw = encode_uint16(value, tag)  # type: ignore[arg-type]
    elif dtype is DataType.UINT32:
        raw = encode_uint32(value, tag)  # type: ignore[arg-type]
    elif dtype is DataType.VLN:
        raw = encode_vln(value, tag, max_len or 8)  # type: ignore[arg-type]
    elif dtype is DataType.FVLN:
        raw = encode_fvln(value, tag, max_len or 8)  # type: ignore[arg-type]
    elif dtype is DataType.UNIXTIME:
        raw = encode_unixtime(value, tag)  # type: ignore[arg-type]
    elif dtype is DataType.STRING:
        raw = encode_string(value, tag)  # type: ignore[arg-type]
    elif dtype is DataType.BYTES:
        if not isinstance(value, bytes | bytearray | memoryview):
            raise ValidationError(f"expected bytes, got {type(value).__name__}", _name(tag))
        raw = bytes(value)
    else:
        raise ValidationError("an STLV is a list of fields, not a scalar", _name(tag))
    if max_len is not None and len(raw) > max_len:
        raise ValidationError(
            f"value is {len(raw)} bytes; the tag allows at most {max_len}", _name(tag)
        )
    return raw


def decode_scalar(dtype: DataType, raw: bytes, tag: int | str | None = None) -> ScalarValue:
    """Decode one raw value of ``dtype`` (not STLV)."""
    if dtype is DataType.BYTE:
        return decode_byte(raw, tag)
    if dtype is DataType.UINT16:
        return decode_uint16(raw, tag)
    if dtype is DataType.UINT32:
        return decode_uint32(raw, tag)
    if dtype is DataType.VLN:
        return decode_vln(raw, tag)
    if dtype is DataType.FVLN:
        return decode_fvln(raw, tag)
    if dtype is DataType.UNIXTIME:
        return decode_unixtime(raw, tag)
    if dtype is DataType.STRING:
        return decode_string(raw, tag)
    if dtype is DataType.BYTES:
        return bytes(raw)
    raise DecodeError(f"an STLV is not a scalar ({_name(tag)})")
