"""Reports computed offline from the FN archive: top products, payment split, cashiers, the
receipts list with filters, and CSV/JSON export.

Feed it decoded documents (``Register.documents()`` or the emulator's store)::

    receipts = receipts_from_documents(kkt.documents())
    top_products(receipts, by=TopBy.QUANTITY, limit=10)
    payment_split(receipts, ReceiptFilter(since=datetime(2026, 1, 1)))
"""

from sigmakkt.reports.export import row_dict, to_csv, to_json
from sigmakkt.reports.filters import ReceiptFilter, ReceiptRow, receipt_rows, select
from sigmakkt.reports.records import (
    ItemRecord,
    Progress,
    ReceiptRecord,
    receipt_from_bytes,
    receipt_from_document,
    receipts_from_bytes,
    receipts_from_documents,
)
from sigmakkt.reports.summaries import (
    CashierRow,
    PaymentRow,
    ProductRow,
    TopBy,
    cashiers,
    payment_split,
    top_products,
)

__all__ = [
    "CashierRow",
    "ItemRecord",
    "PaymentRow",
    "ProductRow",
    "Progress",
    "ReceiptFilter",
    "ReceiptRecord",
    "ReceiptRow",
    "TopBy",
    "cashiers",
    "payment_split",
    "receipt_from_bytes",
    "receipt_from_document",
    "receipt_rows",
    "receipts_from_bytes",
    "receipts_from_documents",
    "row_dict",
    "select",
    "to_csv",
    "to_json",
    "top_products",
]
