"""Printing after signing: printed=False with the reason, then continue_print() from the
archive, with the same text as a normal print."""

from __future__ import annotations

import pytest

from sigmakkt import ValidationError
from sigmakkt.register import Buyer, Item, Payment
from sigmakkt.register.enums import VAT, Measure
from sigmakkt.register.register import Register
from sigmakkt_emulator.clock import Clock
from tests.register.register_support import (
    CASHIER,
    INN,
    START,
    FrameLog,
    cash,
    milk,
    ready_kkt,
    register_kkt,
)

ITEMS = [milk(), Item("Сыр", "312.40", "0.455", vat=VAT.VAT10, measure=Measure.KILOGRAM),
         Item("Пакет", "5.00", vat=VAT.NO_VAT)]
PAYMENTS = [Payment.cash("300.00"), Payment.electronic("27.00")]


def _masked(text: str) -> list[str]:
    """Text lines without those that differ between two sales (numbers, sign)."""
    volatile = ("ЧЕК №", "ФД №", "ФП")
    return [line for line in text.splitlines() if not line.startswith(volatile)]


def _sale(kkt: Register):  # type: ignore[no-untyped-def]
    return kkt.sell(ITEMS, PAYMENTS, customer="+79990000000", buyer=Buyer(inn=INN))


def test_paper_out_mid_receipt_then_continue_print() -> None:
    with ready_kkt() as kkt:
        printer = kkt.emulator.printer
        normal = _sale(kkt)
        assert normal.printed
        reference = kkt.emulator.receipts[-1].text
        pages = len(kkt.emulator.receipts)
        printer.paper_out_at(printer.roll.used_rows + 400)   # ~50 mm into the next receipt
        result = _sale(kkt)
        assert not result.printed and "PaperOut" in (result.print_error or "")
        assert kkt.pending_prints == [result.fiscal_document_number]
        assert not kkt.paper_status().paper_present
        assert kkt.continue_print() == []                      # still no paper: stays pending
        assert kkt.pending_prints == [result.fiscal_document_number]
        printer.load_paper()
        assert kkt.paper_status().ready
        assert kkt.continue_print() == [result.fiscal_document_number]
        assert kkt.pending_prints == []
        fragment, reprint = kkt.emulator.receipts[pages:]
        assert reprint.text.splitlines()[: len(fragment.lines)] == fragment.lines
        assert _masked(reprint.text) == _masked(reference)
        assert f"{result.fiscal_sign}" in reprint.text
        assert "СДАЧА" in reprint.text and "КОПИЯ" not in reprint.text
        assert reprint.png is not None and reprint.png.exists()


def test_copy_mark_and_reprint() -> None:
    with ready_kkt() as kkt:
        result = kkt.sell([milk()], cash())
        original = kkt.emulator.receipts[-1].text
        assert kkt.reprint(result.fiscal_document_number)
        copy = kkt.emulator.receipts[-1].text.splitlines()
        assert copy[0] == "КОПИЯ".center(32).rstrip() or copy[0].strip() == "КОПИЯ"
        assert copy[1:] == original.splitlines()


def test_cover_open_before_printing() -> None:
    with ready_kkt() as kkt:
        kkt.emulator.printer.open_cover()
        result = kkt.sell([milk()], cash())
        assert not result.printed and "CoverOpen" in (result.print_error or "")
        kkt.emulator.printer.close_cover()
        assert kkt.continue_print(copy=True) == [result.fiscal_document_number]
        assert "КОПИЯ" in kkt.emulator.receipts[-1].text


def test_reports_pending_too() -> None:
    with ready_kkt(shift=False) as kkt:
        kkt.emulator.printer.open_cover()
        opened = kkt.open_shift(CASHIER)
        assert not opened.printed
        kkt.sell([milk()], cash())
        closed = kkt.close_shift()
        kkt.emulator.printer.close_cover()
        assert len(kkt.continue_print()) == 3
        texts = [r.text for r in kkt.emulator.receipts[-3:]]
        assert "ОТКРЫТИ" in texts[0] and "ЗАКРЫТИ" in texts[2]
        assert str(closed.fiscal_sign) in texts[2]


def test_without_a_printer() -> None:
    base = Clock(START, frozen=True)
    with Register.emulated(emulator_clock=base) as owner:
        emu = owner.emulator
        kkt = Register.connect(emu.fn_url, None, clock=emu.clock)
        try:
            register_kkt(kkt)
            kkt.open_shift(CASHIER)
            result = kkt.sell([milk()], cash())
            assert not result.printed and "no printer" in (result.print_error or "")
            assert not kkt.paper_status().online
            assert kkt.pending_prints == [1, 2, 3]
        finally:
            kkt.close()


def test_notes_print_after_the_qr_and_are_checked_before_sending() -> None:
    with ready_kkt() as kkt:
        receipt = kkt.sell([milk()], cash(), cashier=CASHIER, notes=["Спасибо за покупку!"])
        assert receipt.printed
        lines = [line.strip() for line in kkt.emulator.receipts[-1].lines if line.strip()]
        assert lines[-1] == "Спасибо за покупку!"
        log = FrameLog(kkt)
        for bad in (["ok", "bell\x07"], ["😀"], "not a list", ["x"] * 21):
            with pytest.raises(ValidationError, match="note"):
                kkt.sell([milk()], cash(), cashier=CASHIER, notes=bad)
        assert log.codes == []


def test_pending_prints_are_journaled_and_printed_after_a_restart(tmp_path: object) -> None:
    state = str(tmp_path)
    clock = Clock(START, frozen=True)
    kkt = Register.emulated(state_dir=state, emulator_clock=clock)
    try:
        register_kkt(kkt)
        normal = kkt.open_shift(CASHIER)
        assert normal.printed
        printer = kkt.emulator.printer
        printer.paper_out_at(printer.roll.used_rows + 40)   # runs out inside the receipt
        sale = kkt.sell([milk()], [Payment.cash("500.00")], cashier=CASHIER)
        closed = kkt.close_shift(CASHIER)
        assert not sale.printed and not closed.printed
        assert kkt.pending_prints == [sale.fiscal_document_number,
                                      closed.fiscal_document_number]
    finally:
        kkt.close()
    kkt = Register.emulated(state_dir=state, emulator_clock=clock)
    try:
        assert kkt.pending_prints == [sale.fiscal_document_number,
                                      closed.fiscal_document_number]
        assert kkt.continue_print() == [sale.fiscal_document_number,
                                        closed.fiscal_document_number]
        assert kkt.pending_prints == []
        pages = [page.text for page in kkt.emulator.receipts]
        receipt_text, close_text = pages[-2], pages[-1]
        assert f"{sale.fiscal_sign}" in receipt_text and "СДАЧА" in receipt_text
        assert "ЗАКРЫТИИ СМЕНЫ" in close_text
    finally:
        kkt.close()
    kkt = Register.emulated(state_dir=state, emulator_clock=clock)
    try:
        assert kkt.pending_prints == []      # what was printed left the journal
    finally:
        kkt.close()


def test_legible_text_can_be_turned_off_for_a_printer_with_a_big_font() -> None:
    with ready_kkt() as tall, ready_kkt(legible_text=False) as compact:
        rows = []
        for kkt in (tall, compact):
            kkt.sell([milk()], cash(), cashier=CASHIER)
            rows.append(kkt.emulator.receipts[-1].rows)
        assert rows[1] < rows[0] * 0.75      # same receipt, far less paper
