"""The reference model: what the FN must hold, computed independently of the Register.

Arithmetic follows the FFD rules the Register documents (``register/totals.py``): item total =
price × quantity rounded half-up to kopecks; item VAT = total × r / (100 + r) rounded half-up;
receipt VAT per rate = sum of the item VATs; 0 % and "no VAT" count the turnover. Cash counts
net of change (tag 1031 is what stays in the till). Corrections count in their own block
(count and sum per settlement type), as 36h lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sigmakkt.register.enums import VAT, OperationType, PaymentType

#: VAT rates the FN's 76-byte counter block has a sum for, and their percent.
RATES: dict[VAT, int] = {VAT.VAT20: 20, VAT.VAT10: 10, VAT.VAT0: 0, VAT.NO_VAT: 0,
                         VAT.VAT20_120: 20, VAT.VAT10_110: 10}
PAYMENTS = (PaymentType.CASH, PaymentType.ELECTRONIC, PaymentType.PREPAID, PaymentType.CREDIT,
            PaymentType.COUNTER_PROVISION)
OPERATIONS = (OperationType.SELL, OperationType.SELL_RETURN, OperationType.BUY,
              OperationType.BUY_RETURN)


def half_up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def item_total(price: Decimal, quantity: Decimal) -> int:
    """Kopecks."""
    return half_up(price * quantity * 100)


def item_vat(total: int, vat: VAT) -> int:
    rate = RATES[vat]
    return 0 if rate == 0 else half_up(Decimal(total) * rate / (100 + rate))


@dataclass
class Block:
    """One settlement type's counters: count, total, payments, VAT sums (36h block order)."""

    count: int = 0
    total: int = 0
    payments: dict[PaymentType, int] = field(default_factory=lambda: dict.fromkeys(PAYMENTS, 0))
    vat: dict[VAT, int] = field(default_factory=lambda: dict.fromkeys(RATES, 0))

    def add(self, total: int, payments: dict[PaymentType, int], vat: dict[VAT, int]) -> None:
        self.count += 1
        self.total += total
        for pay, amount in payments.items():
            self.payments[pay] += amount
        for rate, amount in vat.items():
            self.vat[rate] += amount


@dataclass
class Counters:
    """Receipt blocks per operation and the correction block (count, sum per operation)."""

    receipts: dict[OperationType, Block] = field(
        default_factory=lambda: {op: Block() for op in OPERATIONS})
    corrections: dict[OperationType, list[int]] = field(
        default_factory=lambda: {op: [0, 0] for op in OPERATIONS})


@dataclass
class Receipt:
    """A receipt the model expects: operation, items (price, quantity, VAT), payments."""

    operation: OperationType
    lines: list[tuple[Decimal, Decimal, VAT]]
    payments: dict[PaymentType, int]  # kopecks as given by the caller (cash incl. change)
    correction: bool = False

    @property
    def total(self) -> int:
        return sum(item_total(p, q) for p, q, _ in self.lines)

    @property
    def change(self) -> int:
        return sum(self.payments.values()) - self.total

    @property
    def counted_payments(self) -> dict[PaymentType, int]:
        out = dict(self.payments)
        out[PaymentType.CASH] = out.get(PaymentType.CASH, 0) - self.change
        return out

    @property
    def vat(self) -> dict[VAT, int]:
        out = dict.fromkeys(RATES, 0)
        for p, q, v in self.lines:
            t = item_total(p, q)
            out[v] += t if RATES[v] == 0 else item_vat(t, v)
        return out


@dataclass
class Signed:
    """A fiscal document the model knows was signed."""

    fd: int
    kind: str  # "receipt", "correction", "shift_open", "shift_close", "state_report"
    printed: bool | None  # None: outcome recovered from the FN, the caller got no result
    receipt: Receipt | None = None


@dataclass
class Model:
    """Everything the FN must hold after each step."""

    signed: dict[int, Signed] = field(default_factory=dict)
    acked: set[int] = field(default_factory=set)
    shift_open: bool = False
    shift_number: int = 0
    total: Counters = field(default_factory=Counters)
    shift: Counters = field(default_factory=Counters)
    pending: set[int] = field(default_factory=set)  # printed=False, not continued yet

    @property
    def last_fd(self) -> int:
        return max(self.signed, default=0)

    def add(self, doc: Signed) -> None:
        assert doc.fd == self.last_fd + 1, f"FD {doc.fd} after {self.last_fd}: not contiguous"
        assert doc.fd not in self.signed
        self.signed[doc.fd] = doc
        if doc.printed is False:
            self.pending.add(doc.fd)
        if doc.kind == "shift_open":
            self.shift_open = True
            self.shift_number += 1
            self.shift = Counters()
        elif doc.kind == "shift_close":
            self.shift_open = False
        r = doc.receipt
        if r is not None:
            for counters in (self.total, self.shift):
                if r.correction:
                    counters.corrections[r.operation][0] += 1
                    counters.corrections[r.operation][1] += r.total
                else:
                    counters.receipts[r.operation].add(r.total, r.counted_payments, r.vat)
