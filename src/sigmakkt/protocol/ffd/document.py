"""Fiscal documents as typed, nested structures; bytes and the tax service's JSON both ways.

A document is an STLV whose tag is the document type (fn-protocol reference §5.1, §5.3): a
receipt is ``03 00 | len | TLV TLV …``. :func:`decode_document` turns those bytes into a
:class:`Document` whose :class:`Field` values are typed by the tag table (:mod:`.tags`):

* int for Byte / Uint16 / Uint32 / VLN (money in kopecks), ``Decimal`` for FVLN, str for String,
  bytes for ByteArray, a naive ``datetime`` for UnixTime (the KKT's wall clock, see
  :mod:`.types`), ``list[Field]`` for an STLV;
* a tag the table does not know keeps its raw value bytes, so it survives a round trip.

Limits: a value longer than the table's maximum, or a string CP866 cannot hold, raises
:class:`~sigmakkt.errors.ValidationError` naming the tag (on encode and on decode). Malformed
bytes raise :class:`~sigmakkt.errors.DecodeError`. STLVs nest at most :data:`MAX_DEPTH` deep.
Byte-exact round trips hold for canonical input (minimal VLN/FVLN mantissas); a non-minimal VLN
from a device decodes to the same number but re-encodes shorter.

JSON form (:meth:`Document.to_json` / :meth:`Document.from_json`), the tax service's names from
the tag table: ``{"receipt": {"fiscalDocumentNumber": 3, "items": [{...}], ...}}``.

* Integers and money (kopecks) are JSON integers; strings are strings.
* FVLN values (quantities) are ``decimal.Decimal`` in the dict — exact, and keeping the scale
  (``1.000`` stays three decimals, so the bytes ``03 E8 03`` come back). Serialise with
  :func:`json_dumps`, which writes them as JSON numbers digit for digit; :func:`json_loads`
  reads numbers with a fraction back as ``Decimal``. ``from_json`` also accepts int, float and
  str quantities.
* UnixTime is integer seconds, the form of the ``yandex/ofd`` JSON (whose tag names the table
  uses); ``from_json`` also accepts an ISO 8601 string (``"2017-03-03T11:38:00"``).
* ByteArray values are lowercase hex strings, except 1077 ``fiscalSign``: the printed decimal
  value (big-endian Uint32 of bytes 2..5, :mod:`.fiscal_sign`); when its first two bytes differ
  from :data:`~sigmakkt.protocol.ffd.fiscal_sign.FISCAL_SIGN_PREFIX`, they are kept as a hex
  string under ``"fiscalSignPrefix"`` beside it.
* STLVs are objects. A repeatable tag (items 1059, 1084, …) is always an array; any other tag
  becomes an array when it occurs more than once.
* A tag the table does not know is ``"tag<number>"`` with its raw value as hex (or an object if
  the caller built it as a list of fields). Unknown document types are ``"tag<number>"`` too.
* JSON objects do not record the interleaving of different tags: ``from_json`` returns the
  fields grouped by tag in first-occurrence order (see :func:`group_fields`).
"""

from __future__ import annotations

import json
import re
import struct
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd import fiscal_sign as _fs
from sigmakkt.protocol.ffd.tags import (
    TAGS,
    TAGS_BY_JSON,
    Tag,
    TagSpec,
    doc_type_by_json,
)
from sigmakkt.protocol.ffd.tlv import HEADER_SIZE, MAX_VALUE, encode_tlv, iter_tlv
from sigmakkt.protocol.ffd.types import (
    EPOCH,
    DataType,
    decode_scalar,
    encode_scalar,
)
from sigmakkt.protocol.ffd.values import FFDVersion

__all__ = [
    "MAX_DEPTH",
    "Document",
    "Field",
    "FieldValue",
    "decode_document",
    "decode_fields",
    "encode_document",
    "encode_fields",
    "fields_from_json",
    "fields_to_json",
    "group_fields",
    "json_dumps",
    "json_loads",
]

