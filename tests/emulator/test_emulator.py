"""The Emulator bundle: devices served on every link, URLs, clock and power cut."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import sigmakkt.protocol.fn as p
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.printer import Printer
from sigmakkt.transport.url import open_transport
from sigmakkt_emulator import Clock, Emulator
from sigmakkt_emulator.serve import TRANSPORTS


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_every_link_serves_fn_and_printer(transport: str) -> None:
    with Emulator(transport=transport, ofd=False) as emu:
        assert emu.fn_url and emu.printer_url and emu.fn_url != emu.printer_url
        with FiscalStorage(open_transport(emu.fn_url)) as fn:
            status = fn.execute(p.GET_STATUS)
            assert status.fn_number == emu.fn_settings.fn_number
            assert status.phase == p.Phase.READY
        printer = Printer(open_transport(emu.printer_url))
        try:
            assert printer.status().paper_present
        finally:
            printer.transport.close()


def test_two_emulators_are_independent() -> None:
    with Emulator(ofd=False) as a, Emulator(ofd=False) as b:
        assert a.fn_url != b.fn_url and a.printer_url != b.printer_url


def test_clock_is_shared_with_the_fn() -> None:
    clock = Clock(datetime(2026, 1, 5, 10, 0), frozen=True)
    with Emulator(clock=clock, ofd=False) as emu:
        emu.clock.advance(hours=25)
        assert emu.fn.clock.now() == datetime(2026, 1, 6, 11, 0)


def test_state_dir_keeps_fn_and_receipts(tmp_path: Path) -> None:
    with Emulator(state_dir=tmp_path, ofd=False) as emu:
        assert (tmp_path / "fn.sqlite3").exists()
        assert emu.receipts_dir == tmp_path / "receipts"


def test_temporary_receipts_dir_is_removed(tmp_path: Path) -> None:
    emu = Emulator(ofd=False).start()
    folder = emu.receipts_dir
    assert folder is not None and folder.is_dir()
    emu.close()
    assert not folder.exists()


def test_power_cut_drops_the_open_document(tmp_path: Path) -> None:
    with Emulator(state_dir=tmp_path, ofd=False) as emu, \
            FiscalStorage(open_transport(emu.fn_url)) as fn:
        fn.execute(p.BEGIN_REGISTRATION_V2, p.BeginRegistrationV2(p.RegistrationType.REGISTRATION,
                                                                    p.FFDVersion.FFD_12))
        assert fn.execute(p.GET_STATUS).document == p.DocumentCode.REGISTRATION
        emu.power_cut()
        fn.reconnect()
        status = fn.execute(p.GET_STATUS)
        assert status.document == p.DocumentCode.NONE
        assert status.fn_number == emu.fn_settings.fn_number


def test_ofd_server_runs_on_loopback_with_its_inn() -> None:
    with Emulator() as emu:
        assert emu.ofd_address is not None
        host, port = emu.ofd_address
        assert host == "127.0.0.1" and port > 0
        assert len(emu.ofd_inn) in (10, 12) and emu.ofd_inn.isdigit()
