"""pos-app's tests: only sigmakkt's pytest fixtures, no hardware."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pos_app import Cart, checkout

from sigmakkt import VAT, ValidationError


def test_card_checkout_signs_and_prints(kkt, kkt_emulator):
    cart = Cart().add("Кофе", "150.00", 2).add("Круассан", "95.50", vat=VAT.VAT10)
    receipt = checkout(kkt, cart)
    assert receipt.total == Decimal("395.50")
    assert receipt.printed
    printed = kkt_emulator.receipts[-1].text
    assert "Кофе" in printed and "395.50" in printed
    assert kkt_emulator.receipt_pngs[-1].exists()


def test_cash_checkout_gives_change(kkt):
    receipt = checkout(kkt, Cart().add("Чай", "80.00"), cash="100.00")
    assert receipt.change == Decimal("20.00")


def test_receipts_reach_the_ofd(kkt, kkt_emulator):
    checkout(kkt, Cart().add("Вода", "40.00"))
    kkt.ofd_exchange()
    assert len(kkt_emulator.ofd_documents) == 3    # registration, shift open, receipt


def test_expired_shift_is_refused_before_anything_is_signed(kkt, kkt_clock):
    kkt_clock.advance(hours=25)
    before = kkt.status().last_document_number
    with pytest.raises(ValidationError):
        checkout(kkt, Cart().add("Вода", "40.00"))
    assert kkt.status().last_document_number == before


@pytest.mark.kkt(paper_m=0.05)
def test_paper_out_keeps_the_signed_receipt(kkt):
    cart = Cart()
    for n in range(10):
        cart.add(f"Товар {n}", "10.00")
    receipt = checkout(kkt, cart)
    assert receipt.fiscal_document_number > 0
    assert not receipt.printed
