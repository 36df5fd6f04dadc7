"""Layouts rendered to ESC/POS print on the emulated printer as laid out, QR included."""

from __future__ import annotations

import pytest

from sigmakkt.register.layout import layout_receipt, layout_shift_report
from sigmakkt.register.lines import Layout, QRLine
from sigmakkt.register.printable import PrintableShiftReport
from sigmakkt.register.render import render_escpos

from .test_layout import CASHIER, ORG, WHEN, receipt

printer = pytest.importorskip("sigmakkt_emulator.printer")
zxingcpp = pytest.importorskip("zxingcpp")


def printed(layout: Layout) -> printer.PrintedReceipt:
    device = printer.EmulatedPrinter()
    device.receive(render_escpos(layout).build())
    assert len(device.receipts) == 1          # one document, cut once
    return device.receipts[0]


def text_rows(layout: Layout) -> list[str]:
    return [row.strip() for row in layout.text().splitlines()
            if row.strip() and not row.startswith("[QR ")]


def test_receipt_prints_its_text_layer_and_a_readable_qr() -> None:
    layout = layout_receipt(receipt())
    page = printed(layout)
    assert [row.strip() for row in page.lines if row.strip()] == text_rows(layout)
    found = zxingcpp.read_barcodes(page.load_image().convert("L"))
    qr = next(line for line in layout.lines if isinstance(line, QRLine))
    assert [r.text for r in found] == [qr.data]
    corners = found[0].position
    side = corners.top_right.x - corners.top_left.x
    assert side >= 160                         # ≥ 20 mm at 8 dots/mm


def test_copy_prints_the_same_plus_the_mark() -> None:
    normal = printed(layout_receipt(receipt())).lines
    copy = printed(layout_receipt(receipt(copy=True))).lines
    assert copy[0].strip() == "КОПИЯ" and copy[1:] == normal


def test_report_without_qr_prints() -> None:
    layout = layout_shift_report(PrintableShiftReport(
        ORG, opening=True, shift_number=3, datetime=WHEN, fd_number=70, fiscal_sign=123,
        cashier=CASHIER))
    page = printed(layout)
    assert [row.strip() for row in page.lines if row.strip()] == text_rows(layout)
    assert not zxingcpp.read_barcodes(page.load_image().convert("L"))


def _ink_height(layout: Layout, *, legible: bool) -> int:
    device = printer.EmulatedPrinter()
    device.receive(render_escpos(layout, legible=legible).build())
    image = device.receipts[0].load_image().convert("L")
    rows = [y for y in range(image.height)
            if any(image.getpixel((x, y)) < 128 for x in range(image.width))]
    return rows[-1] - rows[0] + 1 if rows else 0


def test_lowercase_letters_are_at_least_2_mm_high() -> None:
    # "о", "а", "е" have neither ascenders nor descenders: their ink height is the x-height.
    from sigmakkt.register.lines import TextLine

    layout = Layout([TextLine("оаеоаеоае")])
    assert _ink_height(layout, legible=True) >= 16      # 2 mm at 8 dots/mm (ЕД-7-20/236@)
    assert _ink_height(layout, legible=False) < 16      # why legible text is the default