#: A field's value: scalar, or the fields of an STLV.
FieldValue = int | Decimal | str | bytes | datetime | list["Field"]

#: Deepest STLV nesting accepted below the document (real documents use 3).
MAX_DEPTH = 8

_UNKNOWN_KEY = re.compile(r"tag(\d{1,5})\Z")
_PREFIX_KEY = "fiscalSignPrefix"


def _field_spec(tag: int) -> TagSpec | None:
    """Table row for a tag inside a document (document-type tags are not fields)."""
    spec = TAGS.get(tag)
    return None if spec is None or spec.is_document else spec


@dataclass(frozen=True, slots=True)
class Field:
    """One TLV of a document: ``tag`` and its typed ``value`` (``list[Field]`` for an STLV)."""

    tag: int
    value: FieldValue

    @property
    def spec(self) -> TagSpec | None:
        """The tag table row, or None for a tag the table does not know."""
        return _field_spec(self.tag)

    @property
    def fields(self) -> list[Field]:
        """The nested fields of an STLV (empty for a scalar)."""
        return self.value if isinstance(self.value, list) else []

    def get(self, tag: int) -> FieldValue | None:
        """Value of the first nested field ``tag`` of this STLV, or None."""
        return _first(self.fields, tag)

    def get_all(self, tag: int) -> list[FieldValue]:
        """Values of every nested field ``tag`` of this STLV, in order."""
        return [f.value for f in self.fields if f.tag == tag]


def _first(fields: list[Field], tag: int) -> FieldValue | None:
    for f in fields:
        if f.tag == tag:
            return f.value
    return None


@dataclass(slots=True)
class Document:
    """A fiscal document: its type (the STLV tag, :class:`~.values.DocumentType`) and its fields."""

    doc_type: int
    fields: list[Field] = field(default_factory=list)

    def get(self, tag: int) -> FieldValue | None:
        """Value of the first top-level field ``tag``, or None."""
        return _first(self.fields, tag)

    def get_all(self, tag: int) -> list[FieldValue]:
        """Values of every top-level field ``tag``, in order."""
        return [f.value for f in self.fields if f.tag == tag]

    @property
    def items(self) -> list[Field]:
        """The item STLVs (1059) in order; read each with ``item.get(tag)``."""
        return [f for f in self.fields if f.tag == Tag.ITEMS]

    @property
    def fiscal_sign(self) -> int | None:
        """The printed fiscal sign (from 1077), or None when absent or not 6 bytes."""
        raw = self.get(Tag.FISCAL_SIGN)
        if isinstance(raw, bytes) and len(raw) == _fs.FISCAL_SIGN_SIZE:
            return _fs.fiscal_sign_value(raw)
        return None

    @property
    def ffd_version(self) -> str | None:
        """The FFD version of 1209 as "1.05"/"1.1"/"1.2" ("1.0" for 1), or None."""
        code = self.get(Tag.FISCAL_DOCUMENT_FORMAT_VER)
        if isinstance(code, int) and code in FFDVersion._value2member_map_:
            return FFDVersion(code).label or None  # 0 (3Ah's NOT_SET) is no tag value
        return None

    def to_bytes(self) -> bytes:
        """Same as :func:`encode_document`."""
        return encode_document(self)

    def to_json(self) -> dict[str, Any]:
        """The tax service's JSON form (see the module docstring)."""
        spec = TAGS.get(self.doc_type)
        key = spec.json_name if spec is not None and spec.is_document else f"tag{self.doc_type}"
        return {key: fields_to_json(self.fields)}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Document:
        """Inverse of :meth:`to_json`; bad input raises ValidationError naming the key."""
        if not isinstance(obj, dict) or len(obj) != 1:
            raise ValidationError("expected an object with exactly one key, the document type")
        ((key, body),) = obj.items()
        doc_type = doc_type_by_json(key)
        if doc_type is None:
            m = _UNKNOWN_KEY.match(key)
            if m is None or int(m.group(1)) > 0xFFFF:
                raise ValidationError("unknown document type", key)
            doc_type = int(m.group(1))
        if not isinstance(body, dict):
            raise ValidationError("document body must be an object", key)
        return cls(doc_type, fields_from_json(body))


