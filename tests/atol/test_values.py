"""Money from JSON numbers is exact: through the number's decimal text, never float arithmetic."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.atol.values import check_fields, parse_date, quantity, rubles
from sigmakkt.errors import Unsupported, ValidationError
from sigmakkt.register.money import MAX_KOPECKS


def test_rubles_from_json_numbers() -> None:
    task = json.loads('{"a": 89.90, "b": 179.8, "c": 100, "d": 0.07, "e": 1e2}')
    assert [rubles(task[k], k) for k in "abcde"] == [
        Decimal("89.90"), Decimal("179.80"), Decimal("100.00"), Decimal("0.07"),
        Decimal("100.00")]
    assert rubles(Decimal("12.5"), "x") == Decimal("12.50")
    assert rubles("12.50", "x") == Decimal("12.50")
    # what binary arithmetic produced is not a kopeck amount: refused, not rounded
    with pytest.raises(ValidationError, match="more than 2 decimals"):
        rubles(0.1 + 0.2, "sum")
    with pytest.raises(ValidationError, match="more than 2 decimals"):
        rubles(json.loads("1.005"), "sum")
    for bad in (True, None, "abc", float("nan"), -1):
        with pytest.raises(ValidationError):
            rubles(bad, "sum")
    assert rubles(0, "x", allow_zero=True) == Decimal("0.00")


def test_quantity_and_dates() -> None:
    assert quantity(json.loads("0.125"), "q") == Decimal("0.125")
    assert quantity(2, "q") == Decimal(2)
    with pytest.raises(ValidationError):
        quantity(json.loads("0.0000001"), "q")
    assert parse_date("2026.01.10", "d") == dt.date(2026, 1, 10)
    assert parse_date("2026-01-10", "d") == dt.date(2026, 1, 10)
    with pytest.raises(ValidationError, match=r"yyyy\.mm\.dd"):
        parse_date("10.01.2026", "d")


def test_check_fields() -> None:
    check_fields({"a": 1}, "x.", ("a", "b"))
    with pytest.raises(ValidationError) as err:
        check_fields({"zz": 1}, "x.", ("a", "b"))
    assert err.value.field == "x.zz" and "supported here: a, b" in str(err.value)
    assert not isinstance(err.value, Unsupported)
    with pytest.raises(Unsupported, match="no marking"):
        check_fields({"mark": 1}, "", ("a",), {"mark": "no marking"})


@given(st.integers(min_value=0, max_value=MAX_KOPECKS))
def test_any_kopeck_amount_survives_json(kopecks: int) -> None:
    """Every sum a document can hold (≤ 2**48 − 1 kopecks, 15 digits), written as a JSON
    number, comes back to the kopeck."""
    text = f"{kopecks // 100}.{kopecks % 100:02d}"
    assert rubles(json.loads(text), "sum", allow_zero=True) == Decimal(text)
