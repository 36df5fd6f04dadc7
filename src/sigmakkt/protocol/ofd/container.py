"""The KKT–OFD transport: session header, container and message (fn-protocol reference §7).

What the FN hands the KKT with 22h/23h ("Сообщение") and what the KKT sends to the OFD over TCP is
a :class:`Message`: a 30-byte :class:`SessionHeader` followed by one :class:`Container`.

Session header, 30 bytes, integers little-endian (layout of ``yandex/ofd`` ``SessionHeader``,
its test vector pinned in our tests)::

    0  4  signature 2A 08 41 0A
    4  2  S-protocol version 81 A2
    6  2  A-protocol version (yandex/ofd sends 00 01; others seen: 00 02, 01 00, 01 05, 01 10)
    8 16  FN number, ASCII, space-padded on the right
   24  2  Uint16 length of the container that follows
   26  2  Uint16 flags (0x0014 both ways: "response expected, container present, no CRC")
   28  2  Uint16 CRC of the header (0 when not computed, as with flags 0x0014)

Container header, 32 bytes (``yandex/ofd`` ``FrameHeader``; FD number binary per yandex/ofd#6)::

    0  2  Uint16 LE length of the whole container (header + body)
    2  2  Uint16 LE CRC-16/CCITT-FALSE over bytes 0–1 and 4–end (CRC field excluded)
    4  1  message type A5h
    5  1  document type (FFD code: 1, 3, 7 …)
    6  1  container version, 1
    7  2  service data
    9  8  FN number, BCD, two digits a byte, high nibble first; a shorter number is padded
          with F nibbles (the yandex/ofd sample holds the 15-digit 999907891234567 as
          99 99 07 89 12 34 56 7F)
   17  3  FD number, big-endian
   20 12  service data
   32  …  body: the document STLV (encrypted when 1056 is set) and trailing bytes (10 in the
          sample, presumably the message fiscal sign; UNCERTAIN)

The OFD's reply (our choice; a real FN only accepts replies signed by the OFD's crypto unit,
yandex/ofd#6): a :class:`Message` with flags 0x0014, the same A-version and FN number, whose
container has document type 7 (operator confirmation), the FD number acknowledged, and as body
the STLV built by :meth:`OperatorAck.to_document` — following the ``yandex/ofd`` mock OFD:

    7 operatorAck { 1012 dateTime, 1017 ofdInn, 1041 fiscalDriveNumber,
                    1040 fiscalDocumentNumber, 1068 messageToFn { 1022 ofdResponseCode },
                    1078 operatorSign (opaque, ≤ 18 bytes; omitted when empty) }

with no trailing bytes. FN command 26h ("pass the OFD receipt") is given the *container* of that
reply, without the session header (whether a real FN wants the header is UNCERTAIN, reference
§7); :func:`strip_session_header` turns either form into the container, so a receiver can accept
both.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import datetime

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.protocol.ffd.document import Document, Field, decode_document, encode_document
from sigmakkt.protocol.ffd.tags import Tag
from sigmakkt.protocol.ffd.tlv import HEADER_SIZE
from sigmakkt.protocol.ffd.values import DocumentType

__all__ = [
    "A_VERSION",
    "CONTAINER_HEADER_SIZE",
    "DEFAULT_FLAGS",
    "MAX_CONTAINER",
    "MESSAGE_TYPE",
    "SESSION_HEADER_SIZE",
    "SIGNATURE",
    "S_VERSION",
    "Container",
    "Message",
    "OperatorAck",
    "SessionHeader",
    "decode_bcd_fn",
    "encode_bcd_fn",
    "make_ack",
    "strip_session_header",
]

SIGNATURE = b"\x2a\x08\x41\x0a"
S_VERSION = b"\x81\xa2"
#: A-protocol version sent by default (that of the yandex/ofd sample).
A_VERSION = b"\x00\x01"
#: "Response expected, container present, no CRC" (reference §7, S5).
DEFAULT_FLAGS = 0x0014
MESSAGE_TYPE = 0xA5
CONTAINER_VERSION = 1
SESSION_HEADER_SIZE = 30
CONTAINER_HEADER_SIZE = 32
#: Largest container (reference §7: 32 KB).
MAX_CONTAINER = 32 * 1024

_SESSION = struct.Struct("<4s2s2s16sHHH")
_CONTAINER = struct.Struct("<HHBBB2s8s3s12s")


def encode_bcd_fn(fn_number: str) -> bytes:
    """FN number → 8 BCD bytes (high nibble first, padded with F nibbles to 16)."""
    if not fn_number.isascii() or not fn_number.isdigit() or len(fn_number) > 16:
        raise ValidationError(f"FN number {fn_number!r} must be 1..16 decimal digits",
                              "fn_number")
    return bytes.fromhex(fn_number.ljust(16, "F"))


def decode_bcd_fn(raw: bytes) -> str:
    """8 BCD bytes → FN number (trailing F nibbles dropped)."""
    text = bytes(raw).hex().upper().rstrip("F")
    if len(raw) != 8 or not text.isdigit():
        raise DecodeError(f"FN number {bytes(raw).hex()} is not BCD")
    return text


@dataclass(frozen=True, slots=True)
class SessionHeader:
    """The 30-byte session header; ``length`` is the length of the container that follows."""

    fn_number: str
    length: int
    flags: int = DEFAULT_FLAGS
    crc: int = 0
    a_version: bytes = A_VERSION

    def pack(self) -> bytes:
        """The 30 header bytes."""
        fn = self.fn_number.encode("ascii", "replace")
        if len(fn) > 16:
            raise ValidationError("FN number is at most 16 characters", "fn_number")
        if len(self.a_version) != 2:
            raise ValidationError("A-protocol version is 2 bytes", "a_version")
        for name, v in (("length", self.length), ("flags", self.flags), ("crc", self.crc)):
            if not 0 <= v <= 0xFFFF:
                raise ValidationError(f"{v} does not fit in a Uint16", name)
        return _SESSION.pack(SIGNATURE, S_VERSION, self.a_version, fn.ljust(16, b" "),
                             self.length, self.flags, self.crc)

    @classmethod
    def unpack(cls, data: bytes | bytearray | memoryview) -> SessionHeader:
        """Parse the first 30 bytes of ``data``; DecodeError if they are not a session header."""
        if len(data) < SESSION_HEADER_SIZE:
            raise DecodeError(f"session header needs 30 bytes, got {len(data)}")
        sig, s_ver, a_ver, fn, length, flags, crc = _SESSION.unpack_from(bytes(data[:30]))
        if sig != SIGNATURE:
            raise DecodeError(f"bad session signature {sig.hex()} (expected 2a08410a)")
        if s_ver != S_VERSION:
            raise DecodeError(f"bad S-protocol version {s_ver.hex()} (expected 81a2)")
        try:
            fn_text = fn.decode("ascii").rstrip(" ")
        except UnicodeDecodeError:
            raise DecodeError(f"FN number {fn.hex()} in the session header is not ASCII") from None
        return cls(fn_text, length, flags, crc, a_ver)


@dataclass(frozen=True, slots=True)
class Container:
    """A container: 32-byte header and body. ``pack`` fills in the length and CRC."""

    doc_type: int
    fn_number: str
    fd_number: int
    body: bytes
    version: int = CONTAINER_VERSION
    service1: bytes = b"\x00\x00"
    service2: bytes = bytes(12)

    def _header(self, length: int, crc: int) -> bytes:
        if not 0 <= self.fd_number < 1 << 24:
            raise ValidationError(f"FD number {self.fd_number} does not fit in 3 bytes",
                                  "fd_number")
        if len(self.service1) != 2 or len(self.service2) != 12:
            raise ValidationError("service data is 2 and 12 bytes", "service")
        for name, v in (("doc_type", self.doc_type), ("version", self.version)):
            if not 0 <= v <= 0xFF:
                raise ValidationError(f"{v} does not fit in a byte", name)
        return _CONTAINER.pack(length, crc, MESSAGE_TYPE, self.doc_type, self.version,
                               self.service1, encode_bcd_fn(self.fn_number),
                               self.fd_number.to_bytes(3, "big"), self.service2)

    def pack(self) -> bytes:
        """Header (with length and CRC computed) + body."""
        length = CONTAINER_HEADER_SIZE + len(self.body)
        if length > MAX_CONTAINER:
            raise ValidationError(f"container is {length} bytes; at most {MAX_CONTAINER}")
        raw = self._header(length, 0) + bytes(self.body)
        return raw[:2] + crc16_ccitt_false(raw[:2] + raw[4:]).to_bytes(2, "little") + raw[4:]

    @classmethod
    def unpack(cls, data: bytes | bytearray | memoryview) -> Container:
        """Parse exactly one container; DecodeError on a bad length, type, BCD or CRC."""
        buf = bytes(data)
        if len(buf) < CONTAINER_HEADER_SIZE:
            raise DecodeError(f"container needs at least 32 bytes, got {len(buf)}")
        length, crc, mtype, doc_type, version, s1, fn, fd, s2 = _CONTAINER.unpack_from(buf)
        if length != len(buf):
            raise DecodeError(f"container length field says {length}, got {len(buf)} bytes")
        if mtype != MESSAGE_TYPE:
            raise DecodeError(f"container message type {mtype:02X}h (expected A5h)")
        actual = crc16_ccitt_false(buf[:2] + buf[4:])
        if actual != crc:
            raise DecodeError(f"container CRC {crc:04X} does not match contents ({actual:04X})")
        return cls(doc_type, decode_bcd_fn(fn), int.from_bytes(fd, "big"),
                   buf[CONTAINER_HEADER_SIZE:], version, s1, s2)

    def document_bytes(self) -> bytes:
        """The document STLV at the start of the body (without trailing bytes)."""
        if len(self.body) < HEADER_SIZE:
            raise DecodeError(f"container body of {len(self.body)} bytes holds no document")
        (length,) = struct.unpack_from("<H", self.body, 2)
        end = HEADER_SIZE + length
        if end > len(self.body):
            raise DecodeError(f"document STLV needs {end} bytes, body has {len(self.body)}")
        return self.body[:end]

    @property
    def trailer(self) -> bytes:
        """Bytes of the body after the document STLV (the sample has 10)."""
        return self.body[len(self.document_bytes()):]

    def document(self) -> Document:
        """The body's document decoded (unencrypted bodies only)."""
        return decode_document(self.document_bytes())


