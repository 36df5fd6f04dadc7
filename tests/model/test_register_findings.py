"""Register behaviour the model test found lacking, pinned now that it is fixed: the Register
reopens a dropped FN link by itself, and signed-but-unprinted documents survive a restart."""

from __future__ import annotations

import datetime as dt

import pytest

from sigmakkt.register import Cashier, TaxSystem
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm
from sigmakkt_emulator.clock import Clock

INN = "7707083893"
SERIAL = "0149060006000651"


def _ready(transport: str) -> Register:
    kkt = Register.emulated(transport=transport,
                            emulator_clock=Clock(dt.datetime(2026, 3, 2, 9, 0), frozen=True))
    kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL, org_name="ООО",
                 address="г. Москва", place=None, tax_systems={TaxSystem.OSN},
                 ofd_inn=kkt.emulator.ofd_inn)
    kkt.open_shift(Cashier("Петров П.П."))
    return kkt


@pytest.mark.parametrize("transport", ["emu", "tcp"])
def test_register_reconnects_after_the_link_dropped(transport: str) -> None:
    kkt = _ready(transport)
    try:
        kkt.emulator.power_cut()
        assert kkt.status().shift_open
    finally:
        kkt.close()


def test_pending_prints_survive_a_restart(tmp_path: object) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9, 0), frozen=True)
    kkt = Register.emulated(state_dir=str(tmp_path), emulator_clock=clock)
    try:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL, org_name="ООО",
                     address="г. Москва", place=None, tax_systems={TaxSystem.OSN},
                     ofd_inn=kkt.emulator.ofd_inn)
        printer = kkt.emulator.printer
        printer.paper_out_at(printer.roll.used_rows)
        result = kkt.open_shift(Cashier("Петров П.П."))
        assert not result.printed and kkt.pending_prints == [result.fiscal_document_number]
    finally:
        kkt.close()
    kkt = Register.emulated(state_dir=str(tmp_path), emulator_clock=clock)
    try:
        assert kkt.pending_prints == [result.fiscal_document_number]
    finally:
        kkt.close()
