"""Receipts of the FN archive as flat, typed records — the one pass over decoded documents that
every report reads.

Input is a sequence of :class:`sigmakkt.protocol.ffd.Document` (from ``Register.documents()`` or
the emulator's store). Receipts (document type 3), BSO (4) and their corrections (31, 41) become
:class:`ReceiptRecord`; other documents (shift reports, registration …) are skipped. Tags read
(FFD tables, fn-protocol reference §5): 1012 date-time, 1040 FD number, 1042 receipt number, 1038
shift, 1054 operation, 1020 total, 1021 cashier, 1031/1081/1215/1216/1217 payments, 1059 items
(1030 name, 1023 quantity, 1043 item total), 1173 correction type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass
from decimal import Decimal

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ffd import TAGS, Document, Field, decode_scalar, iter_tlv
from sigmakkt.register.enums import OperationType, PaymentType

__all__ = [
    "PAYMENT_TAGS",
    "RECEIPT_DOC_TYPES",
    "ItemRecord",
    "Progress",
    "ReceiptRecord",
    "receipt_from_bytes",
    "receipt_from_document",
    "receipts_from_bytes",
    "receipts_from_documents",
]

#: Document types that are receipts: receipt, BSO, correction receipt, correction BSO.
RECEIPT_DOC_TYPES = frozenset({3, 4, 31, 41})
_CORRECTIONS = frozenset({31, 41})
#: Payment tags of a receipt in :class:`PaymentType` order.
PAYMENT_TAGS: tuple[int, ...] = tuple(p.value for p in PaymentType)
_PAY_INDEX = {tag: i for i, tag in enumerate(PAYMENT_TAGS)}

#: Progress hook: ``(documents done, total or None)``; called every :data:`PROGRESS_STEP`.
Progress = Callable[[int, int | None], None]
PROGRESS_STEP = 1000


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One item of a receipt: name, quantity and its total in kopecks (tag 1043)."""

    name: str
    quantity: Decimal
    total: int


@dataclass(frozen=True, slots=True)
class ReceiptRecord:
    """One receipt of the archive. Sums are kopecks; ``payments`` follows :class:`PaymentType`
    order (cash, electronic, prepaid, credit, counter-provision)."""

    fiscal_document_number: int
    receipt_number: int
    shift_number: int
    datetime: dt.datetime
    operation: OperationType
    total: int
    cashier: str | None
    payments: tuple[int, int, int, int, int]
    items: tuple[ItemRecord, ...]
    correction: bool = False

    def paid(self, payment: PaymentType) -> int:
        """Kopecks paid in one form."""
        return self.payments[_PAY_INDEX[payment.value]]

    @property
    def is_return(self) -> bool:
        """True for a return of a sale or of a purchase."""
        return self.operation in (OperationType.SELL_RETURN, OperationType.BUY_RETURN)


def _item(fields: list[Field]) -> ItemRecord:
    name = ""
    qty = Decimal(1)
    total = 0
    for f in fields:
        tag = f.tag
        if tag == 1030:
            name = f.value  # type: ignore[assignment]
        elif tag == 1023:
            qty = f.value  # type: ignore[assignment]
        elif tag == 1043:
            total = f.value  # type: ignore[assignment]
    return ItemRecord(name, qty, total)


def receipt_from_document(doc: Document) -> ReceiptRecord | None:
    """The record of one receipt document, or None for any other document type."""
    if doc.doc_type not in RECEIPT_DOC_TYPES:
        return None
    fd = number = shift = total = 0
    when = dt.datetime(1970, 1, 1)
    operation = 1
    cashier: str | None = None
    pay = [0, 0, 0, 0, 0]
    items: list[ItemRecord] = []
    for f in doc.fields:
        tag = f.tag
        v = f.value
        if tag == 1059:
            items.append(_item(v))  # type: ignore[arg-type]
        elif tag in _PAY_INDEX:
            pay[_PAY_INDEX[tag]] = v  # type: ignore[assignment]
        elif tag == 1012:
            when = v  # type: ignore[assignment]
        elif tag == 1040:
            fd = v  # type: ignore[assignment]
        elif tag == 1042:
            number = v  # type: ignore[assignment]
        elif tag == 1038:
            shift = v  # type: ignore[assignment]
        elif tag == 1054:
            operation = v  # type: ignore[assignment]
        elif tag == 1020:
            total = v  # type: ignore[assignment]
        elif tag == 1021:
            cashier = v  # type: ignore[assignment]
    return ReceiptRecord(fd, number, shift, when, OperationType(operation), total, cashier,
                         (pay[0], pay[1], pay[2], pay[3], pay[4]), tuple(items),
                         doc.doc_type in _CORRECTIONS)


