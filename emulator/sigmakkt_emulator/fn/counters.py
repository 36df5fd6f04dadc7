"""FN totals counters behind commands 36h–38h (FFD 1.1/1.2, reference §2.1).

One :class:`OperationTotals` per settlement type (1054: 1 приход, 2 возврат прихода, 3 расход,
4 возврат расхода) holds the receipt count and twelve Uint48 sums in the order of the 76-byte
block: total, cash (1031), electronic (1081), prepaid (1215), credit (1216), counter-provision
(1217), VAT 20 % (1102), VAT 10 % (1103), sum at 0 % (1104), sum without VAT (1105), VAT 20/120
(1106), VAT 10/110 (1107). Correction receipts count separately (44-byte block: count and sum per
settlement type). A :class:`CounterSet` exists per shift (reset at shift open) and for the whole
FN life (reset only by 60h).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Tags summed into the 12 sums of a 76-byte block, after the total (index 0).
PAYMENT_TAGS = (1031, 1081, 1215, 1216, 1217)
VAT_TAGS = (1102, 1103, 1104, 1105, 1106, 1107)
#: 0Dh bitmask bit per payment tag (reference §2.4, 16h).
PAYMENT_BITS = {1031: 0x01, 1081: 0x02, 1215: 0x04, 1216: 0x08, 1217: 0x10}
#: Item VAT rate (1199) → index into VAT_TAGS, used when the KKT sends no receipt-level VAT sums:
#: 1 20 %, 2 10 %, 3 20/120, 4 10/110, 5 0 %, 6 no VAT (reference §5.2).
VAT_RATE_INDEX = {1: 0, 2: 1, 5: 2, 6: 3, 3: 4, 4: 5}
OPERATIONS = (1, 2, 3, 4)


@dataclass
class OperationTotals:
    """Receipts of one settlement type: count and the twelve sums in kopecks."""

    count: int = 0
    sums: list[int] = field(default_factory=lambda: [0] * 12)

    def add(self, total: int, payments: dict[int, int], vat: list[int]) -> None:
        """Count one receipt."""
        self.count += 1
        self.sums[0] += total
        for i, tag in enumerate(PAYMENT_TAGS):
            self.sums[1 + i] += payments.get(tag, 0)
        for i, value in enumerate(vat):
            self.sums[6 + i] += value


@dataclass
class CounterSet:
    """Counters of a shift or of the whole FN (36h/37h/38h with byte 0 or 1)."""

    receipts: dict[int, OperationTotals] = field(
        default_factory=lambda: {op: OperationTotals() for op in OPERATIONS}
    )
    corrections: dict[int, list[int]] = field(
        default_factory=lambda: {op: [0, 0] for op in OPERATIONS}
    )

    @property
    def receipt_count(self) -> int:
        """Receipts of all settlement types (corrections excluded)."""
        return sum(t.count for t in self.receipts.values())

    @property
    def correction_count(self) -> int:
        """Correction receipts of all settlement types."""
        return sum(c[0] for c in self.corrections.values())

    def add_receipt(
        self, op: int, total: int, payments: dict[int, int], vat: list[int], correction: bool
    ) -> None:
        """Count one receipt (or correction receipt) of settlement type ``op``."""
        if correction:
            self.corrections[op][0] += 1
            self.corrections[op][1] += total
        else:
            self.receipts[op].add(total, payments, vat)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form for the state row."""
        return {
            "receipts": {str(op): [t.count, *t.sums] for op, t in self.receipts.items()},
            "corrections": {str(op): list(c) for op, c in self.corrections.items()},
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> CounterSet:
        """Inverse of :meth:`to_json`."""
        out = cls()
        for op, row in obj["receipts"].items():
            out.receipts[int(op)] = OperationTotals(int(row[0]), [int(v) for v in row[1:]])
        for op, row in obj["corrections"].items():
            out.corrections[int(op)] = [int(row[0]), int(row[1])]
        return out


def vat_sums(receipt_fields: dict[int, int], items: list[dict[int, int]]) -> list[int]:
    """The six VAT sums of a receipt.

    Receipt-level tags 1102–1107 win when the KKT sent any; otherwise they are derived from the
    items: 1200 (item VAT sum) for the taxed rates, 1043 (item total) for 0 % and "no VAT".
    """
    if any(tag in receipt_fields for tag in VAT_TAGS):
        return [receipt_fields.get(tag, 0) for tag in VAT_TAGS]
    out = [0] * 6
    for item in items:
        idx = VAT_RATE_INDEX.get(item.get(1199, 0))
        if idx is None:
            continue
        out[idx] += item.get(1043, 0) if idx in (2, 3) else item.get(1200, 0)
    return out
