"""Builder bytes pinned to the ESC/POS command references (reference/printer.md §2)."""

from __future__ import annotations

import pytest
from PIL import Image

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.escpos import (
    HRI,
    Align,
    Barcode,
    EscPos,
    Font,
    QRErrorLevel,
    ean13_check_digit,
    encode_text,
)

INIT = bytes.fromhex("1b40 1b7411")  # ESC @, ESC t 17 (PC866)


def body(b: EscPos) -> bytes:
    data = b.build()
    assert data.startswith(INIT)
    return data[len(INIT):]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda b: b.font(Font.A), "1b4d00"),
        (lambda b: b.font("B"), "1b4d01"),
        (lambda b: b.bold(), "1b4501"),
        (lambda b: b.bold(False), "1b4500"),
        (lambda b: b.underline(2), "1b2d02"),
        (lambda b: b.size(2, 2), "1d2111"),
        (lambda b: b.double(width=True, height=False), "1d2110"),
        (lambda b: b.double(width=False, height=True), "1d2101"),
        (lambda b: b.size(8, 8), "1d2177"),
        (lambda b: b.invert(), "1d4201"),
        (lambda b: b.align(Align.CENTER), "1b6101"),
        (lambda b: b.align("right"), "1b6102"),
        (lambda b: b.line_spacing(24), "1b3318"),
        (lambda b: b.line_spacing(), "1b32"),
        (lambda b: b.feed(3), "1b6403"),
        (lambda b: b.feed_dots(300), "1b4aff 1b4a2d"),
        (lambda b: b.cut(), "1d564100"),
        (lambda b: b.cut(partial=True), "1d564200"),
        (lambda b: b.cut(feed=16), "1d564110"),
        (lambda b: b.drawer(0, 50, 500), "1b700019fa"),
        (lambda b: b.margins(16, 352), "1d4c1000 1d576001"),
        (lambda b: b.logo(1), "1c700100"),
        (lambda b: b.logo(2, scale=3), "1c700203"),
        (lambda b: b.codepage(46), "1b742e"),
        (lambda b: b.raster(b"\xf0\x0f", 1, 2), "1d763000 0100 0200 f00f"),
        (lambda b: b.line("Привет"), "8fe0a8a2a5e2 0a"),
        (lambda b: b.line("№ Ёё"), "fc20f0f1 0a"),
        (lambda b: b.text("100 ₽"), "31303020 e0e3a12e"),
        (lambda b: b.text("a\x1bb\nc"), "6162 0a 63"),
    ],
)
def test_command_bytes(call: object, expected: str) -> None:
    b = EscPos()
    call(b)  # type: ignore[operator]
    assert body(b) == bytes.fromhex(expected)


def test_init_selects_pc866_with_esc_t_17() -> None:
    assert EscPos().build() == bytes.fromhex("1b40 1b7411")
    assert EscPos(init=False).build() == b""


def test_all_russian_letters_encode_to_cp866() -> None:
    upper = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    lower = upper.lower()
    assert len(upper) == 33
    data = encode_text(upper + lower)
    assert b"?" not in data
    # CP866 layout: А..Я = 80..9F, а..п = A0..AF, р..я = E0..EF, Ё/ё = F0/F1
    assert data[0] == 0x80 and data[upper.index("Я")] == 0x9F
    assert data[upper.index("Ё")] == 0xF0 and data[33 + upper.index("Ё")] == 0xF1
    assert data[33 + upper.index("П")] == 0xAF and data[33 + upper.index("Р")] == 0xE0


def test_qr_bytes_match_spec_and_python_escpos() -> None:
    b = EscPos(init=False).qr("1234", level=QRErrorLevel.M, module=5)
    expected = bytes.fromhex(
        "1d286b0400 314132 00"  # fn 165 model 2
        "1d286b0300 3143 05"  # fn 167 module 5
        "1d286b0300 3145 31"  # fn 169 level M
        "1d286b0700 315030 31323334"  # fn 180 store, len = 4 + 3
        "1d286b0300 315130"  # fn 181 print
    )
    assert b.build() == expected
    escpos = pytest.importorskip("escpos.printer")
    constants = pytest.importorskip("escpos.constants")
    dummy = escpos.Dummy()
    dummy.qr("1234", native=True, size=5, ec=constants.QR_ECLEVEL_M)
    assert dummy.output == expected


