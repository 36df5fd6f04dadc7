"""Printer client against the emulated printer (through an in-process transport)."""

from __future__ import annotations

import pytest

from sigmakkt.errors import CoverOpen, CutterError, DecodeError, PaperOut, PrinterOffline
from sigmakkt.printer import Printer, PrinterStatus
from sigmakkt.protocol.escpos import EscPos
from sigmakkt_emulator.printer import EmulatedPrinter, Roll
from tests.printer.adapter import DeviceTransport

LINE_ROWS = 32


def long_job(lines: int) -> EscPos:
    job = EscPos().line_spacing(LINE_ROWS)
    for i in range(lines):
        job.line(f"Строка {i:05d} ................")
    return job


def client(printer: EmulatedPrinter, **kw: float) -> tuple[Printer, DeviceTransport]:
    t = DeviceTransport(printer, mtu=512)
    t.open()
    return Printer(t, **kw), t


def test_status_ready() -> None:
    p, _ = client(EmulatedPrinter())
    s = p.status()
    assert s == PrinterStatus() and s.ready
    assert p.wait_ready(timeout=0.1) == s


def test_status_flags_from_device() -> None:
    dev = EmulatedPrinter(roll=Roll(length_mm=2000))
    p, _ = client(dev)
    assert p.status().paper_near_end  # 2 m left < 3 m
    dev.open_cover()
    s = p.status()
    assert s.cover_open and s.offline and not s.ready
    dev.close_cover()
    dev.roll.overheated = True
    assert p.status().overheated


def test_print_job_ok() -> None:
    dev = EmulatedPrinter()
    p, t = client(dev)
    job = long_job(20).cut()
    result = p.print_job(job)
    assert result.rows == job.rows == 20 * LINE_ROWS
    assert result.printed_mm == 80.0
    assert dev.roll.used_rows == job.rows
    assert len(dev.receipts) == 1 and len(dev.receipts[0].lines) == 20
    # synced: one GS r per 20 mm batch (160 rows = 5 lines) plus the cut batch
    assert t.written.count(b"\x1d\x72\x01") == 20 * LINE_ROWS // 160 + 1


def test_paper_out_mid_job_reports_printed_length() -> None:
    dev = EmulatedPrinter(roll=Roll(length_mm=1001))  # 8008 rows: ends inside line 251
    p, _ = client(dev, sync_every_mm=0)
    with pytest.raises(PaperOut) as err:
        p.print_job(long_job(500).cut())  # a 2 m job
    assert err.value.printed_mm == 250 * LINE_ROWS * 0.125 == 1000.0
    assert dev.roll.used_rows == 8008  # the last line printed partly
    assert "1000.0 mm" in str(err.value)
    assert len(dev.pending.lines) == 251


def test_paper_out_coarse_sync_is_a_lower_bound_within_one_batch() -> None:
    dev = EmulatedPrinter(roll=Roll(length_mm=1001))
    p, _ = client(dev, sync_every_mm=20)
    with pytest.raises(PaperOut) as err:
        p.print_job(long_job(500))
    used_mm = dev.roll.used_mm
    assert err.value.printed_mm <= used_mm < err.value.printed_mm + 20 + LINE_ROWS * 0.125


def test_paper_out_at_injected_row() -> None:
    dev = EmulatedPrinter()
    dev.paper_out_at(100 * LINE_ROWS + 10)
    p, _ = client(dev, sync_every_mm=0)
    with pytest.raises(PaperOut) as err:
        p.print_job(long_job(150))
    assert err.value.printed_mm == 100 * LINE_ROWS * 0.125
    assert dev.roll.used_rows == 100 * LINE_ROWS + 10


def test_paper_ending_exactly_at_a_line_end_is_reported_as_a_lower_bound() -> None:
    dev = EmulatedPrinter()
    dev.paper_out_at(100 * LINE_ROWS)
    p, _ = client(dev, sync_every_mm=0)
    with pytest.raises(PaperOut) as err:
        p.print_job(long_job(150))
    # the 100th line printed whole, but the printer went offline before confirming it
    assert err.value.printed_mm == 99 * LINE_ROWS * 0.125
    assert "up to 400.0 mm" in str(err.value)


def test_refuses_before_sending_when_not_ready() -> None:
    dev = EmulatedPrinter()
    dev.open_cover()
    p, t = client(dev)
    with pytest.raises(CoverOpen) as err:
        p.print_job(long_job(3))
    assert err.value.printed_mm == 0.0
    assert "Строка".encode("cp866") not in bytes(t.written)
    dev.close_cover()
    dev.paper_out_at(0)
    with pytest.raises(PaperOut):
        p.print_job(long_job(3))


def test_cutter_jam_then_recover() -> None:
    dev = EmulatedPrinter()
    dev.jam_cutter()
    p, _ = client(dev)
    job = long_job(4).cut()
    with pytest.raises(CutterError) as err:
        p.print_job(job)
    assert err.value.printed_mm == job.rows * 0.125
    assert p.status().cutter_error
    p.recover()
    assert p.status().ready
    p.print_job(EscPos().cut())
    assert len(dev.receipts) == 1


def test_cover_opened_mid_job() -> None:
    dev = EmulatedPrinter()
    p, _ = client(dev, sync_every_mm=0)
    job = long_job(10)
    pieces = job.pieces()
    original = dev.receive
    count = {"n": 0}

    def receive(data: bytes) -> bytes:
        count["n"] += data.count(b"\n")
        if count["n"] >= 4:
            dev.open_cover()
        return original(data)

    dev.receive = receive  # type: ignore[method-assign]
    with pytest.raises(CoverOpen) as err:
        p.print_job(job)
    assert err.value.printed_mm == 3 * LINE_ROWS * 0.125
    assert len(pieces) == 10


def test_raw_bytes_job() -> None:
    dev = EmulatedPrinter()
    p, _ = client(dev)
    result = p.print_job(long_job(3).cut().build())
    assert result.rows == 0  # unknown for raw bytes
    assert len(dev.receipts[0].lines) == 3
    dev2 = EmulatedPrinter(roll=Roll(length_mm=5))
    p2, _ = client(dev2)
    with pytest.raises(PaperOut, match="unknown"):
        p2.print_job(long_job(10).build())


def test_wait_ready_times_out_with_the_cause() -> None:
    dev = EmulatedPrinter()
    dev.roll.overheated = True
    p, _ = client(dev)
    with pytest.raises(PrinterOffline, match="overheated"):
        p.wait_ready(timeout=0.05, poll=0.01)


class Garbage:
    def receive(self, data: bytes) -> bytes:
        return b"\x00" * data.count(b"\x10\x04")


def test_bad_status_reply_is_a_decode_error() -> None:
    t = DeviceTransport(Garbage())
    t.open()
    with pytest.raises(DecodeError):
        Printer(t).status()
