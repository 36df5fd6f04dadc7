"""FN frame codec pinned to the vectors of fn-protocol reference §1."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import CRCError, FrameError
from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.protocol.fn import MAX_DATA, MAX_FRAME, Frame, FrameDecoder, encode_frame

SPEC_VECTORS = [
    (0x30, b"", "04 01 00 30 FF CD"),
    (0x31, b"", "04 01 00 31 DE DD"),
    (0x10, b"", "04 01 00 10 9D E9"),
    (0x21, b"\x01", "04 02 00 21 01 5E 4C"),
    (0x40, b"\x01\x00\x00\x00", "04 05 00 40 01 00 00 00 B5 EF"),
]


def test_crc_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1


@pytest.mark.parametrize(("code", "data", "wire"), SPEC_VECTORS)
def test_encode_matches_spec(code: int, data: bytes, wire: str) -> None:
    assert encode_frame(code, data) == bytes.fromhex(wire)


@pytest.mark.parametrize(("code", "data", "wire"), SPEC_VECTORS)
def test_decode_spec_request(code: int, data: bytes, wire: str) -> None:
    assert FrameDecoder(requests=True).feed(bytes.fromhex(wire)) == [Frame(code, data)]


def test_answer_warning_bit_is_split_off() -> None:
    wire = encode_frame(0x80 | 0x02)
    assert FrameDecoder().feed(wire) == [Frame(0x02, b"", warning=True)]
    assert FrameDecoder(requests=True).feed(wire) == [Frame(0x82, b"")]


def test_resync_after_garbage_and_enq() -> None:
    wire = b"\xff\x00\x05" + encode_frame(0x30) + b"\x05"
    frames = FrameDecoder(requests=True).feed(wire)
    assert [(f.code, f.enq) for f in frames] == [(5, True), (0x30, False), (5, True)]
    # an answer decoder treats ENQ as garbage
    assert FrameDecoder().feed(wire) == [Frame(0x30)]


def test_crc_error_is_typed_and_keeps_good_frames() -> None:
    good = encode_frame(0x31)
    bad = bytearray(encode_frame(0x30, b"\x01\x02"))
    bad[-1] ^= 0xFF
    dec = FrameDecoder()
    with pytest.raises(CRCError) as err:
        dec.feed(good + bytes(bad) + good)
    assert err.value.frames == [Frame(0x31), Frame(0x31)]
    assert dec.buffered == 0


def test_oversize_len_rejected_without_buffering() -> None:
    dec = FrameDecoder()
    with pytest.raises(FrameError, match="LEN"):
        dec.feed(b"\x04\xff\xff\x30")
    assert dec.buffered < 4


def test_encode_rejects_oversize_data() -> None:
    encode_frame(0x07, bytes(MAX_DATA))
    with pytest.raises(FrameError):
        encode_frame(0x07, bytes(MAX_DATA + 1))


@given(
    frames=st.lists(
        st.tuples(st.integers(0, 0x7F), st.binary(max_size=MAX_DATA)), min_size=1, max_size=4
    ),
    cuts=st.lists(st.integers(1, 64), min_size=1, max_size=50),
)
def test_any_chunking_yields_the_same_frames(
    frames: list[tuple[int, bytes]], cuts: list[int]
) -> None:
    wire = b"".join(encode_frame(c, d) for c, d in frames)
    dec = FrameDecoder()
    out: list[Frame] = []
    pos = i = 0
    while pos < len(wire):
        n = cuts[i % len(cuts)]
        out += dec.feed(wire[pos : pos + n])
        pos += n
        i += 1
    assert out == [Frame(c, d) for c, d in frames]
    assert dec.buffered == 0


@given(st.binary(max_size=8000), st.integers(1, 3000))
def test_random_bytes_never_crash_or_grow(data: bytes, chunk: int) -> None:
    dec = FrameDecoder(requests=True)
    for pos in range(0, len(data), chunk):
        try:
            dec.feed(data[pos : pos + chunk])
        except FrameError:
            pass
        assert dec.buffered < MAX_FRAME
