"""The printer client against the emulated printer served on every link (emu/tcp/usb/ble/pty)."""

from __future__ import annotations

import sys

import pytest

from sigmakkt.errors import PaperOut
from sigmakkt.printer import Printer
from sigmakkt.protocol.escpos import EscPos
from sigmakkt_emulator.printer import EmulatedPrinter, Roll

serve_mod = pytest.importorskip("sigmakkt_emulator.serve")
transport_mod = pytest.importorskip("sigmakkt.transport")

LINKS = ["emu", "tcp", "usb", "ble"] + (["pty"] if sys.platform.startswith("linux") else [])


@pytest.mark.parametrize("link", LINKS)
def test_print_and_paper_out_over_link(link: str) -> None:
    device = EmulatedPrinter(roll=Roll(length_mm=101))  # 808 rows
    endpoint = serve_mod.serve(device, link)
    try:
        with transport_mod.open_transport(endpoint.url) as t:
            printer = Printer(t, timeout=0.5, sync_every_mm=0)
            assert printer.status().ready
            job = EscPos().line_spacing(32)
            for i in range(10):
                job.line(f"Строка {i}")
            result = printer.print_job(job.cut())
            assert result.rows == 320 and device.receipts[0].lines[9] == "Строка 9"
            more = EscPos().line_spacing(32)
            for i in range(30):
                more.line(f"Ещё {i}")
            with pytest.raises(PaperOut) as err:
                printer.print_job(more)
            # 808 - 320 = 488 rows left: 15 whole lines (480 rows) confirmed
            assert err.value.printed_mm == 15 * 32 * 0.125
            assert not printer.status().paper_present
    finally:
        endpoint.close()
