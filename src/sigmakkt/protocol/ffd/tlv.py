"""Low-level TLV framing of FFD data (fn-protocol reference §5.1).

A TLV is ``Tag (Uint16 LE) | Length (Uint16 LE) | Value (Length bytes)``. An STLV is a TLV whose
value is itself a run of TLVs. This module only splits and joins; meanings live in
:mod:`.tags` and :mod:`.document`.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from sigmakkt.errors import DecodeError, ValidationError

__all__ = ["HEADER_SIZE", "MAX_VALUE", "RawTLV", "encode_tlv", "iter_tlv", "split_tlv"]

_HEAD = struct.Struct("<HH")
#: Bytes of tag + length.
HEADER_SIZE = _HEAD.size
#: The length field is a Uint16.
MAX_VALUE = 0xFFFF


@dataclass(frozen=True, slots=True)
class RawTLV:
    """One TLV as found in a byte string: its tag, value bytes and where it started."""

    tag: int
    value: bytes
    offset: int

    @property
    def size(self) -> int:
        """Bytes the whole TLV occupies (header + value)."""
        return HEADER_SIZE + len(self.value)


def encode_tlv(tag: int, raw_value: bytes) -> bytes:
    """Join ``tag``, the length of ``raw_value`` and the value."""
    if not 0 <= tag <= 0xFFFF:
        raise ValidationError(f"tag {tag} is outside 0..65535", f"tag {tag}")
    if len(raw_value) > MAX_VALUE:
        raise ValidationError(
            f"value is {len(raw_value)} bytes; a TLV holds at most {MAX_VALUE}", f"tag {tag}"
        )
    return _HEAD.pack(tag, len(raw_value)) + bytes(raw_value)


def iter_tlv(data: bytes | bytearray | memoryview) -> Iterator[RawTLV]:
    """Yield the TLVs of ``data`` in order.

    Raises :class:`~sigmakkt.errors.DecodeError` (only that) when a header is cut short or a
    length runs past the end of ``data``. Every step consumes at least 4 bytes, so it ends.
    """
    buf = bytes(data)
    pos = 0
    end = len(buf)
    while pos < end:
        if end - pos < HEADER_SIZE:
            raise DecodeError(
                f"truncated TLV header at offset {pos}: {end - pos} byte(s) left, need 4"
            )
        tag, length = _HEAD.unpack_from(buf, pos)
        start = pos + HEADER_SIZE
        if start + length > end:
            raise DecodeError(
                f"TLV tag {tag} at offset {pos} declares {length} bytes but only "
                f"{end - start} remain"
            )
        yield RawTLV(tag, buf[start : start + length], pos)
        pos = start + length


def split_tlv(data: bytes | bytearray | memoryview) -> list[RawTLV]:
    """All TLVs of ``data`` as a list (see :func:`iter_tlv`)."""
    return list(iter_tlv(data))
