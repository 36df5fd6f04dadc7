"""Read signed documents back from the FN archive.

45h (document type and length) arms 46h, which returns the document's top-level TLVs one at a
time and answers 08h ("no data") after the last (fn-protocol reference §2.6). The TLVs joined
and wrapped in the document-type STLV are the document as signed; the shared FFD codec decodes
it. 40h gives a document's fixed summary (type, time, FD, sign, operation and total) cheaply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sigmakkt.fn.client import FiscalStorage
from sigmakkt.fn.errors import FNNoData
from sigmakkt.protocol.ffd import Document, decode_fields
from sigmakkt.protocol.fn.commands import (
    FIND_DOCUMENT,
    GET_DOCUMENT_TLV_INFO,
    GET_STATUS,
    READ_DOCUMENT_TLV,
    DocumentNumber,
    FoundDocument,
)


def find_document(fn: FiscalStorage, fd: int) -> FoundDocument:
    """40h: the summary of document ``fd`` (raises the FN's error when there is none)."""
    return fn.execute(FIND_DOCUMENT, DocumentNumber(fd))


def read_document(fn: FiscalStorage, fd: int) -> Document:
    """45h + 46h…: document ``fd`` decoded with the FFD codec."""
    info = fn.execute(GET_DOCUMENT_TLV_INFO, DocumentNumber(fd))
    body = bytearray()
    while True:
        try:
            part = fn.execute(READ_DOCUMENT_TLV)
        except FNNoData:
            break
        body += part.data
        if len(body) >= info.length:
            break
    return Document(int(info.document_type), decode_fields(bytes(body)))


def iter_documents(fn: FiscalStorage, since: dt.datetime | None = None,
                   until: dt.datetime | None = None, *, first: int = 1) -> Iterator[Document]:
    """Documents from FD ``first`` to the last, whose time lies in [since, until]."""
    last = fn.execute(GET_STATUS).last_fd
    for fd in range(first, last + 1):
        if since is not None or until is not None:
            when = find_document(fn, fd).datetime
            if since is not None and when < since:
                continue
            if until is not None and when > until:
                break
        yield read_document(fn, fd)
