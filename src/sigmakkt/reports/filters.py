"""Selecting receipts: by period, operation type, payment type, cashier and number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sigmakkt.register.enums import OperationType, PaymentType
from sigmakkt.register.money import to_rubles
from sigmakkt.reports.records import ReceiptRecord

__all__ = ["ReceiptFilter", "ReceiptRow", "receipt_rows", "select"]


@dataclass(frozen=True)
class ReceiptFilter:
    """Which receipts a report covers. Every condition left as None matches everything.

    ``since`` is inclusive and ``until`` exclusive (the FN's wall-clock time, tag 1012);
    ``operations`` a set of settlement signs (e.g. ``{SELL_RETURN, BUY_RETURN}`` for returns);
    ``payment_type`` keeps receipts with a non-zero sum in that form; ``cashier`` matches the
    cashier name exactly; ``number`` matches the receipt number in the shift (1042) *or* the
    fiscal document number (1040); ``shift`` the shift number.
    """

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    operations: frozenset[OperationType] | None = None
    payment_type: PaymentType | None = None
    cashier: str | None = None
    number: int | None = None
    shift: int | None = None
    include_corrections: bool = True

    def matches(self, r: ReceiptRecord) -> bool:
        """True when ``r`` meets every condition."""
        if self.since is not None and r.datetime < self.since:
            return False
        if self.until is not None and r.datetime >= self.until:
            return False
        if self.operations is not None and r.operation not in self.operations:
            return False
        if self.payment_type is not None and not r.paid(self.payment_type):
            return False
        if self.cashier is not None and r.cashier != self.cashier:
            return False
        if self.number is not None and self.number not in (r.receipt_number,
                                                           r.fiscal_document_number):
            return False
        if self.shift is not None and r.shift_number != self.shift:
            return False
        return self.include_corrections or not r.correction


def select(receipts: Iterable[ReceiptRecord],
           flt: ReceiptFilter | None = None) -> list[ReceiptRecord]:
    """The receipts that ``flt`` matches (all of them when it is None)."""
    if flt is None:
        return list(receipts)
    return [r for r in receipts if flt.matches(r)]


@dataclass(frozen=True)
class ReceiptRow:
    """One line of the receipts list (sums in rubles)."""

    fiscal_document_number: int
    receipt_number: int
    shift_number: int
    datetime: dt.datetime
    operation: str
    correction: bool
    cashier: str
    total: Decimal
    cash: Decimal
    electronic: Decimal
    prepaid: Decimal
    credit: Decimal
    counter_provision: Decimal
    items: int


def receipt_rows(receipts: Iterable[ReceiptRecord],
                 flt: ReceiptFilter | None = None) -> list[ReceiptRow]:
    """The receipts list: one row per matching receipt, in archive order."""
    rows = []
    for r in receipts:
        if flt is not None and not flt.matches(r):
            continue
        cash, electronic, prepaid, credit, counter = r.payments
        rows.append(ReceiptRow(
            r.fiscal_document_number, r.receipt_number, r.shift_number, r.datetime,
            r.operation.name.lower(), r.correction, r.cashier or "", to_rubles(r.total),
            to_rubles(cash), to_rubles(electronic), to_rubles(prepaid), to_rubles(credit),
            to_rubles(counter), len(r.items)))
    return rows
