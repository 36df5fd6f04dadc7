"""The streaming interpreter: chunking invariance, every command, garbage safety, bounded memory."""

from __future__ import annotations

import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from sigmakkt.protocol.escpos import Barcode, EscPos
from sigmakkt_emulator.printer import EmulatedPrinter
from sigmakkt_emulator.printer.events import (
    AutoStatus,
    BarcodeEvent,
    CutEvent,
    DrawerPulse,
    Feed,
    LogoDefine,
    LogoPrint,
    QRCode,
    Raster,
    Recover,
    Rejected,
    StatusRequest,
    TextLine,
)
from sigmakkt_emulator.printer.interpreter import MAX_DATA, Interpreter


def job() -> bytes:
    return (EscPos().align("center").bold().double().line("Заголовок").normal()
            .align("left").font("B").line("мелкий текст").font("A")
            .line_spacing(40).line("x").line_spacing()
            .raster(b"\xff\x00" * 4, 2, 4).qr("abc").barcode("123456789012", Barcode.EAN13)
            .feed(2).feed_dots(5).logo(1).drawer().cut(partial=True).build())


def test_events_of_a_job() -> None:
    events = Interpreter().feed(job())
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["TextLine", "TextLine", "TextLine", "Raster", "QRCode", "BarcodeEvent",
                     "Feed", "Feed", "LogoPrint", "DrawerPulse", "CutEvent"]
    title = events[0]
    assert isinstance(title, TextLine)
    assert title.text == "Заголовок" and title.area.align == 1
    assert all(c.bold and c.scale_w == 2 and c.scale_h == 2 for c in title.chars)
    small = events[1]
    assert isinstance(small, TextLine) and small.chars[0].font == 1
    assert isinstance(events[2], TextLine) and events[2].rows == 40
    assert events[3] == Raster(b"\xff\x00" * 4, 2, 4, 1, 1, events[3].area)  # type: ignore[union-attr]
    qr = events[4]
    assert isinstance(qr, QRCode) and qr.data == b"abc" and qr.level == "M" and qr.module == 8
    bc = events[5]
    assert isinstance(bc, BarcodeEvent)
    assert (bc.kind, bc.data, bc.height, bc.module, bc.hri) == (67, b"123456789012", 80, 2, 2)
    assert events[6] == Feed(60) and events[7] == Feed(5)
    assert isinstance(events[8], LogoPrint) and events[8].number == 1
    assert events[9] == DrawerPulse(0, 50, 500)
    assert events[10] == CutEvent(True, 0)


@given(st.lists(st.integers(0, len(job())), max_size=12))
def test_any_chunking_gives_the_same_events(cuts: list[int]) -> None:
    data = job()
    whole = Interpreter().feed(data)
    interp = Interpreter()
    got = []
    points = sorted(set(cuts))
    start = 0
    for p in [*points, len(data)]:
        got += interp.feed(data[start:p])
        start = p
    assert got == whole


def test_byte_by_byte() -> None:
    data = job()
    interp = Interpreter()
    got = []
    for i in range(len(data)):
        got += interp.feed(data[i:i + 1])
    assert got == Interpreter().feed(data)


def test_status_and_control_commands() -> None:
    events = Interpreter().feed(bytes.fromhex(
        "100401 100404 1d7201 1d7231 100502 1d6102 1d4901 1d4941 1b6d 1b69 1d5630 1d5601"))
    assert events == [
        StatusRequest("dle_eot", 1), StatusRequest("dle_eot", 4), StatusRequest("gs_r", 1),
        StatusRequest("gs_r", 49), Recover(2), AutoStatus(2), StatusRequest("gs_i", 1),
        StatusRequest("gs_i", 65), CutEvent(True, 0), CutEvent(False, 0),
        CutEvent(False, 0), CutEvent(True, 0),
    ]


def test_esc_bang_and_margins() -> None:
    interp = Interpreter()
    ev = interp.feed(bytes.fromhex("1b21b9 1d4c2000 1d570001") + b"A\n")
    line = ev[0]
    assert isinstance(line, TextLine)
    c = line.chars[0]
    # ESC ! 0xB9: Font B (bit 0), bold (3), double height (4), double width (5), underline (7)
    assert (c.font, c.bold, c.scale_h, c.scale_w, c.underline) == (1, True, 2, 2, 1)
    assert (line.area.left, line.area.width) == (32, 256)


def test_wrap_at_32_columns() -> None:
    ev = Interpreter().feed(b"x" * 40 + b"\n")
    assert [e.text for e in ev if isinstance(e, TextLine)] == ["x" * 32, "x" * 8]


def test_codepages() -> None:
    cp866 = Interpreter().feed(b"\x1bt\x11\x8f\xfc\n")[0]
    cp1251 = Interpreter().feed(b"\x1bt\x2e\xcf\xb9\n")[0]
    cp437 = Interpreter().feed(b"\x8f\n")[0]
    assert isinstance(cp866, TextLine) and cp866.text == "П№"
    assert isinstance(cp1251, TextLine) and cp1251.text == "П№"
    assert isinstance(cp437, TextLine) and cp437.text == "Å"


