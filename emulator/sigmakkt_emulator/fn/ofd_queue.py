"""Messages for the OFD (22h/23h) and the check of the OFD's receipt (26h).

Both are built with :mod:`sigmakkt.protocol.ofd`: a message is a session header + container
(message type A5h, the FFD document type, FN number in BCD, FD number 3 bytes big-endian, container
CRC) whose body is the archived document STLV (unencrypted: the emulated FN never sets 1056).
The OFD's receipt is the reply format that module documents (:class:`~sigmakkt.protocol.ofd.
OperatorAck`: container of document type 7 with 1012, 1017, 1041, 1040, 1068{1022}, 1078),
accepted with or without its session header.

Reject reasons of answer 20h (S2 §4.6.7, reference §2.5), checked in this order: 5 bad CRC
(container CRC), 2 bad format (anything that does not parse as an operator confirmation),
4 bad FN number, 3 bad FD number (not the message just sent), 6 bad OFD INN (not the one
registered), 1 bad fiscal sign: the operator sign 1078 is not :func:`operator_sign` of the
document. A real FN checks the OFD's GOST signature, which no emulator can produce
(yandex/ofd#6); the emulated FN and the emulated OFD server share this keyed stand-in instead.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import datetime

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.protocol.ffd.values import DocumentType
from sigmakkt.protocol.ofd import (
    CONTAINER_HEADER_SIZE,
    Container,
    Message,
    OperatorAck,
    strip_session_header,
)
from sigmakkt_emulator.fn.store import ArchivedDocument

#: Secret shared by the emulated FN and the emulated OFD server for the operator sign (1078).
OFD_SECRET = b"sigmakkt-emulated-ofd-v1"


def operator_sign(fn_number: str, fd: int, fiscal_sign: int) -> bytes:
    """The 18-byte operator sign (1078) the emulated OFD puts in its receipt for a document.

    ``fiscal_sign`` is the document's FPD (printed value of its 1077), so an OFD server that
    holds only the message can compute it.
    """
    msg = fn_number.encode("ascii") + struct.pack("<II", fd, fiscal_sign & 0xFFFFFFFF)
    return hmac.new(OFD_SECRET, msg, hashlib.sha256).digest()[:18]


def build_message(fn_number: str, doc: ArchivedDocument) -> bytes:
    """The message for the OFD carrying archived document ``doc``."""
    return Message(Container(doc.doc_type, fn_number, doc.fd, doc.tlv)).pack()


def build_receipt(fn_number: str, fd: int, fiscal_sign: int, when: datetime,
                  ofd_inn: str = "7704211201", answer_code: int = 0) -> bytes:
    """The OFD's receipt for document ``fd`` as the emulated OFD sends it (whole message)."""
    ack = OperatorAck(fn_number, fd, when, ofd_inn, answer_code,
                      operator_sign(fn_number, fd, fiscal_sign))
    return Message(ack.container()).pack()


@dataclass(frozen=True)
class AckResult:
    """Outcome of checking an OFD receipt: reject reason (0 = accepted) and its contents."""

    reject_reason: int
    answer_code: int = 0
    when: datetime = datetime(2000, 1, 1)
    operator_sign: bytes = b""
    operator_message: bytes = b""


def check_ack(data: bytes, fn_number: str, ofd_inn: str, doc: ArchivedDocument) -> AckResult:
    """Check the OFD's receipt for ``doc``; ``ofd_inn`` empty skips the OFD INN check."""
    try:
        raw = strip_session_header(data)
    except DecodeError:
        return AckResult(2)
    framed = len(raw) >= CONTAINER_HEADER_SIZE and int.from_bytes(raw[:2], "little") == len(raw)
    if framed and crc16_ccitt_false(raw[:2] + raw[4:]) != int.from_bytes(raw[2:4], "little"):
        return AckResult(5)
    try:
        container = Container.unpack(raw)
        if container.doc_type != DocumentType.OPERATOR_ACK:
            return AckResult(2)
        ack = OperatorAck.from_document(container.document())
    except (DecodeError, ValidationError):
        return AckResult(2)
    if container.fn_number != fn_number or ack.fn_number != fn_number:
        return AckResult(4)
    if container.fd_number != doc.fd or ack.fd_number != doc.fd:
        return AckResult(3)
    if ofd_inn and ack.ofd_inn.strip() != ofd_inn.strip():
        return AckResult(6)
    if not hmac.compare_digest(ack.operator_sign,
                               operator_sign(fn_number, doc.fd, doc.fiscal_sign)):
        return AckResult(1)
    return AckResult(0, ack.answer_code, ack.when, ack.operator_sign)