@dataclass(frozen=True, slots=True)
class Message:
    """Session header + container: what 22h/23h yield and what travels to and from the OFD."""

    container: Container
    flags: int = DEFAULT_FLAGS
    a_version: bytes = A_VERSION
    header_crc: int = 0
    session_fn_number: str | None = field(default=None)

    @property
    def fn_number(self) -> str:
        """FN number of the session header (that of the container unless set apart)."""
        return self.session_fn_number or self.container.fn_number

    def pack(self) -> bytes:
        body = self.container.pack()
        head = SessionHeader(self.fn_number, len(body), self.flags, self.header_crc,
                             self.a_version)
        return head.pack() + body

    @classmethod
    def unpack(cls, data: bytes | bytearray | memoryview) -> Message:
        """Parse exactly one message (trailing or missing bytes raise DecodeError)."""
        buf = bytes(data)
        head = SessionHeader.unpack(buf)
        rest = buf[SESSION_HEADER_SIZE:]
        if head.length != len(rest):
            raise DecodeError(
                f"session header announces {head.length} container bytes, got {len(rest)}"
            )
        container = Container.unpack(rest)
        session_fn = None if head.fn_number == container.fn_number else head.fn_number
        return cls(container, head.flags, head.a_version, head.crc, session_fn)


def strip_session_header(data: bytes | bytearray | memoryview) -> bytes:
    """The container bytes of ``data``, whether or not a session header precedes them."""
    buf = bytes(data)
    if buf[:4] == SIGNATURE:
        head = SessionHeader.unpack(buf)
        return buf[SESSION_HEADER_SIZE : SESSION_HEADER_SIZE + head.length]
    return buf


