"""Paper roll model and the status bytes the emulated printer sends (reference §2.6)."""

from __future__ import annotations

from sigmakkt.protocol.escpos import EscPos
from sigmakkt_emulator.printer import EmulatedPrinter, Roll

DLE_EOT_ALL = bytes.fromhex("100401 100402 100403 100404")


def test_near_end_flips_at_the_right_row() -> None:
    # a 2 m job on a roll with 4 m left; near-end below 3 m remaining -> after 1 m = 8000 rows
    printer = EmulatedPrinter(roll=Roll(length_mm=4000))
    job = EscPos().line_spacing(32)
    for i in range(500):
        job.line(f"{i}")
    assert job.rows == 16000
    flips = []
    for n, piece in enumerate(job.pieces()):
        printer.receive(piece.data)
        roll_byte = printer.receive(b"\x10\x04\x04")
        flips.append(roll_byte == b"\x1e")
        if n == 0:
            assert roll_byte == b"\x12"
    first = flips.index(True)
    assert not any(flips[:first]) and all(flips[first:])
    assert printer.roll.near_end_row == 8001  # the first row leaving less than 3000 mm
    # pieces: the init piece (ESC @ ESC t ESC 3 + line 0) is piece 0, so line k is piece k;
    # line 250 (0-based) takes rows 8001..8032
    assert first == 250
    assert printer.roll.used_rows == 16000 and printer.roll.remaining_mm == 2000


def test_configurable_near_end_threshold() -> None:
    printer = EmulatedPrinter(roll=Roll(length_mm=1000, near_end_mm=500))
    printer.receive(EscPos().feed_dots(4000).build())
    assert printer.receive(b"\x10\x04\x04") == b"\x12"  # exactly 500 mm left: not below
    printer.receive(EscPos().feed_dots(1).build())
    assert printer.receive(b"\x10\x04\x04") == b"\x1e"


def test_status_bytes_ok_paper_out_cover_cutter() -> None:
    printer = EmulatedPrinter(roll=Roll(length_mm=100, near_end_mm=10))
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("12 12 12 12")
    assert printer.receive(b"\x1dr\x01") == b"\x00"
    printer.receive(EscPos().feed_dots(800).build())
    # out of paper: reference bytes n1 = 0x1A, n2 = 0x32, n4 = 0x7E
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("1a 32 12 7e")
    assert printer.receive(b"\x1dr\x01") == b""  # GS r not answered during paper-out
    printer.load_paper(30_000)
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("12 12 12 12")
    printer.open_cover()
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("1a 16 12 12")
    printer.close_cover()
    printer.jam_cutter()
    printer.receive(EscPos().line("x").cut().build())
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("1a 52 1a 12")
    assert printer.receipts == []
    printer.receive(b"\x10\x05\x02")  # DLE ENQ 2: recover, clear
    assert printer.receive(DLE_EOT_ALL) == bytes.fromhex("12 12 12 12")


def test_offline_printer_refuses_to_print() -> None:
    printer = EmulatedPrinter()
    printer.open_cover()
    printer.receive(EscPos().line("не печатается").build())
    assert printer.roll.used_rows == 0 and printer.pending.lines == []
    assert printer.dropped_events == 1
    printer.close_cover()
    printer.receive(EscPos().line("печатается").build())
    assert printer.pending.lines == ["печатается"]


def test_paper_counting_and_cuts() -> None:
    printer = EmulatedPrinter()
    job = EscPos().line("a").feed(2).feed_dots(7).cut().line("b").cut(partial=True, feed=10)
    printer.receive(job.build())
    assert printer.roll.used_rows == job.rows == 30 + 60 + 7 + 30 + 10
    assert printer.roll.cuts == 2
    assert [r.rows for r in printer.receipts] == [97, 40]
    assert abs(printer.roll.used_mm - job.rows * 0.125) < 1e-9


def test_gs_i_and_asb() -> None:
    printer = EmulatedPrinter()
    assert printer.receive(b"\x1dI\x01\x1dI\x02") == b"\x20\x02"
    assert printer.receive(b"\x1dI\x43") == b"\x5fCAPD245\x00"
    assert printer.receive(b"\x1da\x0f") == bytes.fromhex("10 00 00 00")
    printer.open_cover()
    assert printer.receive(b"") == bytes.fromhex("38 00 00 00")  # offline + cover open
    assert printer.receive(b"") == b""  # sent once per change


def test_pacing_sleeps_for_real_print_time() -> None:
    slept: list[float] = []
    printer = EmulatedPrinter(pacing=True, sleep=slept.append)
    printer.receive(EscPos().feed_dots(800).build())  # 100 mm at 100 mm/s
    assert abs(sum(slept) - 1.0) < 1e-9


def test_logo_stored_and_printed() -> None:
    from PIL import Image

    printer = EmulatedPrinter(logos={1: Image.new("1", (64, 16), 0)})
    printer.receive(EscPos().logo(1, height=16).logo(2).cut().build())
    assert printer.receipts[0].rows == 16
    assert [r.command for r in printer.rejected] == ["FS p"]
    assert printer.receipts[0].load_image().histogram()[0] == 64 * 16


def test_oversized_qr_is_rejected_not_raised() -> None:
    printer = EmulatedPrinter()
    data = b"x" * 4000  # more than version 40 holds at level H
    store = bytes((0x1D, 0x28, 0x6B, (len(data) + 3) & 0xFF, (len(data) + 3) >> 8, 0x31, 0x50,
                   0x30)) + data
    printer.receive(bytes.fromhex("1d286b0300314533") + store + bytes.fromhex("1d286b0300315130"))
    assert [r.command for r in printer.rejected] == ["GS ( k"]
    assert printer.roll.used_rows == 0


def test_only_the_last_pictures_stay_in_memory() -> None:
    printer = EmulatedPrinter(keep_images=2)
    printer.receive(EscPos().line("1").cut().line("2").cut().line("3").cut().build())
    assert [r.image is not None for r in printer.receipts] == [False, True, True]
