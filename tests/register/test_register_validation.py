"""Every validation rule of the Register: a ValidationError naming the field, and nothing sent
to the FN (input rules: no frame at all; state rules: only read-only queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sigmakkt.errors import ValidationError
from sigmakkt.register import Buyer, CorrectionBasis, CorrectionType, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT, ItemType
from sigmakkt.register.register import Register
from sigmakkt_emulator.clock import Clock
from tests.register.register_support import (
    CASHIER,
    INN,
    SERIAL,
    START,
    FrameLog,
    cash,
    milk,
    ready_kkt,
)


@pytest.fixture(scope="module")
def kkt() -> Iterator[Register]:
    with ready_kkt() as register:
        yield register


def _refused(kkt: Register, call: Callable[[], Any], field: str, *,
             reads_allowed: bool = False) -> None:
    last = kkt.status().last_document_number
    log = FrameLog(kkt)
    try:
        with pytest.raises(ValidationError) as info:
            call()
    finally:
        log.close()
    assert info.value.field is not None and info.value.field.startswith(field), info.value
    if reads_allowed:
        assert log.changing == [], [hex(c) for c in log.codes]
    else:
        assert log.codes == [], [hex(c) for c in log.codes]
    assert kkt.status().last_document_number == last


LONG_NAME = "Товар " + "х" * 120

INPUT_RULES: list[tuple[str, Callable[[Register], Any], str]] = [
    ("no items", lambda k: k.sell([], cash()), "items"),
    ("no payments", lambda k: k.sell([milk()], []), "payments"),
    ("payments short", lambda k: k.sell([milk()], cash("100.00")), "payments"),
    ("non-cash over total",
     lambda k: k.sell([milk()], [Payment.electronic("200.00")]), "payments"),
    ("return with change", lambda k: k.sell_return([milk()], cash("200.00")), "payments"),
    ("bad phone", lambda k: k.sell([milk()], cash(), customer="89990000000"), "customer"),
    ("tax system not registered",
     lambda k: k.sell([milk()], cash(), tax_system=TaxSystem.USN_INCOME), "tax_system"),
    ("FFD 1.2 unit as text",
     lambda k: k.sell([Item("Молоко", "1.00", vat=VAT.VAT20, measure="шт")], cash("1.00")),
     "items[0].measure"),
    ("excise without registration",
     lambda k: k.sell([Item("Пиво", "1.00", vat=VAT.VAT20, item_type=ItemType.EXCISE)],
                      cash("1.00")), "items[0].item_type"),
    ("receipt over 30 KB",
     lambda k: k.sell([Item(LONG_NAME, "1.00", vat=VAT.VAT20)] * 250, cash("250.00")),
     "items"),
    ("electronically without contact",
     lambda k: k.sell([milk()], cash(), electronically=True), "customer"),
    ("wrong cashier type", lambda k: k.sell([milk()], cash(), cashier="Иванова"), "cashier"),
    ("correction by order without number",
     lambda k: k.correction([milk()], cash(), correction_type=CorrectionType.BY_ORDER,
                            basis=CorrectionBasis(dt.date(2026, 1, 1))), "basis.number"),
    ("correction without basis",
     lambda k: k.correction([milk()], cash(), correction_type=CorrectionType.SELF,
                            basis=None), "basis"),  # type: ignore[arg-type]
    ("register twice with bad INN",
     lambda k: k.register(inn="7707083894", rnm="0" * 16, kkt_serial=SERIAL, org_name="x",
                          address="y", place=None, tax_systems={TaxSystem.OSN},
                          ofd_inn=INN), "inn"),
    ("bad RNM check number",
     lambda k: k.register(inn=INN, rnm="0000000001000000", kkt_serial=SERIAL, org_name="x",
                          address="y", place=None, tax_systems={TaxSystem.OSN},
                          ofd_inn=INN), "rnm"),
    ("reregister without reasons", lambda k: k.reregister(0, address="z"), "reasons"),
    ("open shift without cashier", lambda k: k.open_shift(None), "cashier"),
]


@pytest.mark.parametrize(("name", "call", "field"), INPUT_RULES,
                         ids=[rule[0] for rule in INPUT_RULES])
def test_input_rule_sends_nothing(kkt: Register, name: str, call: Callable[[Register], Any],
                                  field: str) -> None:
    _refused(kkt, lambda: call(kkt), field)


def test_buyer_needs_name_or_inn() -> None:
    with pytest.raises(ValidationError) as info:
        Buyer()
    assert info.value.field == "buyer"


def test_unregistered_kkt_sends_nothing() -> None:
    with Register.emulated() as fresh:
        _refused(fresh, lambda: fresh.sell([milk()], cash()), "registration")
        _refused(fresh, lambda: fresh.open_shift(CASHIER), "registration")


def test_no_open_shift() -> None:
    with ready_kkt(shift=False) as kkt:
        _refused(kkt, lambda: kkt.sell([milk()], cash()), "shift", reads_allowed=True)
        _refused(kkt, lambda: kkt.close_shift(), "shift", reads_allowed=True)


def test_shift_older_than_24_hours() -> None:
    with ready_kkt() as kkt:
        kkt.emulator.clock.advance(hours=24, minutes=1)
        _refused(kkt, lambda: kkt.sell([milk()], cash()), "shift", reads_allowed=True)


def test_shift_age_known_after_reconnect() -> None:
    with ready_kkt() as kkt:
        emu = kkt.emulator
        emu.clock.advance(hours=25)
        again = Register.connect(emu.fn_url, None, clock=emu.clock)
        try:
            _refused(again, lambda: again.sell([milk()], cash()), "shift", reads_allowed=True)
        finally:
            again.close()


def test_clock_before_last_document() -> None:
    kkt_clock = Clock(START, frozen=True)
    with ready_kkt(clock=kkt_clock) as kkt:
        kkt_clock.advance(minutes=-3)
        _refused(kkt, lambda: kkt.sell([milk()], cash()), "datetime", reads_allowed=True)


def test_clock_drift_over_five_minutes() -> None:
    kkt_clock = Clock(START, frozen=True)
    with ready_kkt(clock=kkt_clock) as kkt:
        kkt_clock.advance(minutes=4)   # within the rule: accepted
        kkt.sell([milk()], cash())
        kkt_clock.advance(minutes=6)   # the device timer did not move
        _refused(kkt, lambda: kkt.sell([milk()], cash()), "datetime", reads_allowed=True)
        kkt.emulator.clock.advance(minutes=6)   # now both moved alike
        assert kkt.sell([milk()], cash()).printed
