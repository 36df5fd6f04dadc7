"""Summary reports over archive receipts: top products, payment split, cashiers.

Sign rule: a return counts against its operation — a sale return (возврат прихода) subtracts
from sales, a purchase return from purchases. The reports cover sales by default
(``operation=SELL``: sales net of sale returns); pass ``operation=OperationType.BUY`` for
purchases. Sums come out in rubles (Decimal), quantities as Decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from sigmakkt.register.enums import OperationType, PaymentType
from sigmakkt.register.money import to_rubles
from sigmakkt.reports.filters import ReceiptFilter
from sigmakkt.reports.records import ReceiptRecord

__all__ = [
    "CashierRow",
    "PaymentRow",
    "ProductRow",
    "TopBy",
    "cashiers",
    "payment_split",
    "top_products",
]

_RETURN_OF = {OperationType.SELL: OperationType.SELL_RETURN,
              OperationType.BUY: OperationType.BUY_RETURN}


def _signed(receipts: Iterable[ReceiptRecord], flt: ReceiptFilter | None,
            operation: OperationType) -> Iterable[tuple[ReceiptRecord, int]]:
    """Receipts of ``operation`` (+1) and of its return (−1) that match ``flt``; for a return
    operation, just its receipts (+1)."""
    back = _RETURN_OF.get(operation)
    for r in receipts:
        if flt is not None and not flt.matches(r):
            continue
        if r.operation is operation:
            yield r, 1
        elif r.operation is back:
            yield r, -1


class TopBy(Enum):
    """Ranking key of :func:`top_products`."""

    QUANTITY = "quantity"
    REVENUE = "revenue"
    RECEIPTS = "receipts"


@dataclass(frozen=True)
class ProductRow:
    """One product: net quantity, net revenue (rubles), receipts it appears on (sales), returns."""

    name: str
    quantity: Decimal
    revenue: Decimal
    receipts: int
    returns: int


def top_products(receipts: Iterable[ReceiptRecord], by: TopBy = TopBy.REVENUE,
                 limit: int | None = 10, flt: ReceiptFilter | None = None,
                 operation: OperationType = OperationType.SELL) -> list[ProductRow]:
    """Products ranked by net quantity, net revenue or number of receipts (ties by name)."""
    qty: dict[str, Decimal] = {}
    rev: dict[str, int] = {}
    count: dict[str, int] = {}
    back: dict[str, int] = {}
    for r, sign in _signed(receipts, flt, operation):
        seen: set[str] = set()
        for it in r.items:
            name = it.name
            if sign > 0:
                qty[name] = qty.get(name, 0) + it.quantity
                rev[name] = rev.get(name, 0) + it.total
            else:
                qty[name] = qty.get(name, 0) - it.quantity
                rev[name] = rev.get(name, 0) - it.total
            seen.add(name)
        target = count if sign > 0 else back
        for name in seen:
            target[name] = target.get(name, 0) + 1
    rows = [ProductRow(n, Decimal(qty[n]), to_rubles(rev[n]), count.get(n, 0), back.get(n, 0))
            for n in qty]
    key = {TopBy.QUANTITY: lambda p: p.quantity, TopBy.REVENUE: lambda p: p.revenue,
           TopBy.RECEIPTS: lambda p: Decimal(p.receipts)}[by]
    rows.sort(key=lambda p: p.name)
    rows.sort(key=key, reverse=True)
    return rows if limit is None else rows[:limit]


@dataclass(frozen=True)
class PaymentRow:
    """One payment form: receipts paid (partly) in it, sales, returns, net (rubles), net share."""

    payment_type: PaymentType
    receipts: int
    income: Decimal
    returns: Decimal
    net: Decimal
    share: Decimal


def payment_split(receipts: Iterable[ReceiptRecord], flt: ReceiptFilter | None = None,
                  operation: OperationType = OperationType.SELL) -> list[PaymentRow]:
    """Sums per payment form (tags 1031/1081/1215/1216/1217), in :class:`PaymentType` order.

    Cash is the receipt's cash part as the FN stores it (tag 1031, change not included).
    ``share`` is the form's net as a percentage of the total net (two decimals).
    """
    n = len(PaymentType)
    count = [0] * n
    inc = [0] * n
    ret = [0] * n
    for r, sign in _signed(receipts, flt, operation):
        for i, v in enumerate(r.payments):
            if v:
                if sign > 0:
                    count[i] += 1
                    inc[i] += v
                else:
                    ret[i] += v
    total = sum(inc) - sum(ret)
    rows = []
    for i, ptype in enumerate(PaymentType):
        net = inc[i] - ret[i]
        share = (Decimal(net * 100) / total).quantize(Decimal("0.01")) if total else Decimal(0)
        rows.append(PaymentRow(ptype, count[i], to_rubles(inc[i]), to_rubles(ret[i]),
                               to_rubles(net), share))
    return rows


@dataclass(frozen=True)
class CashierRow:
    """One cashier: sale receipts, return receipts, net revenue (rubles), and ``average`` =
    net revenue per sale receipt."""

    cashier: str
    receipts: int
    returns: int
    revenue: Decimal
    average: Decimal


def cashiers(receipts: Iterable[ReceiptRecord], flt: ReceiptFilter | None = None,
             operation: OperationType = OperationType.SELL) -> list[CashierRow]:
    """Cashiers ranked by net revenue (ties by name); a receipt with no cashier is ``""``."""
    count: dict[str, int] = {}
    back: dict[str, int] = {}
    rev: dict[str, int] = {}
    for r, sign in _signed(receipts, flt, operation):
        name = r.cashier or ""
        if sign > 0:
            count[name] = count.get(name, 0) + 1
            rev[name] = rev.get(name, 0) + r.total
        else:
            back[name] = back.get(name, 0) + 1
            rev[name] = rev.get(name, 0) - r.total
    rows = []
    for name in rev:
        n = count.get(name, 0)
        avg = ((Decimal(rev[name]) / n / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
               if n else Decimal("0.00"))
        rows.append(CashierRow(name, n, back.get(name, 0), to_rubles(rev[name]), avg))
    rows.sort(key=lambda c: c.cashier)
    rows.sort(key=lambda c: c.revenue, reverse=True)
    return rows