def test_gs_v_0_zero_size_rejected_and_stream_stays_in_sync() -> None:
    interp = Interpreter()
    ev = interp.feed(bytes.fromhex("1d763000 0000 0500") + b"ok\n")
    assert isinstance(ev[0], Rejected)
    assert isinstance(ev[1], TextLine) and ev[1].text == "ok"


def test_huge_raster_is_streamed_not_stored() -> None:
    interp = Interpreter()
    x, y = 48, MAX_DATA // 48 + 100
    ev = interp.feed(bytes((0x1D, 0x76, 0x30, 0, x, 0, y & 0xFF, y >> 8)))
    assert isinstance(ev[0], Rejected)
    chunk = b"\x55" * 65536
    total = x * y
    sent = 0
    while sent + len(chunk) <= total:
        assert interp.feed(chunk) == []
        sent += len(chunk)
        assert len(interp._buf) == 0
    ev = interp.feed(b"\x55" * (total - sent) + b"after\n")
    assert [e.text for e in ev if isinstance(e, TextLine)] == ["after"]


def test_esc_star_column_image() -> None:
    # ESC * 33 (24-dot double density), 2 columns: column 0 all black, column 1 top dot only
    data = bytes.fromhex("1b2a21 0200 ffffff 800000")
    ev = Interpreter().feed(data)
    r = ev[0]
    assert isinstance(r, Raster) and r.height == 24 and r.width_bytes == 1
    assert r.data[0] == 0xC0 and all(b == 0x80 for b in r.data[1:])


def test_gs_l_graphics_and_fs_q_logo() -> None:
    # GS ( L fn 112: 8×2 dots, then fn 50 print
    store = bytes.fromhex("1d284c 0c00 30 70 30 01 01 31 0800 0200 f0 0f")
    ev = Interpreter().feed(store + bytes.fromhex("1d284c 0200 30 32"))
    assert ev == [Raster(b"\xf0\x0f", 1, 2, 1, 1, ev[0].area)]  # type: ignore[union-attr]
    # FS q 1 logo: x = 1 (8 dots), y = 1 (8 dots), 8 column bytes
    fsq = bytes.fromhex("1c7101 0100 0100 ff00000000000080")
    ev = Interpreter().feed(fsq)
    assert len(ev) == 1 and isinstance(ev[0], LogoDefine)
    # column 0 all black -> bit 0x80 of every row; column 7 top dot -> bit 0x01 of row 0
    assert ev[0].data == b"\x81" + b"\x80" * 7


def test_code128_function_a_and_b() -> None:
    ev = Interpreter().feed(b"\x1dk\x04ABC\x00" + b"\x1dkI\x04{BAB")
    assert [(e.kind, e.data) for e in ev if isinstance(e, BarcodeEvent)] == \
        [(69, b"ABC"), (73, b"{BAB")]


garbage = st.binary(max_size=3000)


@settings(max_examples=300)
@given(garbage, st.integers(1, 64))
def test_random_bytes_never_raise(data: bytes, step: int) -> None:
    printer = EmulatedPrinter()
    for i in range(0, len(data), step):
        printer.receive(data[i:i + step])
    assert len(printer.interpreter._buf) <= MAX_DATA + 16


@settings(max_examples=100)
@given(st.lists(st.sampled_from([b"\x1b", b"\x1d", b"\x1c", b"\x10", b"(", b"k", b"L", b"v0",
                                 b"\x04", b"\x01", b"\xff", b"\x00", b"\n", b"!", b"V", b"q",
                                 b"\x1dv0", b"\x1d(k", b"\x1bJ\xff", b"\x1d!\x77", b"A"]),
                max_size=400))
def test_command_soup_never_raises(parts: list[bytes]) -> None:
    printer = EmulatedPrinter()
    printer.receive(b"".join(parts))
    printer.receive(b"\x10\x04\x01")


def test_memory_bounded_on_adversarial_headers() -> None:
    printer = EmulatedPrinter()
    tracemalloc.start()
    # maximal GS v 0, GS 8 L and FS q headers without their data, then text
    printer.receive(bytes.fromhex("1d763000 ffff ffff"))
    printer.receive(b"\x00" * 100_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * MAX_DATA
    assert printer.interpreter._skip > 0  # still skipping the announced 4 GiB, nothing stored


def test_tall_thin_raster_and_fs_q_out_of_range_are_skipped() -> None:
    interp = Interpreter()
    y = 20000  # 1 byte wide, 20000 rows: within MAX_DATA but over the row cap
    ev = interp.feed(bytes((0x1D, 0x76, 0x30, 0, 1, 0, y & 0xFF, y >> 8)) + b"\xff" * y + b"z\n")
    assert isinstance(ev[0], Rejected) and isinstance(ev[1], TextLine) and ev[1].text == "z"
    k = 1 * 300 * 8  # FS q logo with y = 300 (> 288)
    ev = interp.feed(bytes.fromhex("1c7101 0100 2c01") + b"\x00" * k + b"w\n")
    assert isinstance(ev[0], Rejected) and isinstance(ev[1], TextLine) and ev[1].text == "w"