@dataclass(frozen=True, slots=True)
class OperatorAck:
    """The OFD's confirmation of one document (document type 7; see the module docstring).

    ``answer_code`` is 1022 (0 = accepted); ``operator_sign`` is 1078 (ФПО), opaque bytes.
    """

    fn_number: str
    fd_number: int
    when: datetime
    ofd_inn: str
    answer_code: int = 0
    operator_sign: bytes = b""

    def to_document(self) -> Document:
        fields = [
            Field(Tag.DATE_TIME, self.when),
            Field(Tag.OFD_INN, self.ofd_inn),
            Field(Tag.FISCAL_DRIVE_NUMBER, self.fn_number),
            Field(Tag.FISCAL_DOCUMENT_NUMBER, self.fd_number),
            Field(Tag.MESSAGE_TO_FN, [Field(Tag.OFD_RESPONSE_CODE, self.answer_code)]),
        ]
        if self.operator_sign:
            fields.append(Field(Tag.OPERATOR_SIGN, self.operator_sign))
        return Document(DocumentType.OPERATOR_ACK, fields)

    @classmethod
    def from_document(cls, doc: Document) -> OperatorAck:
        """Read an ack document; DecodeError when a required tag is missing or mistyped."""
        if doc.doc_type != DocumentType.OPERATOR_ACK:
            raise DecodeError(f"document type {doc.doc_type} is not an operator ack (7)")
        when, inn = doc.get(Tag.DATE_TIME), doc.get(Tag.OFD_INN)
        fn, fd = doc.get(Tag.FISCAL_DRIVE_NUMBER), doc.get(Tag.FISCAL_DOCUMENT_NUMBER)
        msg = doc.get(Tag.MESSAGE_TO_FN)
        code = doc.get(Tag.OFD_RESPONSE_CODE)  # tolerate 1022 at top level too
        if isinstance(msg, list):
            code = next((f.value for f in msg if f.tag == Tag.OFD_RESPONSE_CODE), code)
        sign = doc.get(Tag.OPERATOR_SIGN)
        if not (isinstance(when, datetime) and isinstance(inn, str) and isinstance(fn, str)
                and isinstance(fd, int) and isinstance(code, int)):
            raise DecodeError("operator ack lacks one of 1012, 1017, 1041, 1040, 1022")
        return cls(fn, fd, when, inn, code, sign if isinstance(sign, bytes) else b"")

    def container(self) -> Container:
        """The reply container (what FN command 26h is given)."""
        return Container(DocumentType.OPERATOR_ACK, self.fn_number, self.fd_number,
                         encode_document(self.to_document()))

    @classmethod
    def from_container(cls, data: bytes | bytearray | memoryview) -> OperatorAck:
        """Parse a reply, with or without its session header."""
        return cls.from_document(Container.unpack(strip_session_header(data)).document())


def make_ack(request: Message, when: datetime, ofd_inn: str, answer_code: int = 0,
             operator_sign: bytes = b"") -> Message:
    """The OFD's reply :class:`Message` to ``request`` (same FN, FD number, A-version, flags)."""
    ack = OperatorAck(request.container.fn_number, request.container.fd_number, when, ofd_inn,
                      answer_code, operator_sign)
    return Message(ack.container(), request.flags, request.a_version, 0,
                   request.session_fn_number)
