"""Benchmark: archive reports over a generated archive of 100,000 receipts.

Documents are built directly with the FFD codec's types (no FN): each receipt has 1–6 items from
a catalogue of 500 products, 8 cashiers, cash/card/mixed payments and ~8 % sale returns. Every
report (record extraction, top products ×3, payment split, cashiers, a filtered receipts list,
CSV export) is timed in CPU seconds on one core; the target is < 10 s each.

    /tmp/probe/bin/python bench/reports.py [--receipts N] [--decode]

``--decode`` also times encoding every document to bytes and decoding it back (the FFD codec's
share when the archive comes from ``Register.documents()``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sigmakkt.protocol.ffd import Document, Field, decode_document, encode_document
from sigmakkt.register.enums import OperationType, PaymentType
from sigmakkt.reports import (
    ReceiptFilter,
    TopBy,
    cashiers,
    payment_split,
    receipt_rows,
    receipts_from_bytes,
    receipts_from_documents,
    to_csv,
    top_products,
)

TARGET_S = 10.0


def generate(n: int, seed: int = 1) -> list[Document]:
    """``n`` receipt documents, plus a shift open/close document every 300 receipts."""
    rnd = random.Random(seed)
    products = [(f"Товар №{i} {'молочный' if i % 3 else 'хлебный'}", rnd.randint(1000, 99900))
                for i in range(500)]
    people = [f"Кассир {i}" for i in range(8)]
    start = dt.datetime(2026, 1, 1, 9, 0)
    docs: list[Document] = []
    fd = 1
    for k in range(n):
        if k % 300 == 0:
            docs.append(Document(2, [Field(1012, start), Field(1040, fd)]))
            fd += 1
        fields = [Field(1048, "ООО Ромашка"), Field(1009, "г. Москва"),
                  Field(1012, start + dt.timedelta(minutes=3 * k)), Field(1040, fd),
                  Field(1042, k % 300 + 1), Field(1038, k // 300 + 1),
                  Field(1054, 2 if rnd.random() < 0.08 else 1),
                  Field(1021, rnd.choice(people))]
        total = 0
        for _ in range(rnd.randint(1, 6)):
            name, price = rnd.choice(products)
            qty = rnd.randint(1, 5)
            fields.append(Field(1059, [Field(1030, name), Field(1079, price),
                                       Field(1023, Decimal(qty)), Field(1043, price * qty),
                                       Field(1199, 1), Field(1214, 4), Field(1212, 1)]))
            total += price * qty
        fields.append(Field(1020, total))
        cash = total if rnd.random() < 0.4 else (total // 2 if rnd.random() < 0.2 else 0)
        fields += [Field(1031, cash), Field(1081, total - cash), Field(1215, 0),
                   Field(1216, 0), Field(1217, 0),
                   Field(1077, bytes.fromhex("3104") + rnd.getrandbits(32).to_bytes(4, "big"))]
        docs.append(Document(3, fields))
        fd += 1
    return docs


def timed(label: str, fn: Callable[[], Any], results: dict[str, float]) -> Any:
    t0 = time.process_time()
    out = fn()
    results[label] = time.process_time() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--receipts", type=int, default=100_000)
    ap.add_argument("--decode", action="store_true")
    args = ap.parse_args()
    docs = generate(args.receipts)
    t: dict[str, float] = {}
    if args.decode:
        blobs = timed("encode documents (codec)", lambda: [encode_document(d) for d in docs], t)
        fast = timed("extract records from bytes", lambda: receipts_from_bytes(blobs), t)
        docs = timed("decode documents (codec)", lambda: [decode_document(b) for b in blobs], t)
    recs = timed("extract records from documents", lambda: receipts_from_documents(docs), t)
    if args.decode:
        assert fast == recs, "bytes and document paths disagree"
    timed("top products by quantity", lambda: top_products(recs, TopBy.QUANTITY), t)
    timed("top products by revenue", lambda: top_products(recs, TopBy.REVENUE), t)
    timed("top products by receipts", lambda: top_products(recs, TopBy.RECEIPTS), t)
    timed("payment split", lambda: payment_split(recs), t)
    timed("cashiers", lambda: cashiers(recs), t)
    returns = ReceiptFilter(operations=frozenset({OperationType.SELL_RETURN}),
                            payment_type=PaymentType.CASH)
    timed("receipts list (returns, cash)", lambda: receipt_rows(recs, returns), t)
    rows = timed("receipts list (all)", lambda: receipt_rows(recs), t)
    timed("CSV export (all rows)", lambda: to_csv(rows, io.StringIO()), t)
    print(f"{len(recs)} receipts, {len(docs)} documents; CPU seconds, one core "
          f"(target < {TARGET_S:.0f} s each)")
    for label, sec in t.items():
        flag = "" if sec < TARGET_S or "(codec)" in label else "  OVER TARGET"
        print(f"  {label:32s} {sec:7.3f} s{flag}")


if __name__ == "__main__":
    main()
