"""Receipt arithmetic in integer kopecks: item totals, VAT, totals per payment form and VAT rate.

Rounding rule (one rule, applied once per amount, ``ROUND_HALF_UP`` — "математическое
округление", halves away from zero):

* item total (tag 1043) = price × quantity, rounded half-up to whole kopecks;
* item VAT (tag 1200) = item total × r / (100 + r), rounded half-up, for every rate r (prices on
  Russian receipts include VAT, so the fixed rates 20 %, 10 %, 5 %, 7 %, 22 % take the VAT out of
  the total with the same formula as the "расчётные" rates 20/120 … 22/122); 0 for 0 % and "без
  НДС";
* receipt total (tag 1020) = the exact sum of the item totals — the FFD requires it (note 5 to
  table 19 of tax-service order ММВ-7-20/229@: 1020 is the sum of all 1043 values), so nothing is
  rounded at receipt level;
* receipt VAT per rate (tags 1102–1107 …) = the sum of the item VAT amounts at that rate, so the
  receipt's VAT lines agree with its item lines kopeck for kopeck.

The FFD fixes the sums but not the rounding direction of a product; half-up is the usual rule of
Russian cash registers and accounting (and what a buyer checks with a calculator). Banker's
rounding is never used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sigmakkt.register.enums import VAT, PaymentType, vat_percent
from sigmakkt.register.money import to_kopecks, to_rubles

if TYPE_CHECKING:
    from sigmakkt.register.models import Item, Payment

_HUNDRED = Decimal(100)


def round_kopecks(value: Decimal) -> int:
    """Round a Decimal number of kopecks half-up to an int."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def item_total(price: Decimal, quantity: Decimal) -> int:
    """Item total in kopecks: price (rubles) × quantity, rounded half-up."""
    return round_kopecks(price * quantity * _HUNDRED)


def vat_amount(total: int, vat: VAT) -> int:
    """VAT in kopecks contained in ``total`` kopecks at rate ``vat`` (0 for 0 % / no VAT)."""
    rate = vat_percent(vat)
    if rate == 0:
        return 0
    return round_kopecks(Decimal(total) * rate / (_HUNDRED + rate))


@dataclass(frozen=True)
class ItemAmounts:
    """Computed sums of one item, in kopecks."""

    total: int
    vat: int


@dataclass(frozen=True)
class PaymentTotals:
    """Payments of a receipt per form, in kopecks (tags 1031, 1081, 1215, 1216, 1217)."""

    cash: int = 0
    electronic: int = 0
    prepaid: int = 0
    credit: int = 0
    counter_provision: int = 0

    @property
    def total(self) -> int:
        """All payments together."""
        return self.cash + self.non_cash

    @property
    def non_cash(self) -> int:
        """Everything but cash (may not exceed the receipt total)."""
        return self.electronic + self.prepaid + self.credit + self.counter_provision

    def get(self, kind: PaymentType) -> int:
        """The sum paid in form ``kind``."""
        return {
            PaymentType.CASH: self.cash, PaymentType.ELECTRONIC: self.electronic,
            PaymentType.PREPAID: self.prepaid, PaymentType.CREDIT: self.credit,
            PaymentType.COUNTER_PROVISION: self.counter_provision,
        }[kind]


@dataclass(frozen=True)
class VatTotal:
    """Receipt totals of one VAT rate, in kopecks: the items' sum and the VAT in it."""

    vat: VAT
    base: int
    amount: int


@dataclass(frozen=True)
class ReceiptTotals:
    """Everything a receipt adds up, in kopecks.

    ``payments`` are as paid (cash including the change); ``fiscal_payments`` are what the
    document records, cash reduced by the change so that the payments equal the total.
    """

    total: int
    items: tuple[ItemAmounts, ...]
    payments: PaymentTotals
    change: int
    vat: tuple[VatTotal, ...]

    @property
    def fiscal_payments(self) -> PaymentTotals:
        """Payments as recorded in the document: cash minus the change."""
        p = self.payments
        return PaymentTotals(cash=p.cash - self.change, electronic=p.electronic,
                             prepaid=p.prepaid, credit=p.credit,
                             counter_provision=p.counter_provision)

    @property
    def total_rubles(self) -> Decimal:
        """The total as a two-decimal Decimal of rubles."""
        return to_rubles(self.total)

    def vat_for(self, vat: VAT) -> VatTotal | None:
        """The totals of one rate, or None when no item has it."""
        for entry in self.vat:
            if entry.vat is vat:
                return entry
        return None


def sum_payments(payments: Sequence[Payment]) -> PaymentTotals:
    """Add the payments up per form (several payments of one form are summed)."""
    sums = dict.fromkeys(PaymentType, 0)
    for payment in payments:
        sums[payment.type] += to_kopecks(payment.sum)
    return PaymentTotals(cash=sums[PaymentType.CASH], electronic=sums[PaymentType.ELECTRONIC],
                         prepaid=sums[PaymentType.PREPAID], credit=sums[PaymentType.CREDIT],
                         counter_provision=sums[PaymentType.COUNTER_PROVISION])


def compute_totals(items: Sequence[Item], payments: Sequence[Payment]) -> ReceiptTotals:
    """Compute a receipt's totals. Does not judge them (see ``validate_receipt``)."""
    amounts: list[ItemAmounts] = []
    base: dict[VAT, int] = {}
    tax: dict[VAT, int] = {}
    for item in items:
        total = item_total(item.price, item.quantity)
        vat = vat_amount(total, item.vat)
        amounts.append(ItemAmounts(total=total, vat=vat))
        base[item.vat] = base.get(item.vat, 0) + total
        tax[item.vat] = tax.get(item.vat, 0) + vat
    grand = sum(a.total for a in amounts)
    paid = sum_payments(payments)
    change = max(0, min(paid.total - grand, paid.cash))
    vat_totals = tuple(VatTotal(vat=v, base=base[v], amount=tax[v]) for v in sorted(base))
    return ReceiptTotals(total=grand, items=tuple(amounts), payments=paid, change=change,
                         vat=vat_totals)
