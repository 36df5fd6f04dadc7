"""Property tests: random documents round-trip; random bytes never crash the decoders."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd import (
    Document,
    Field,
    decode_document,
    decode_fields,
    encode_document,
    encode_fields,
    encode_tlv,
    group_fields,
    json_dumps,
    json_loads,
)
from tests.protocol.ffd.strategies import documents, fields


@given(documents())
def test_documents_round_trip_bytes(doc: Document) -> None:
    raw = encode_document(doc)
    back = decode_document(raw)
    assert back == doc
    assert encode_document(back) == raw


@given(documents())
def test_documents_round_trip_json(doc: Document) -> None:
    canonical = Document(doc.doc_type, group_fields(doc.fields))
    back = Document.from_json(json_loads(json_dumps(doc.to_json())))
    assert back == canonical
    assert encode_document(back) == encode_document(canonical)


@given(fields())
def test_field_lists_round_trip(items: list[Field]) -> None:
    raw = encode_fields(items)
    assert decode_fields(raw) == items


@given(st.binary(max_size=600))
def test_random_bytes_into_decode_document(data: bytes) -> None:
    try:
        decode_document(data)
    except (DecodeError, ValidationError):
        pass


@given(st.binary(max_size=600))
def test_random_bytes_into_decode_fields(data: bytes) -> None:
    try:
        decode_fields(data)
    except (DecodeError, ValidationError):
        pass


_TAGS_OF_INTEREST = st.sampled_from([1059, 1084, 1163, 1223, 1040, 1023, 1012, 1030, 1077,
                                     1020, 1213, 2108, 1, 3, 9999])


@st.composite
def tlv_soup(draw: st.DrawFn, depth: int = 3) -> bytes:
    """Well-framed TLVs with random (often wrong-length) values of known tags, nested."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(_TAGS_OF_INTEREST)
        if depth and draw(st.booleans()):
            value = draw(tlv_soup(depth - 1))
        else:
            value = draw(st.binary(max_size=10))
        parts.append(encode_tlv(tag, value))
    return b"".join(parts)


@given(tlv_soup())
def test_structured_garbage_only_documented_errors(data: bytes) -> None:
    try:
        decode_fields(data)
        decode_document(encode_tlv(3, data))
    except (DecodeError, ValidationError):
        pass
