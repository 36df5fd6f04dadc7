"""Receipt arithmetic: half-up rounding to kopecks, VAT out of VAT-inclusive totals, sums."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.register import VAT, Item, Payment, PaymentType
from sigmakkt.register.enums import vat_percent
from sigmakkt.register.money import format_quantity, format_rubles, to_kopecks, to_rubles
from sigmakkt.register.totals import compute_totals, item_total, vat_amount


def test_item_total_is_price_times_quantity() -> None:
    assert item_total(Decimal("89.90"), Decimal(2)) == 17980
    assert Item("Молоко", "89.90", 2, vat=VAT.VAT20).total == Decimal("179.80")


@pytest.mark.parametrize(("price", "qty", "kopecks"), [
    ("0.05", "0.5", 3),        # 2.5 kop -> 3 (half-up; banker's rounding would give 2)
    ("1.15", "0.5", 58),       # 57.5 -> 58
    ("0.01", "0.5", 1),        # 0.5 -> 1
    ("0.01", "0.499999", 0),   # just under a half -> 0
    ("45.50", "0.333", 1515),  # 1515.15 -> 1515
    ("99.99", "1.005", 10049),  # 10048.995 -> 10049
])
def test_item_total_rounds_half_up(price: str, qty: str, kopecks: int) -> None:
    assert item_total(Decimal(price), Decimal(qty)) == kopecks


@pytest.mark.parametrize(("total", "vat", "expected"), [
    (17980, VAT.VAT20, 2997),      # 179.80 * 20/120 = 29.9667
    (17980, VAT.VAT20_120, 2997),  # same formula for the calculated rate
    (12000, VAT.VAT20, 2000),
    (3, VAT.VAT20, 1),             # 0.5 kop -> 1 (half-up)
    (9, VAT.VAT20, 2),             # 1.5 kop -> 2
    (11000, VAT.VAT10, 1000),
    (11000, VAT.VAT10_110, 1000),
    (10500, VAT.VAT5, 500),
    (10500, VAT.VAT5_105, 500),
    (10700, VAT.VAT7, 700),
    (10700, VAT.VAT7_107, 700),
    (12200, VAT.VAT22, 2200),
    (12200, VAT.VAT22_122, 2200),
    (10000, VAT.VAT22, 1803),      # 1803.28
    (17980, VAT.VAT0, 0),
    (17980, VAT.NO_VAT, 0),
])
def test_vat_is_taken_out_of_the_total(total: int, vat: VAT, expected: int) -> None:
    assert vat_amount(total, vat) == expected


def test_receipt_vat_is_the_sum_of_item_vats() -> None:
    # three items of 1.00 at 20 %: each 16.67 kop -> 17, the receipt says 51 (not 50 from 3.00)
    items = [Item(f"Товар {i}", "1.00", vat=VAT.VAT20) for i in range(3)]
    totals = compute_totals(items, [Payment.cash("3.00")])
    entry = totals.vat_for(VAT.VAT20)
    assert entry is not None
    assert (entry.base, entry.amount) == (300, 51)
    assert [a.vat for a in totals.items] == [17, 17, 17]


def test_totals_per_rate_and_payment_form() -> None:
    items = [Item("Молоко", "89.90", 2, vat=VAT.VAT20),
             Item("Хлеб", "45.50", "0.5", vat=VAT.VAT10),
             Item("Пакет", "5.00", vat=VAT.NO_VAT),
             Item("Сок", "120.00", vat=VAT.VAT20)]
    pays = [Payment.cash("100.00"), Payment.cash("100.00"), Payment.electronic("150.00"),
            Payment.prepaid("10.00")]
    t = compute_totals(items, pays)
    assert t.total == 17980 + 2275 + 500 + 12000
    assert [(v.vat, v.base, v.amount) for v in t.vat] == [
        (VAT.VAT20, 29980, 2997 + 2000), (VAT.VAT10, 2275, 207), (VAT.NO_VAT, 500, 0)]
    assert t.payments.cash == 20000 and t.payments.electronic == 15000
    assert t.payments.prepaid == 1000 and t.payments.get(PaymentType.PREPAID) == 1000
    assert t.change == 36000 - t.total
    assert t.fiscal_payments.total == t.total
    assert t.total_rubles == Decimal("327.55")


def test_change_never_exceeds_cash_and_is_zero_when_short() -> None:
    items = [Item("Молоко", "89.90", 2, vat=VAT.VAT20)]
    assert compute_totals(items, [Payment.cash("100")]).change == 0
    assert compute_totals(items, [Payment.electronic("170"), Payment.cash("20")]).change == 1020


@given(price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       qty=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("9999"), places=6),
       vat=st.sampled_from(list(VAT)))
def test_rounding_properties(price: Decimal, qty: Decimal, vat: VAT) -> None:
    total = item_total(price, qty)
    exact = price * qty * 100
    assert total == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert abs(Decimal(total) - exact) <= Decimal("0.5")
    tax = vat_amount(total, vat)
    assert 0 <= tax <= total
    if vat_percent(vat):
        exact_tax = Decimal(total) * vat_percent(vat) / (100 + vat_percent(vat))
        assert abs(Decimal(tax) - exact_tax) <= Decimal("0.5")


def test_money_formatting_helpers() -> None:
    assert format_rubles(17980) == "179.80" and format_rubles(5) == "0.05"
    assert to_kopecks(Decimal("0.10")) == 10 and to_rubles(10) == Decimal("0.10")
    with pytest.raises(ValueError):
        to_kopecks(Decimal("0.001"))
    assert format_quantity(Decimal("2")) == "2" and format_quantity(Decimal("0.250")) == "0.25"