def test_qr_default_module_makes_at_least_20_mm() -> None:
    payload = "t=20250901T1200&s=1234.50&fn=9999078900004312&i=123&fp=1234567890&n=1"
    b = EscPos(init=False).qr(payload)
    data = b.build()
    module = data[data.index(bytes.fromhex("1d286b03003143")) + 7]
    assert module == 5  # version 5 at level M: 37 modules × 5 = 185 dots ≥ 160
    assert b.rows == 185


def test_barcode_bytes() -> None:
    b = EscPos(init=False).barcode("460123456789", Barcode.EAN13, height=80, module=2,
                                   hri=HRI.BELOW)
    assert b.build() == bytes.fromhex("1d6850 1d7702 1d4802 1d6b430c") + b"460123456789"
    b = EscPos(init=False).barcode("AB-12", Barcode.CODE128, height=60, module=3, hri=HRI.NONE)
    assert b.build() == bytes.fromhex("1d683c 1d7703 1d4800 1d6b4907") + b"{BAB-12"


def test_barcode_validation() -> None:
    with pytest.raises(ValidationError):
        EscPos().barcode("4601234567890", Barcode.EAN13)  # bad check digit
    with pytest.raises(ValidationError):
        EscPos().barcode("12ab", Barcode.EAN13)
    assert ean13_check_digit("460123456789") == 3
    EscPos().barcode("4601234567893", Barcode.EAN13)


def test_image_is_dithered_raster_of_whole_bytes() -> None:
    img = Image.new("L", (20, 3), 255)
    img.putpixel((0, 0), 0)
    img.putpixel((19, 2), 0)
    b = EscPos(init=False).image(img, dither=False)
    data = b.build()
    assert data[:8] == bytes.fromhex("1d763000 0300 0300")
    raster = data[8:]
    assert len(raster) == 9
    assert raster[0] == 0x80 and raster[8] == 0x10  # dot 0 of row 0, dot 19 of row 2
    assert sum(bin(x).count("1") for x in raster) == 2
    grey = Image.new("L", (64, 64), 128)
    dithered = EscPos(init=False).image(grey).build()[8:]
    ones = sum(bin(x).count("1") for x in dithered)
    assert 0.4 < ones / (64 * 64) < 0.6  # Floyd-Steinberg: half the dots of a 50 % grey


def test_wide_image_scaled_to_384() -> None:
    b = EscPos(init=False).image(Image.new("1", (768, 100), 0))
    assert b.build()[:8] == bytes.fromhex("1d763000 3000 3200")  # 48 bytes × 50 rows


def test_rows_model() -> None:
    b = EscPos(init=False).line("x").font("B").line("y").line_spacing(10).line("z").feed(2)
    # 30 (spacing ≥ 24), 30 (spacing ≥ 17), 17 (font B height > spacing 10), 2 × 10
    assert b.rows == 30 + 30 + 17 + 20
    wrapped = EscPos(init=False).line("x" * 33)  # 32 columns in Font A: wraps to 2 lines
    assert wrapped.rows == 60
    big = EscPos(init=False).size(2, 3).line("x")
    assert big.rows == 72


def test_pieces_end_at_lines() -> None:
    b = EscPos(init=False).line("a").line("b").cut()
    pieces = b.pieces()
    assert [p.data for p in pieces] == [b"a\n", b"b\n", bytes.fromhex("1d564100")]
    assert [p.rows for p in pieces] == [30, 30, 0]
    assert b"".join(p.data for p in pieces) == b.build()


def test_validation() -> None:
    with pytest.raises(ValidationError):
        EscPos().size(9, 1)
    with pytest.raises(ValidationError):
        EscPos().raster(b"\x00", 2, 1)
    with pytest.raises(ValidationError):
        EscPos().feed(256)
    with pytest.raises(ValidationError):
        EscPos().qr("x" * 3000)  # over the version-40 level-M capacity (2331 bytes)
    with pytest.raises(ValidationError):
        EscPos().qr("x", module=17)


def test_protocol_tier_imports_no_optional_packages() -> None:
    import subprocess
    import sys

    code = ("import sys, sigmakkt.protocol.escpos as e; "
            "e.EscPos().line('x').qr('t=1&s=2').build(); "
            "print(sorted(m for m in ('PIL', 'segno', 'serial', 'socket') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_image_without_pillow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sigmakkt.errors import MissingDependency

    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(MissingDependency) as err:
        EscPos().image(object())  # type: ignore[arg-type]
    assert err.value.extra == "render" and err.value.package == "pillow"
    assert "sigmakkt[render]" in str(err.value)