# --- bytes ---------------------------------------------------------------------------------


def _check_len(tag: int, spec: TagSpec | None, size: int) -> None:
    if spec is not None and size > spec.max_len:
        raise ValidationError(
            f"value is {size} bytes; tag {tag} ({spec.json_name}) allows at most {spec.max_len}",
            f"tag {tag}",
        )


def decode_fields(data: bytes | bytearray | memoryview) -> list[Field]:
    """Decode a run of TLVs (an STLV's value, or what the KKT sends with 07h) into fields."""
    return _decode_fields(data, 0)


def _decode_fields(data: bytes | bytearray | memoryview, depth: int) -> list[Field]:
    if depth > MAX_DEPTH:
        raise DecodeError(f"STLVs nested deeper than {MAX_DEPTH} levels")
    out: list[Field] = []
    for tlv in iter_tlv(data):
        spec = _field_spec(tlv.tag)
        _check_len(tlv.tag, spec, len(tlv.value))
        value: FieldValue
        if spec is None:
            value = tlv.value
        elif spec.dtype is DataType.STLV:
            value = _decode_fields(tlv.value, depth + 1)
        else:
            value = decode_scalar(spec.dtype, tlv.value, tlv.tag)
        out.append(Field(tlv.tag, value))
    return out


def _encode_value(f: Field, depth: int) -> bytes:
    spec = _field_spec(f.tag)
    if isinstance(f.value, list):
        if spec is not None and spec.dtype is not DataType.STLV:
            raise ValidationError(
                f"tag {f.tag} ({spec.json_name}) is {spec.dtype.value}, not an STLV",
                f"tag {f.tag}",
            )
        raw = _encode_fields(f.value, depth + 1)
    elif spec is None or spec.dtype is DataType.STLV:
        if not isinstance(f.value, bytes | bytearray):
            what = "an unknown tag" if spec is None else "an STLV"
            raise ValidationError(
                f"{what} takes raw bytes or a list of fields, not {type(f.value).__name__}",
                f"tag {f.tag}",
            )
        raw = bytes(f.value)
    else:
        raw = encode_scalar(spec.dtype, f.value, f.tag, spec.max_len)
    _check_len(f.tag, spec, len(raw))
    return raw


def _encode_fields(fields: list[Field], depth: int) -> bytes:
    if depth > MAX_DEPTH:
        raise ValidationError(f"STLVs nested deeper than {MAX_DEPTH} levels")
    return b"".join(encode_tlv(f.tag, _encode_value(f, depth)) for f in fields)


def encode_fields(fields: list[Field]) -> bytes:
    """Encode fields as a run of TLVs (inverse of :func:`decode_fields`)."""
    return _encode_fields(fields, 0)


def decode_document(data: bytes | bytearray | memoryview) -> Document:
    """Decode a whole document STLV (tag = document type) into a :class:`Document`."""
    buf = bytes(data)
    if len(buf) < HEADER_SIZE:
        raise DecodeError(f"a document is one STLV; got only {len(buf)} byte(s)")
    (length,) = struct.unpack_from("<H", buf, 2)
    if HEADER_SIZE + length != len(buf):
        where = "after" if HEADER_SIZE + length < len(buf) else "missing from"
        raise DecodeError(
            f"document STLV declares {length} bytes; "
            f"{abs(len(buf) - HEADER_SIZE - length)} byte(s) {where} it"
        )
    first = next(iter_tlv(buf))
    spec = TAGS.get(first.tag)
    if spec is not None and spec.is_document:
        _check_len(first.tag, spec, len(first.value))
    return Document(first.tag, decode_fields(first.value))


