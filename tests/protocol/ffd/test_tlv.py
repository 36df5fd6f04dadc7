"""TLV framing: layout of fn-protocol reference §5.1; truncation and overrun are DecodeErrors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd.tlv import RawTLV, encode_tlv, iter_tlv, split_tlv


def test_encode_tlv_layout() -> None:
    # tag 1040 = 0x0410 LE, length 4 LE, value
    assert encode_tlv(1040, b"\x03\x00\x00\x00") == bytes.fromhex("1004040003000000")
    assert encode_tlv(0xFFFF, b"") == bytes.fromhex("ffff0000")
    with pytest.raises(ValidationError):
        encode_tlv(0x10000, b"")
    with pytest.raises(ValidationError):
        encode_tlv(1, bytes(0x10000))


def test_iter_tlv_offsets() -> None:
    data = bytes.fromhex("1004040003000000" "1e04010001" "ffff0000")
    assert split_tlv(data) == [
        RawTLV(1040, b"\x03\x00\x00\x00", 0),
        RawTLV(1054, b"\x01", 8),
        RawTLV(0xFFFF, b"", 13),
    ]
    assert split_tlv(b"") == []


@pytest.mark.parametrize("data", ["10", "100404", "1004040003", "100404000300000010"])
def test_truncated_or_overlong(data: str) -> None:
    with pytest.raises(DecodeError):
        split_tlv(bytes.fromhex(data))


@given(st.lists(st.tuples(st.integers(0, 0xFFFF), st.binary(max_size=40)), max_size=10))
def test_round_trip(pairs: list[tuple[int, bytes]]) -> None:
    data = b"".join(encode_tlv(t, v) for t, v in pairs)
    assert [(t.tag, t.value) for t in iter_tlv(data)] == pairs


@given(st.binary(max_size=300))
def test_random_bytes_only_decode_error(data: bytes) -> None:
    total = 0
    try:
        for tlv in iter_tlv(data):
            total += tlv.size
    except DecodeError:
        return
    assert total == len(data)
