"""Round trip: builder -> emulated printer -> PNG; text, QR and barcodes read back from pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from sigmakkt.protocol.escpos import HRI, Barcode, EscPos, QRErrorLevel
from sigmakkt_emulator.printer import EmulatedPrinter
from tests.emulator.printer.ocr import reads_as

FISCAL_QR = "t=20250901T1234&s=1520.40&fn=9999078900004312&i=1542&fp=2981374650&n=1"
UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LOWER = UPPER.lower()


def receipt() -> EscPos:
    return (
        EscPos()
        .align("center").bold().line("ООО Ромашка").bold(False)
        .align("left")
        .line("Кассовый чек. Приход")
        .line("Молоко 3,2% 1 л      2 x 89.90")
        .line("ИТОГ                179.80 ₽")
        .line("ФН №9999078900004312")
        .font("B").line("Font B: ещё 42 символа в строке, мелко").font("A")
        .align("center").qr(FISCAL_QR)
        .feed(2).cut()
    )


@pytest.fixture
def printed(tmp_path: Path) -> tuple[EmulatedPrinter, EscPos]:
    printer = EmulatedPrinter(tmp_path)
    job = receipt()
    assert printer.receive(job.build()) == b""
    return printer, job


def test_png_written_384_wide(printed: tuple[EmulatedPrinter, EscPos], tmp_path: Path) -> None:
    printer, job = printed
    assert len(printer.receipts) == 1
    r = printer.receipts[0]
    assert r.png == tmp_path / "receipt-0001.png" and r.png.exists()
    with Image.open(r.png) as img:
        assert img.width == 384
        assert img.height == r.rows == job.rows  # builder's paper model = emulator's
    assert printer.roll.used_rows == job.rows
    assert printer.roll.cuts == 1


def test_text_layer(printed: tuple[EmulatedPrinter, EscPos]) -> None:
    r = printed[0].receipts[0]
    assert r.lines == [
        "ООО Ромашка",
        "Кассовый чек. Приход",
        "Молоко 3,2% 1 л      2 x 89.90",
        "ИТОГ                179.80 руб.",  # rouble policy: ₽ prints as "руб."
        "ФН №9999078900004312",
        "Font B: ещё 42 символа в строке, мелко",
    ]


def test_text_reads_back_from_pixels(printed: tuple[EmulatedPrinter, EscPos]) -> None:
    r = printed[0].receipts[0]
    page = r.load_image()
    for box in r.boxes:
        assert reads_as(page, box, box.text), box.text
    # and a wrong expectation is caught
    assert not reads_as(page, r.boxes[1], "Кассовый чек. Расход")


def test_qr_decodes_and_is_at_least_20_mm(printed: tuple[EmulatedPrinter, EscPos]) -> None:
    page = printed[0].receipts[0].load_image()
    results = [x for x in zxingcpp.read_barcodes(page.convert("L"))
               if x.format == zxingcpp.BarcodeFormat.QRCode]
    assert [x.text for x in results] == [FISCAL_QR]
    pos = results[0].position
    side_x = pos.top_right.x - pos.top_left.x + 1
    side_y = pos.bottom_left.y - pos.top_left.y + 1
    assert side_x >= 160 and side_y >= 160
    # and measured on the pixels: the dark extent of the symbol
    xs = [x for x in range(384) if page.getpixel((x, pos.top_left.y + 2)) == 0]
    assert max(xs) - min(xs) + 1 >= 160


@pytest.mark.parametrize("level", list(QRErrorLevel))
def test_qr_every_level_decodes(level: QRErrorLevel) -> None:
    printer = EmulatedPrinter()
    printer.receive(EscPos().align("center").qr("https://example.org/ИНН", level=level)
                    .cut().build())
    page = printer.receipts[0].load_image()
    assert [x.text for x in zxingcpp.read_barcodes(page.convert("L"))] == \
        ["https://example.org/ИНН"]


def test_barcodes_decode() -> None:
    printer = EmulatedPrinter()
    job = (EscPos().align("center")
           .barcode("4601234567893", Barcode.EAN13, height=60, module=2, hri=HRI.BELOW)
           .feed(1)
           .barcode("SIGMA-128", Barcode.CODE128, height=60, module=2)
           .cut())
    printer.receive(job.build())
    page = printer.receipts[0].load_image().convert("L")
    found = {(x.format, x.text) for x in zxingcpp.read_barcodes(page)}
    assert found == {(zxingcpp.BarcodeFormat.EAN13, "4601234567893"),
                     (zxingcpp.BarcodeFormat.Code128, "SIGMA-128")}
    assert printer.receipts[0].rows == job.rows


def test_cyrillic_all_letters_and_numero() -> None:
    printer = EmulatedPrinter()
    job = EscPos().line(UPPER[:32]).line(UPPER[32:] + LOWER[:31]).line(LOWER[31:] + " № 5 ₽")
    job.cut()
    printer.receive(job.build())
    r = printer.receipts[0]
    assert "".join(r.lines) == UPPER + LOWER + " № 5 руб."
    page = r.load_image()
    for box in r.boxes:
        assert reads_as(page, box, box.text)
    # every letter has its own glyph (not the '?' fallback) and upper ≠ lower
    from sigmakkt_emulator.printer.font import builtin_fonts

    for font in builtin_fonts():
        for ch in UPPER + LOWER + "№":
            assert font.has(ch)
            assert font.bitmap(ch) != font.bitmap("?") and any(font.bitmap(ch))
        for u, lo in zip(UPPER, LOWER, strict=True):
            assert font.bitmap(u) != font.bitmap(lo)


def test_image_round_trip_bit_exact() -> None:
    printer = EmulatedPrinter()
    img = Image.new("1", (384, 40), 1)
    for x in range(0, 384, 3):
        img.putpixel((x, x % 40), 0)
    printer.receive(EscPos().image(img).cut().build())
    page = printer.receipts[0].load_image()
    assert page.size == (384, 40)
    assert page.tobytes() == img.tobytes()


def test_png_per_cut_and_pending(tmp_path: Path) -> None:
    printer = EmulatedPrinter(tmp_path)
    printer.receive(EscPos().line("один").cut().line("два").cut(partial=True).line("три").build())
    assert [r.lines for r in printer.receipts] == [["один"], ["два"]]
    assert printer.pending.lines == ["три"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["receipt-0001.png", "receipt-0002.png"]


def test_styles_render_differently() -> None:
    def ink(job: EscPos) -> int:
        p = EmulatedPrinter()
        p.receive(job.line("Жирный").cut().build())
        return p.receipts[0].load_image().histogram()[0]  # black pixels

    plain = ink(EscPos())
    assert ink(EscPos().bold()) > plain
    assert ink(EscPos().double()) > 3 * plain
    assert ink(EscPos().underline(2)) > plain
    assert ink(EscPos().invert()) > 3 * plain


def test_png_printer_for_the_command_line(tmp_path: Path) -> None:
    from sigmakkt_emulator.printer import png_printer

    seen: list[int] = []
    printer = png_printer(tmp_path / "out", png_scale=2, on_receipt=lambda r: seen.append(r.index))
    printer.receive(EscPos().line("чек").cut().build())
    png = tmp_path / "out" / "receipt-0001.png"
    with Image.open(png) as img:
        assert img.size == (768, 60)
    assert seen == [1] and printer.receipts[0].text == "чек"
    receipt = printer.receipts[0]
    in_memory = receipt.load_image()
    receipt.image = None  # as for receipts older than keep_images: read back from the PNG
    assert receipt.load_image().tobytes() == in_memory.tobytes()
