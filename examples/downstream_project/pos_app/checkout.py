"""A cart and its checkout: what a POS does with the register at the end of a sale."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sigmakkt import VAT, Item, Payment, Register
from sigmakkt.register import ReceiptResult


@dataclass
class Cart:
    """Lines of (name, unit price in rubles, quantity, VAT rate)."""

    lines: list[tuple[str, str, int, VAT]] = field(default_factory=list)

    def add(self, name: str, price: str, quantity: int = 1, vat: VAT = VAT.VAT20) -> Cart:
        self.lines.append((name, price, quantity, vat))
        return self

    @property
    def total(self) -> Decimal:
        return sum((Decimal(p) * q for _, p, q, _ in self.lines), Decimal("0.00"))


def checkout(kkt: Register, cart: Cart, *, cash: str | None = None,
             phone: str | None = None) -> ReceiptResult:
    """Sell the cart: by card unless ``cash`` (the banknotes handed over) is given."""
    items = [Item(name, price=price, quantity=qty, vat=vat) for name, price, qty, vat in cart.lines]
    payment = Payment.cash(cash) if cash is not None else Payment.electronic(cart.total)
    return kkt.sell(items, payments=[payment], customer=phone)