def receipts_from_documents(docs: Iterable[Document],
                            progress: Progress | None = None) -> list[ReceiptRecord]:
    """Records of every receipt in ``docs`` (other documents skipped), in archive order.

    ``progress`` is called with ``(done, total)`` every :data:`PROGRESS_STEP` documents and once
    at the end (``total`` is None when ``docs`` has no length).
    """
    total = len(docs) if isinstance(docs, Sized) else None
    out: list[ReceiptRecord] = []
    append = out.append
    done = 0
    for doc in docs:
        rec = receipt_from_document(doc)
        if rec is not None:
            append(rec)
        done += 1
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done, total)
    if progress is not None:
        progress(done, total)
    return out


# --- straight from archive bytes ------------------------------------------------------------
#
# Decoding every field of every document (decode_document) costs ~0.2 ms a receipt; a report
# needs a dozen tags. These functions walk the same STLV with the codec's own iter_tlv and
# decode_scalar, decoding only the tags a record holds; the result equals
# receipt_from_document(decode_document(data)).

_WANTED = frozenset({1012, 1040, 1042, 1038, 1054, 1020, 1021, *_PAY_INDEX})
_ITEM_WANTED = frozenset({1030, 1023, 1043})


_DTYPES = {tag: TAGS[tag].dtype for tag in (*_WANTED, *_ITEM_WANTED)}
#: Names, cashiers and quantities repeat across an archive: their decoded values are memoised
#: by raw bytes (bounded; cleared when full).
_MEMO_TAGS = frozenset({1030, 1021, 1023})
_MEMO_MAX = 1 << 16
_memo: dict[tuple[int, bytes], object] = {}


def _scalar(tag: int, raw: bytes) -> object:
    if tag not in _MEMO_TAGS:
        return decode_scalar(_DTYPES[tag], raw, tag)
    key = (tag, raw)
    value = _memo.get(key)
    if value is None:
        if len(_memo) >= _MEMO_MAX:
            _memo.clear()
        value = _memo[key] = decode_scalar(_DTYPES[tag], raw, tag)
    return value


_item_memo: dict[bytes, ItemRecord] = {}


def _item_from_bytes(raw: bytes) -> ItemRecord:
    """An item STLV's record; identical item bytes (same product, price and quantity) recur
    across an archive, so records are memoised by them (bounded; cleared when full)."""
    rec = _item_memo.get(raw)
    if rec is None:
        sub = {t.tag: _scalar(t.tag, t.value) for t in iter_tlv(raw) if t.tag in _ITEM_WANTED}
        rec = ItemRecord(sub.get(1030, ""), sub.get(1023, Decimal(1)),  # type: ignore[arg-type]
                         sub.get(1043, 0))  # type: ignore[arg-type]
        if len(_item_memo) >= _MEMO_MAX:
            _item_memo.clear()
        _item_memo[raw] = rec
    return rec


def receipt_from_bytes(data: bytes | bytearray | memoryview) -> ReceiptRecord | None:
    """The record of a receipt given as its whole document STLV (what the FN archive and the
    emulator's store hold), or None for another document type. Malformed bytes raise
    :class:`~sigmakkt.errors.DecodeError`."""
    outer = iter_tlv(data)
    top = next(outer, None)
    if top is None or next(outer, None) is not None:
        raise DecodeError("a document is exactly one STLV")
    if top.tag not in RECEIPT_DOC_TYPES:
        return None
    values: dict[int, object] = {}
    items: list[ItemRecord] = []
    for tlv in iter_tlv(top.value):
        tag = tlv.tag
        if tag == 1059:
            items.append(_item_from_bytes(tlv.value))
        elif tag in _WANTED and tag not in values:
            values[tag] = _scalar(tag, tlv.value)
    g = values.get
    pay = tuple(g(t, 0) for t in PAYMENT_TAGS)
    return ReceiptRecord(
        g(1040, 0), g(1042, 0), g(1038, 0), g(1012, dt.datetime(1970, 1, 1)),  # type: ignore[arg-type]
        OperationType(g(1054, 1)), g(1020, 0), g(1021), pay, tuple(items),  # type: ignore[arg-type]
        top.tag in _CORRECTIONS)


def receipts_from_bytes(blobs: Iterable[bytes],
                        progress: Progress | None = None) -> list[ReceiptRecord]:
    """Like :func:`receipts_from_documents`, from document STLV bytes."""
    total = len(blobs) if isinstance(blobs, Sized) else None
    out: list[ReceiptRecord] = []
    done = 0
    for blob in blobs:
        rec = receipt_from_bytes(blob)
        if rec is not None:
            out.append(rec)
        done += 1
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done, total)
    if progress is not None:
        progress(done, total)
    return out
