"""Archive rows for ``sigmakkt archive export``: one flat record per fiscal document.

A row is read from a decoded :class:`~sigmakkt.protocol.ffd.Document` by tag (tag numbers per
the FFD tag table, fn-protocol reference §5): 1040 FD number, 1012 date-time, 1054 operation,
1020 total (kopecks), 1031/1081 cash/electronic, 1038 shift, 1042 receipt number, 1021 cashier,
1077 fiscal sign.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any, TextIO

from sigmakkt.protocol.ffd import Document
from sigmakkt.protocol.ffd.tags import DocType, Tag


@dataclass(frozen=True)
class ArchiveRow:
    """One fiscal document, flattened for CSV."""

    number: int
    doc_type: str
    datetime: str
    operation: int | None
    total: Decimal | None
    cash: Decimal | None
    electronic: Decimal | None
    shift_number: int | None
    receipt_number: int | None
    cashier: str | None
    fiscal_sign: int | None


def _rubles(value: Any) -> Decimal | None:
    return (Decimal(value) / 100).quantize(Decimal("0.01")) if isinstance(value, int) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def row_of(doc: Document, number: int | None = None) -> ArchiveRow:
    """Flatten ``doc``; ``number`` overrides the FD number when the caller knows it."""
    when = doc.get(Tag.DATE_TIME)
    kind = DocType(doc.doc_type).name if doc.doc_type in DocType._value2member_map_ \
        else str(doc.doc_type)
    cashier = doc.get(Tag.OPERATOR)
    fd = number if number is not None else _int(doc.get(Tag.FISCAL_DOCUMENT_NUMBER)) or 0
    return ArchiveRow(
        number=fd, doc_type=kind,
        datetime=when.isoformat() if isinstance(when, dt.datetime) else str(when or ""),
        operation=_int(doc.get(Tag.OPERATION_TYPE)),
        total=_rubles(doc.get(Tag.TOTAL_SUM)),
        cash=_rubles(doc.get(Tag.CASH_TOTAL_SUM)),
        electronic=_rubles(doc.get(Tag.ECASH_TOTAL_SUM)),
        shift_number=_int(doc.get(Tag.SHIFT_NUMBER)),
        receipt_number=_int(doc.get(Tag.REQUEST_NUMBER)),
        cashier=cashier if isinstance(cashier, str) else None,
        fiscal_sign=doc.fiscal_sign,
    )


CSV_COLUMNS = [f.name for f in fields(ArchiveRow)]


def write_csv_header(out: TextIO) -> Any:
    """Start a CSV export; returns the writer for :func:`write_csv_row`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    return writer


def write_csv_row(writer: Any, row: ArchiveRow) -> None:
    """One CSV line (empty cells for absent values)."""
    writer.writerow(["" if v is None else v for v in asdict(row).values()])