def encode_document(doc: Document) -> bytes:
    """Encode a :class:`Document` as its STLV (inverse of :func:`decode_document`)."""
    body = encode_fields(doc.fields)
    spec = TAGS.get(doc.doc_type)
    if spec is not None and spec.is_document:
        _check_len(doc.doc_type, spec, len(body))
    if len(body) > MAX_VALUE:
        raise ValidationError(f"document body is {len(body)} bytes; at most {MAX_VALUE}")
    return encode_tlv(doc.doc_type, body)


# --- JSON ----------------------------------------------------------------------------------


def group_fields(fields: list[Field]) -> list[Field]:
    """Fields regrouped by tag in first-occurrence order, recursively (the JSON order)."""
    order: dict[int, list[Field]] = {}
    for f in fields:
        value = group_fields(f.value) if isinstance(f.value, list) else f.value
        order.setdefault(f.tag, []).append(Field(f.tag, value))
    return [f for group in order.values() for f in group]


def _value_to_json(f: Field) -> Any:
    spec = _field_spec(f.tag)
    v = f.value
    if isinstance(v, list):
        return fields_to_json(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, datetime):
        delta = v.replace(tzinfo=None) - EPOCH  # wall clock, as the FN stores it
        return delta.days * 86400 + delta.seconds
    if isinstance(v, bool):
        return int(v)
    if spec is None:  # pragma: no cover - decode keeps unknown tags as bytes
        raise ValidationError("unknown tags hold bytes or fields", f"tag {f.tag}")
    return v


def fields_to_json(fields: list[Field]) -> dict[str, Any]:
    """A list of fields as a JSON object (see the module docstring)."""
    groups: dict[int, list[Field]] = {}
    for f in fields:
        groups.setdefault(f.tag, []).append(f)
    out: dict[str, Any] = {}
    for tag, group in groups.items():
        spec = _field_spec(tag)
        key = spec.json_name if spec is not None else f"tag{tag}"
        if tag == Tag.FISCAL_SIGN:
            values = [_fiscal_sign_to_json(f.value) for f in group]
            prefixes = [p for _, p in values if p is not None]
            many = len(values) > 1
            out[key] = [v for v, _ in values] if many else values[0][0]
            if prefixes:
                pv = [p or _fs.FISCAL_SIGN_PREFIX.hex() for _, p in values]
                out[_PREFIX_KEY] = pv if many else pv[0]
            continue
        values_j = [_value_to_json(f) for f in group]
        repeat = len(group) > 1 or (spec is not None and spec.repeatable)
        out[key] = values_j if repeat else values_j[0]
    return out


def _fiscal_sign_to_json(value: FieldValue) -> tuple[Any, str | None]:
    if isinstance(value, bytes) and len(value) == _fs.FISCAL_SIGN_SIZE:
        prefix = value[:2]
        return _fs.fiscal_sign_value(value), (
            None if prefix == _fs.FISCAL_SIGN_PREFIX else prefix.hex()
        )
    if isinstance(value, bytes):
        return value.hex(), None
    raise ValidationError("fiscal sign must be bytes", "fiscalSign")


def _hex(value: Any, key: str) -> bytes:
    if not isinstance(value, str):
        raise ValidationError(f"expected a hex string, got {type(value).__name__}", key)
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise ValidationError(f"{value[:40]!r} is not hex", key) from None


