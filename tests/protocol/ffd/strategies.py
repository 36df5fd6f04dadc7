"""Hypothesis strategies for FFD fields and documents (shared by the property tests)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from hypothesis import strategies as st

from sigmakkt.protocol.ffd import TAGS, DataType, Document, Field, TagSpec, encode_fields

CP866 = bytes(range(256)).decode("cp866")
_FIELD_SPECS = [s for s in TAGS.values() if not s.is_document]
_SCALAR_SPECS = [s for s in _FIELD_SPECS if s.dtype is not DataType.STLV]
_STLV_SPECS = [s for s in _FIELD_SPECS if s.dtype is DataType.STLV]
_UNKNOWN = st.integers(0, 0xFFFF).filter(lambda t: t not in TAGS or TAGS[t].is_document)


def scalar_value(spec: TagSpec) -> st.SearchStrategy[object]:
    """A value that fits ``spec``'s type and maximum length."""
    n = min(spec.max_len, 40)
    dt = spec.dtype
    if dt is DataType.BYTE:
        return st.integers(0, 255)
    if dt is DataType.UINT16:
        return st.integers(0, 0xFFFF)
    if dt is DataType.UINT32:
        return st.integers(0, 0xFFFFFFFF)
    if dt is DataType.VLN:
        return st.integers(0, 2 ** (8 * min(spec.max_len, 8)) - 1)
    if dt is DataType.FVLN:
        return st.builds(lambda m, s: Decimal(m).scaleb(-s),
                         st.integers(0, 2 ** (8 * (spec.max_len - 1)) - 1), st.integers(0, 9))
    if dt is DataType.UNIXTIME:
        return st.datetimes(datetime(1970, 1, 1), datetime(2106, 2, 7)).map(
            lambda d: d.replace(microsecond=0))
    if dt is DataType.STRING:
        return st.text(alphabet=CP866, max_size=n)
    return st.binary(max_size=n)


def scalar_field() -> st.SearchStrategy[Field]:
    known = st.sampled_from(_SCALAR_SPECS).flatmap(
        lambda s: scalar_value(s).map(lambda v: Field(s.tag, v)))  # type: ignore[arg-type]
    unknown = st.builds(Field, _UNKNOWN, st.binary(max_size=20))
    return st.one_of(known, unknown)


def _fits(spec: TagSpec, children: list[Field]) -> bool:
    return len(encode_fields(children)) <= spec.max_len


def stlv_field(depth: int = 2) -> st.SearchStrategy[Field]:
    inner = scalar_field() if depth <= 1 else st.one_of(scalar_field(), stlv_field(depth - 1))
    return st.sampled_from(_STLV_SPECS).flatmap(
        lambda s: st.lists(inner, max_size=3).filter(lambda c: _fits(s, c)).map(
            lambda c: Field(s.tag, c)))


def fields() -> st.SearchStrategy[list[Field]]:
    return st.lists(st.one_of(scalar_field(), stlv_field()), max_size=12)


def documents() -> st.SearchStrategy[Document]:
    doc_types = st.one_of(st.sampled_from([s.tag for s in TAGS.values() if s.is_document]),
                          st.integers(100, 0xFFFF).filter(lambda t: t not in TAGS))
    return st.builds(Document, doc_types, fields())
