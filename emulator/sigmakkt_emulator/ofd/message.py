"""Checking what a KKT sends the emulated OFD (reference §7, §5.4).

The message layout (session header + container) is parsed by the shared codec
:mod:`sigmakkt.protocol.ofd`; this module adds the OFD's own checks: the document STLV is decoded
with the shared FFD codec (:mod:`sigmakkt.protocol.ffd`) and every tag is checked against the tag
table for the FFD version the KKT was registered with — a tag that version does not define, or a
value of the wrong type or size, is a format error. The document must also name the same FN and
FD numbers as the container, and carry its fiscal sign (1077).
"""

from __future__ import annotations

from dataclasses import dataclass

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd.document import Document, Field, decode_document
from sigmakkt.protocol.ffd.fiscal_sign import fiscal_sign_value
from sigmakkt.protocol.ffd.tlv import iter_tlv
from sigmakkt.protocol.ofd import Message

#: 1209 FFD version code → tag-table version (reference §5.2).
FFD_BY_CODE = {1: "1.05", 2: "1.05", 3: "1.1", 4: "1.2"}
#: Registration and re-registration reports: they declare the FFD version (1209).
REGISTRATION_TYPES = frozenset({1, 11})


class FormatError(Exception):
    """The document is not valid FFD: the OFD answers with a non-zero 1022 code."""


@dataclass(frozen=True, slots=True)
class CheckedDocument:
    """A valid document: its decoded form, the FFD version used, its fiscal sign (1077)."""

    document: Document
    stlv: bytes
    ffd: str
    fiscal_sign: int


def ffd_of(doc: Document) -> str | None:
    """The FFD version a registration report declares (1209), or None."""
    code = doc.get(1209)
    return FFD_BY_CODE.get(code) if isinstance(code, int) else None


def _walk(fields: list[Field], ffd: str | None, where: str) -> None:
    """Every tag known, and (``ffd`` given) defined in that FFD version."""
    for f in fields:
        spec = f.spec
        if spec is None:
            raise FormatError(f"{where}: unknown tag {f.tag}")
        if ffd is not None and ffd not in spec.versions:
            raise FormatError(f"{where}: tag {f.tag} ({spec.json_name}) is not in FFD {ffd}")
        if isinstance(f.value, list):
            _walk(f.value, ffd, f"{where}/{f.tag}")


def check_document(msg: Message, registered_ffd: str | None, *,
                   strict_versions: bool = True) -> CheckedDocument:
    """Decode and validate the document of ``msg``; FormatError says what is wrong.

    ``registered_ffd`` is the version from the FN's registration report, if the OFD has it; a
    registration report is checked against the version it declares itself.
    ``strict_versions=False`` skips the per-version check (tags must still be known).
    """
    box = msg.container
    try:
        stlv = box.document_bytes()
        doc = decode_document(stlv)
    except (DecodeError, ValidationError) as exc:
        raise FormatError(f"document does not decode: {exc}") from exc
    if doc.doc_type != box.doc_type:
        raise FormatError(f"STLV tag {doc.doc_type} differs from container type {box.doc_type}")
    ffd = (ffd_of(doc) if doc.doc_type in REGISTRATION_TYPES else None) or registered_ffd or "1.2"
    _walk(doc.fields, ffd if strict_versions else None, f"document {doc.doc_type}")
    if doc.get(1040) != box.fd_number:
        raise FormatError(f"1040 = {doc.get(1040)!r}, container FD {box.fd_number}")
    if doc.get(1041) != box.fn_number:
        raise FormatError(f"1041 = {doc.get(1041)!r}, container FN {box.fn_number}")
    sign = doc.get(1077)
    if not isinstance(sign, bytes):
        raise FormatError("fiscal sign 1077 is missing")
    try:
        value = fiscal_sign_value(sign)
    except DecodeError as exc:
        raise FormatError(str(exc)) from exc
    return CheckedDocument(doc, stlv, ffd, value)


def find_fiscal_sign(body: bytes) -> int:
    """Best effort: the 1077 value of a document that failed validation (0 if not found), so
    that the refusal still carries an operator sign the FN can check."""
    try:
        outer = next(iter_tlv(body))
        for t in iter_tlv(outer.value):
            if t.tag == 1077:
                return fiscal_sign_value(bytes(t.value))
    except (DecodeError, StopIteration):
        pass
    return 0
