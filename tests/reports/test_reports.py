"""Archive reports: extraction from FFD documents, rankings, payment split, cashiers, filters,
CSV/JSON export. Expected numbers are worked out by hand from the small archive below."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ffd import Document, Field, decode_document, encode_document
from sigmakkt.register.enums import OperationType, PaymentType
from sigmakkt.reports import (
    ReceiptFilter,
    ReceiptRecord,
    TopBy,
    cashiers,
    payment_split,
    receipt_from_bytes,
    receipt_rows,
    receipts_from_bytes,
    receipts_from_documents,
    to_csv,
    to_json,
    top_products,
)

T0 = dt.datetime(2026, 3, 1, 10, 0)


def receipt(fd: int, number: int, when: dt.datetime, op: int, cashier: str,
            items: list[tuple[str, str, int]], pay: dict[int, int], doc_type: int = 3) -> Document:
    """A receipt document as the FN archive holds it (sums in kopecks)."""
    fields = [Field(1048, "ООО Ромашка"), Field(1012, when), Field(1040, fd), Field(1042, number),
              Field(1038, 1), Field(1054, op), Field(1021, cashier)]
    total = 0
    for name, qty, item_total in items:
        fields.append(Field(1059, [Field(1030, name), Field(1079, item_total),
                                   Field(1023, Decimal(qty)), Field(1043, item_total),
                                   Field(1199, 1)]))
        total += item_total
    fields.append(Field(1020, total))
    for tag in (1031, 1081, 1215, 1216, 1217):
        fields.append(Field(tag, pay.get(tag, 0)))
    fields.append(Field(1077, bytes.fromhex("310412345678")))
    return Document(doc_type, fields)


def archive() -> list[Document]:
    milk, bread, tea = "Молоко 1 л", "Хлеб", "Чай"
    return [
        Document(2, [Field(1012, T0), Field(1040, 1), Field(1038, 1)]),        # shift open
        receipt(2, 1, T0 + dt.timedelta(minutes=1), 1, "Иванова",
                [(milk, "2", 17980), (bread, "1", 4500)], {1031: 22480}),
        receipt(3, 2, T0 + dt.timedelta(minutes=2), 1, "Петров",
                [(tea, "0.5", 15000)], {1081: 15000}),
        receipt(4, 3, T0 + dt.timedelta(minutes=3), 1, "Иванова",
                [(milk, "1", 8990)], {1031: 4000, 1081: 4990}),
        receipt(5, 4, T0 + dt.timedelta(minutes=4), 2, "Петров",          # sale return
                [(milk, "1", 8990)], {1031: 8990}),
        receipt(6, 5, T0 + dt.timedelta(minutes=5), 3, "Петров",          # purchase
                [(bread, "10", 30000)], {1031: 30000}),
        Document(5, [Field(1012, T0 + dt.timedelta(hours=1)), Field(1040, 7)]),  # shift close
    ]


@pytest.fixture
def recs() -> list[ReceiptRecord]:
    # through bytes and back, so the record reader sees what the FFD codec really gives
    return receipts_from_documents([decode_document(encode_document(d)) for d in archive()])


def test_only_receipts_are_read_with_their_fields(recs: list[ReceiptRecord]) -> None:
    assert [r.fiscal_document_number for r in recs] == [2, 3, 4, 5, 6]
    first = recs[0]
    assert first.receipt_number == 1 and first.shift_number == 1
    assert first.datetime == T0 + dt.timedelta(minutes=1)
    assert first.operation is OperationType.SELL and first.total == 22480
    assert first.cashier == "Иванова" and first.paid(PaymentType.CASH) == 22480
    assert [(i.name, i.quantity, i.total) for i in first.items] == [
        ("Молоко 1 л", Decimal(2), 17980), ("Хлеб", Decimal(1), 4500)]
    assert recs[3].is_return and not recs[0].is_return


def test_top_products_net_of_returns(recs: list[ReceiptRecord]) -> None:
    by_rev = top_products(recs, TopBy.REVENUE)
    assert [(p.name, p.revenue, p.quantity, p.receipts, p.returns) for p in by_rev] == [
        ("Молоко 1 л", Decimal("179.80"), Decimal(2), 2, 1),   # 179.80 + 89.90 − 89.90
        ("Чай", Decimal("150.00"), Decimal("0.5"), 1, 0),
        ("Хлеб", Decimal("45.00"), Decimal(1), 1, 0),          # the purchase is not a sale
    ]
    assert [p.name for p in top_products(recs, TopBy.QUANTITY)] == ["Молоко 1 л", "Хлеб", "Чай"]
    assert [p.name for p in top_products(recs, TopBy.RECEIPTS, limit=1)] == ["Молоко 1 л"]
    buys = top_products(recs, operation=OperationType.BUY)
    assert [(p.name, p.quantity, p.revenue) for p in buys] == [
        ("Хлеб", Decimal(10), Decimal("300.00"))]
    returned = top_products(recs, operation=OperationType.SELL_RETURN)
    assert [(p.name, p.quantity, p.revenue, p.receipts) for p in returned] == [
        ("Молоко 1 л", Decimal(1), Decimal("89.90"), 1)]


def test_payment_split(recs: list[ReceiptRecord]) -> None:
    rows = {r.payment_type: r for r in payment_split(recs)}
    cash, card = rows[PaymentType.CASH], rows[PaymentType.ELECTRONIC]
    assert (cash.receipts, cash.income, cash.returns, cash.net) == (
        2, Decimal("264.80"), Decimal("89.90"), Decimal("174.90"))
    assert (card.receipts, card.income, card.net) == (2, Decimal("199.90"), Decimal("199.90"))
    # net total 374.80: cash 46.66 %, card 53.34 %
    assert (cash.share, card.share) == (Decimal("46.66"), Decimal("53.34"))
    assert rows[PaymentType.CREDIT].net == 0 and rows[PaymentType.CREDIT].share == 0


def test_cashiers(recs: list[ReceiptRecord]) -> None:
    rows = cashiers(recs)
    assert [(c.cashier, c.receipts, c.returns, c.revenue, c.average) for c in rows] == [
        ("Иванова", 2, 0, Decimal("314.70"), Decimal("157.35")),
        ("Петров", 1, 1, Decimal("60.10"), Decimal("60.10")),   # (150 − 89.90) / 1
    ]


def test_filters(recs: list[ReceiptRecord]) -> None:
    def fds(flt: ReceiptFilter) -> list[int]:
        return [r.fiscal_document_number for r in receipt_rows(recs, flt)]

    assert fds(ReceiptFilter(since=T0 + dt.timedelta(minutes=2),
                             until=T0 + dt.timedelta(minutes=4))) == [3, 4]
    returns = frozenset({OperationType.SELL_RETURN, OperationType.BUY_RETURN})
    assert fds(ReceiptFilter(operations=returns)) == [5]
    assert fds(ReceiptFilter(payment_type=PaymentType.ELECTRONIC)) == [3, 4]
    assert fds(ReceiptFilter(cashier="Петров")) == [3, 5, 6]
    assert fds(ReceiptFilter(number=3)) == [3, 4]      # FD 3, and receipt № 3 (FD 4)
    assert fds(ReceiptFilter(number=6)) == [6]
    period = ReceiptFilter(until=T0 + dt.timedelta(minutes=2))
    assert [p.name for p in top_products(recs, flt=period)] == ["Молоко 1 л", "Хлеб"]


def test_csv_and_json_export(recs: list[ReceiptRecord]) -> None:
    out = io.StringIO()
    assert to_csv(receipt_rows(recs, ReceiptFilter(number=1)), out) == 1
    assert out.getvalue().splitlines() == [
        "fiscal_document_number,receipt_number,shift_number,datetime,operation,correction,"
        "cashier,total,cash,electronic,prepaid,credit,counter_provision,items",
        "2,1,1,2026-03-01T10:01:00,sell,false,Иванова,224.80,224.80,0.00,0.00,0.00,0.00,2",
    ]
    data = json.loads(to_json(top_products(recs, limit=1)))
    assert data == [{"name": "Молоко 1 л", "quantity": 2, "revenue": 179.8, "receipts": 2,
                     "returns": 1}]
    assert '"revenue": 179.80' in to_json(top_products(recs, limit=1))
    payments = json.loads(to_json(payment_split(recs)))
    assert payments[0]["payment_type"] == "cash"


def test_progress_hook() -> None:
    calls: list[tuple[int, int | None]] = []
    docs = archive() * 300                                  # 2100 documents
    recs = receipts_from_documents(docs, lambda done, total: calls.append((done, total)))
    assert len(recs) == 1500
    assert calls == [(1000, 2100), (2000, 2100), (2100, 2100)]
    calls.clear()
    receipts_from_documents(iter(docs[:7]), lambda d, t: calls.append((d, t)))
    assert calls == [(7, None)]


def test_bytes_path_equals_document_path() -> None:
    blobs = [encode_document(d) for d in archive()]
    assert receipts_from_bytes(blobs) == receipts_from_documents(
        [decode_document(b) for b in blobs])
    assert receipt_from_bytes(blobs[0]) is None            # a shift report is not a receipt
    with pytest.raises(DecodeError):
        receipt_from_bytes(blobs[1][:-3])
    with pytest.raises(DecodeError):
        receipt_from_bytes(blobs[1] + blobs[2])


def test_totals_agree_across_reports() -> None:
    """Whatever the archive, the net revenue is the same in every report."""
    import random

    rnd = random.Random(7)
    docs = []
    for fd in range(1, 400):
        items = [(f"P{rnd.randint(1, 30)}", str(rnd.randint(1, 4)), rnd.randint(1, 50000))
                 for _ in range(rnd.randint(1, 5))]
        total = sum(t for _, _, t in items)
        cash = rnd.choice([0, total, total // 3])
        docs.append(receipt(fd, fd, T0 + dt.timedelta(minutes=fd), rnd.choice([1, 1, 1, 2]),
                            rnd.choice(["A", "B", "C"]), items, {1031: cash,
                                                                 1081: total - cash}))
    recs = receipts_from_documents(docs)
    by_products = sum(p.revenue for p in top_products(recs, limit=None))
    by_cashiers = sum(c.revenue for c in cashiers(recs))
    by_payments = sum(p.net for p in payment_split(recs))
    by_rows = sum(r.total if r.operation == "sell" else -r.total for r in receipt_rows(recs))
    assert by_products == by_cashiers == by_payments == by_rows
    assert sum(p.share for p in payment_split(recs)) in (Decimal("99.99"), Decimal(100),
                                                         Decimal("100.01"))
