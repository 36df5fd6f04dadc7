"""Document building: 06h cancel and 07h send TLV data (S2 §4.3; reference §2.2).

The extra data of error answers to 07h (0Bh/0Ch: Uint16 tag) is parsed by
:func:`sigmakkt.fn.errors.fn_error_from_answer`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sigmakkt.protocol.fn.codes import CommandCode
from sigmakkt.protocol.fn.command import Command, EmptyCodec, NoData, StructCodec
from sigmakkt.protocol.fn.types import GreedyBytes

__all__ = ["CANCEL_DOCUMENT", "SEND_DOCUMENT_DATA", "DocumentData"]


@dataclass(frozen=True, slots=True)
class DocumentData:
    """07h request: whole TLVs/STLVs of the open document (never split across frames; S2
    v1.2.06 forbids zero-length data, which the FN answers with 01h)."""

    tlv: bytes


CANCEL_DOCUMENT: Command[NoData, NoData] = Command(
    CommandCode.CANCEL_DOCUMENT, "CANCEL_DOCUMENT", EmptyCodec(), EmptyCodec(),
    "Отменить документ: drops all 07h data of the open document",
)

SEND_DOCUMENT_DATA: Command[DocumentData, NoData] = Command(
    CommandCode.SEND_DOCUMENT_DATA, "SEND_DOCUMENT_DATA",
    StructCodec(DocumentData, [("tlv", GreedyBytes)]), EmptyCodec(),
    "Передать данные документа",
)