def _scalar_from_json(spec: TagSpec, value: Any, key: str) -> FieldValue:
    dt = spec.dtype
    if dt in (DataType.BYTE, DataType.UINT16, DataType.UINT32, DataType.VLN):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected an integer, got {value!r}", key)
        return value
    if dt is DataType.FVLN:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValidationError(f"expected a number, got {value!r}", key)
        try:
            return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise ValidationError(f"{value!r} is not a number", key) from None
    if dt is DataType.UNIXTIME:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < 1 << 32:
                raise ValidationError(f"{value} is outside UnixTime's range", key)
            return EPOCH + timedelta(seconds=value)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value).replace(tzinfo=None)
            except ValueError:
                raise ValidationError(f"{value!r} is not an ISO 8601 date-time", key) from None
        raise ValidationError(f"expected seconds or an ISO string, got {value!r}", key)
    if dt is DataType.STRING:
        if not isinstance(value, str):
            raise ValidationError(f"expected a string, got {value!r}", key)
        return value
    return _hex(value, key)


def _one_from_json(tag: int, spec: TagSpec | None, value: Any, key: str) -> FieldValue:
    if isinstance(value, dict):
        if spec is not None and spec.dtype is not DataType.STLV:
            raise ValidationError(f"an object is only allowed for an STLV, not {spec.dtype}", key)
        return fields_from_json(value)
    if spec is None or spec.dtype is DataType.STLV:
        return _hex(value, key)
    return _scalar_from_json(spec, value, key)


def fields_from_json(obj: dict[str, Any]) -> list[Field]:
    """Inverse of :func:`fields_to_json`."""
    if not isinstance(obj, dict):
        raise ValidationError(f"expected an object, got {type(obj).__name__}")
    out: list[Field] = []
    for key, value in obj.items():
        if key == _PREFIX_KEY:
            continue
        spec = TAGS_BY_JSON.get(key)
        if spec is None:
            m = _UNKNOWN_KEY.match(key)
            if m is None or int(m.group(1)) > 0xFFFF:
                raise ValidationError("unknown JSON field name", key)
            tag = int(m.group(1))
            spec = _field_spec(tag)
        else:
            tag = spec.tag
        values = value if isinstance(value, list) else [value]
        if tag == Tag.FISCAL_SIGN:
            prefixes = obj.get(_PREFIX_KEY)
            plist = prefixes if isinstance(prefixes, list) else [prefixes] * len(values)
            if len(plist) != len(values):
                raise ValidationError("needs one prefix per fiscal sign", _PREFIX_KEY)
            for v, p in zip(values, plist, strict=True):
                out.append(Field(tag, _fiscal_sign_from_json(v, p)))
            continue
        for v in values:
            out.append(Field(tag, _one_from_json(tag, spec, v, key)))
    return out


def _fiscal_sign_from_json(value: Any, prefix: Any) -> bytes:
    if isinstance(value, str):
        return _hex(value, "fiscalSign")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 32:
        raise ValidationError(f"expected the printed value 0..4294967295, got {value!r}",
                              "fiscalSign")
    pre = _fs.FISCAL_SIGN_PREFIX if prefix is None else _hex(prefix, _PREFIX_KEY)
    if len(pre) != 2:
        raise ValidationError("the prefix is 2 bytes (4 hex digits)", _PREFIX_KEY)
    return _fs.fiscal_sign_bytes(value, pre)


# --- JSON text with exact decimals ---------------------------------------------------------

def json_dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` that writes ``Decimal`` values as JSON numbers, digit for digit.

    Each Decimal is first written as a string carrying a one-off random marker, which is then
    replaced by the bare number; no user string can contain the marker.
    """
    mark = f"dec{uuid.uuid4().hex}:"

    def default(o: object) -> str:
        if isinstance(o, Decimal):
            return f"{mark}{o}"
        if isinstance(o, bytes):
            return o.hex()
        raise TypeError(f"{type(o).__name__} is not JSON serialisable")

    kwargs.setdefault("ensure_ascii", False)
    text = json.dumps(obj, default=default, **kwargs)
    return re.sub(f'"{mark}([0-9.Ee+-]+)"', lambda m: m.group(1), text)


def json_loads(text: str | bytes) -> Any:
    """``json.loads`` that reads numbers with a fraction or exponent as ``Decimal``."""
    return json.loads(text, parse_float=Decimal)

