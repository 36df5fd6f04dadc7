"""One fiscal document through the FN: Begin → 07h data in chunks → Complete; 06h to cancel.

The 07h data of a document is split into frames of whole top-level TLVs (S2 §4.3: a TLV is
never cut between two 07h commands; fn-protocol reference §2.2), each frame's data at most
:data:`~sigmakkt.protocol.fn.frame.MAX_DATA` (1536) bytes. :func:`run_document` sends a whole
document and resolves a lost answer by asking the FN (:mod:`.recovery`), so a document is never
signed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sigmakkt.errors import FNError, OutcomeUnknown, SigmaKKTError, ValidationError
from sigmakkt.fn.client import CommandCodec, FiscalStorage
from sigmakkt.protocol.ffd import Field, encode_fields, iter_tlv
from sigmakkt.protocol.fn.command import NO_DATA
from sigmakkt.protocol.fn.commands import (
    CANCEL_DOCUMENT,
    SEND_DOCUMENT_DATA,
    DocumentData,
    FoundDocument,
)
from sigmakkt.protocol.fn.frame import MAX_DATA
from sigmakkt.register import recovery

log = logging.getLogger("sigmakkt.register")

Ans = TypeVar("Ans")


def chunk_tlv(data: bytes, limit: int = MAX_DATA) -> Iterator[bytes]:
    """Split a TLV list into chunks of whole TLVs of at most ``limit`` bytes each."""
    chunk = bytearray()
    for tlv in iter_tlv(data):
        size = tlv.size
        if size > limit:
            raise ValidationError(f"tag {tlv.tag} is {size} bytes; a 07h frame holds {limit}",
                                  "document")
        if len(chunk) + size > limit:
            yield bytes(chunk)
            chunk = bytearray()
        chunk += data[tlv.offset:tlv.offset + size]
    if chunk:
        yield bytes(chunk)


class DocumentSession:
    """Send one document's pieces to ``fn``; counts the 07h frames it sent."""

    def __init__(self, fn: FiscalStorage) -> None:
        self.fn = fn
        self.frames = 0

    def begin(self, command: CommandCodec[Any, Any], request: Any = NO_DATA) -> None:
        """Send the document's Begin command."""
        self.fn.execute(command, request)

    def send(self, fields: list[Field]) -> None:
        """Send the fields with 07h, in as few frames of whole TLVs as fit."""
        self.send_bytes(encode_fields(fields))

    def send_bytes(self, data: bytes) -> None:
        """Send encoded TLVs with 07h, in as few frames of whole TLVs as fit."""
        for chunk in chunk_tlv(data):
            self.fn.execute(SEND_DOCUMENT_DATA, DocumentData(chunk))
            self.frames += 1

    def complete(self, command: CommandCodec[Any, Ans], request: Any = NO_DATA) -> Ans:
        """Send the Complete command and return the FN's answer (FD, FPD …)."""
        return self.fn.execute(command, request)

    def cancel(self) -> None:
        """06h: drop the open document (harmless when none is open)."""
        self.fn.execute(CANCEL_DOCUMENT)


def run_document(fn: FiscalStorage, what: str, begin: tuple[CommandCodec[Any, Any], Any],
                 data: bytes, complete: tuple[CommandCodec[Any, Ans], Any], before_fd: int,
                 matches: Callable[[FoundDocument], bool]) -> Ans | FoundDocument:
    """Begin → 07h → Complete, resolving a lost answer (see :mod:`.recovery`).

    Returns the Complete answer, or the document the FN had signed when that answer was lost;
    when the FN refuses a command, the open document is cancelled and the error re-raised.
    """
    session = DocumentSession(fn)
    try:
        session.begin(*begin)
        if data:
            session.send_bytes(data)
        answer = session.complete(*complete)
    except OutcomeUnknown as exc:
        return recovery.resolve(fn, before_fd, recovery.Expected(what, matches), exc)
    except FNError:
        try:
            session.cancel()
        except SigmaKKTError:
            log.warning("could not cancel the %s after the FN refused it", what)
        raise
    return answer
