"""Fuzzing the pure decoders: FN frames, FFD TLV, OFD containers.

Each decoder takes random bytes and mutations of valid samples (see :mod:`.corpus`). The only
exceptions allowed are the documented ones: ``FrameError``/``CRCError`` for frames;
``DecodeError`` for malformed TLV and containers, and ``ValidationError`` for a TLV value
longer than its tag allows or a string CP866 cannot hold (documented in
``protocol/ffd/document.py``). Every example runs within :mod:`.budget`'s time and memory
bounds.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, FrameError, ValidationError
from sigmakkt.protocol.ffd import decode_document, decode_fields, encode_document
from sigmakkt.protocol.fn.frame import MAX_FRAME, FrameDecoder
from sigmakkt.protocol.ofd.container import Container, Message, SessionHeader
from tests.fuzz.budget import bounded
from tests.fuzz.corpus import corpus
from tests.fuzz.mutate import chunked, fuzz_input, mutated

_C = corpus()
FRAMES = _C.fn_requests
ANSWERS = FRAMES  # requests and answers share the frame layout
DOCS = _C.documents
MESSAGES = _C.messages
CONTAINERS = [m[30:] for m in MESSAGES]
#: What decoding TLV bytes may raise.
TLV_ERRORS = (DecodeError, ValidationError)


def test_corpus_is_valid() -> None:
    """The samples decode cleanly (else the mutation fuzzers start from noise)."""
    assert len(FRAMES) > 50 and len(DOCS) >= 8 and len(MESSAGES) == len(DOCS)
    assert len(FrameDecoder(requests=True).feed(b"".join(FRAMES))) == len(FRAMES)
    for raw in DOCS:
        assert encode_document(decode_document(raw)) == raw
    for raw in MESSAGES:
        assert Message.unpack(raw).pack() == raw


def _feed_frames(decoder: FrameDecoder, chunks: list[bytes]) -> int:
    frames = 0
    for chunk in chunks:
        try:
            frames += len(decoder.feed(chunk))
        except FrameError as exc:  # CRCError is a FrameError
            frames += len(exc.frames)
        assert decoder.buffered < MAX_FRAME
    return frames


@given(fuzz_input([*FRAMES, b"".join(FRAMES[:6])]), st.lists(st.integers(0, 4096), max_size=8),
       st.booleans())
def test_frame_decoder(data: bytes, cuts: list[int], requests: bool) -> None:
    with bounded():
        whole = FrameDecoder(requests=requests, answers=not requests)
        split = FrameDecoder(requests=requests, answers=not requests)
        n_whole = _feed_frames(whole, [data])
        n_split = _feed_frames(split, chunked(data, cuts))
    # Chunking must not change what is decoded (only where errors are reported).
    assert n_whole == n_split
    assert whole.buffered == split.buffered


#: Peak memory of the frame decoder for any amount of input: it works in MAX_FRAME slices.
DECODER_PEAK = 1024 * 1024


@given(st.binary(min_size=1, max_size=64), st.integers(1, 8))
def test_frame_decoder_garbage_stream(pattern: bytes, repeat_kib: int) -> None:
    """Garbage streams keep the buffer under one frame and the peak memory constant."""
    data = (pattern * (1024 // len(pattern) + 1))[:1024] * repeat_kib
    # worst case (all start bytes) ~0.35 s for 8 KiB: one CRC per resync, see below
    with bounded(seconds=20.0, peak=DECODER_PEAK + 2 * len(data)):
        _feed_frames(FrameDecoder(requests=True), [data])


def test_frame_decoder_worst_case_is_bounded() -> None:
    """32 KiB of start bytes, each announcing a 1028-byte frame that fails its CRC: memory
    stays constant (measured ~0.7 MiB for 16–256 KiB); time is ~40 µs a byte (one CRC over
    up to 1.5 KiB per resync), which is what a real FN's resync costs too."""
    data = b"\x04" * (32 * 1024)
    with bounded(seconds=30.0, peak=DECODER_PEAK + 2 * len(data)):
        assert _feed_frames(FrameDecoder(requests=True), [data]) == 0


@given(fuzz_input(DOCS))
def test_decode_fields(data: bytes) -> None:
    with bounded():
        try:
            decode_fields(data)
        except TLV_ERRORS:
            pass


@given(fuzz_input(DOCS))
def test_decode_document(data: bytes) -> None:
    with bounded():
        try:
            doc = decode_document(data)
        except TLV_ERRORS:
            return
        doc.to_json()  # whatever decodes must also render as the tax service's JSON


@given(st.one_of(fuzz_input(CONTAINERS), mutated(MESSAGES)))
def test_container_unpack(data: bytes) -> None:
    with bounded():
        try:
            box = Container.unpack(data)
        except DecodeError:
            return
        try:
            box.document()
        except TLV_ERRORS:
            pass


@given(st.one_of(fuzz_input(MESSAGES), mutated([m[:30] for m in MESSAGES])))
def test_message_and_session_header(data: bytes) -> None:
    with bounded():
        for parse in (Message.unpack, SessionHeader.unpack):
            try:
                parse(data)
            except DecodeError:
                pass
