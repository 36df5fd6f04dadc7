"""The whole emulated register: FN, printer and OFD server, served on one kind of link.

``Emulator`` is what DESIGN.md's "Emulator surface" fixes: URLs that ``Register.connect`` and
``open_transport`` accept, the devices' clock, fault injection and the printed receipts.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.fn import EmulatedFN, FNDevice, FNSettings
from sigmakkt_emulator.serve import TRANSPORTS, ServedEndpoint, serve

_ids = itertools.count(1)


class Emulator:
    """An emulated FN, printer and OFD server.

    ``state_dir``: where the FN archive (``fn.sqlite3``), the OFD server's store and the receipt
    PNGs (``receipts/``) live; ``None`` keeps the FN and OFD in memory and writes PNGs to a
    temporary folder removed by :meth:`close`. ``transport``: ``"emu"`` (in-process), ``"tcp"``
    (127.0.0.1), ``"pty"``, ``"usb"`` or ``"ble"`` — the link both devices are served on.

    Attributes once started: ``fn_url``, ``printer_url``, ``ofd_address`` (host, port),
    ``clock``, ``faults`` (the FN link's fault injection; ``printer_faults`` for the printer
    link), ``fn`` (the :class:`EmulatedFN`), ``printer`` (the emulated printer, whose ``roll``
    injects paper faults), ``ofd`` (the server) and ``receipts`` (what was printed).
    """

    def __init__(
        self,
        state_dir: str | os.PathLike[str] | None = None,
        transport: str = "emu",
        *,
        fn_settings: FNSettings | None = None,
        clock: Clock | None = None,
        printer_dir: str | os.PathLike[str] | None = None,
        roll_length_m: float | None = None,
        ofd: bool = True,
        host: str = "127.0.0.1",
    ) -> None:
        if transport not in TRANSPORTS:
            raise ValueError(f"unknown transport {transport!r}; choose one of {TRANSPORTS}")
        self.state_dir = Path(state_dir) if state_dir is not None else None
        self.transport = transport
        self.clock = clock or Clock()
        self.fn_settings = fn_settings or FNSettings()
        self._printer_dir = Path(printer_dir) if printer_dir is not None else None
        self._roll_length_m = roll_length_m
        self._with_ofd = ofd
        self._host = host
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._endpoints: list[ServedEndpoint] = []
        self._fn_lock = threading.Lock()
        self._started = False
        self.faults = Faults()
        self.printer_faults = Faults()
        self.fn_device: FNDevice | None = None
        self.printer: Any = None
        self.ofd: Any = None
        self.fn_url = ""
        self.printer_url = ""
        self.ofd_address: tuple[str, int] | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        """Create the devices and serve them; idempotent."""
        if self._started:
            return self
        if self.state_dir is not None:
            self.state_dir.mkdir(parents=True, exist_ok=True)
        n = next(_ids)
        self.fn_device = FNDevice(
            self.fn_settings, clock=self.clock,
            state_dir=str(self.state_dir) if self.state_dir is not None else None,
        )
        self.faults.on_power_cut(self._power_cycle_fn)
        fn_ep = serve(self.fn_device, self.transport, self.faults, device_lock=self._fn_lock,
                      **self._link_options("fn", n))
        self._endpoints.append(fn_ep)
        self.fn_url = fn_ep.url

        self.printer = self._make_printer()
        pr_ep = serve(self.printer, self.transport, self.printer_faults,
                      **self._link_options("printer", n))
        self._endpoints.append(pr_ep)
        self.printer_url = pr_ep.url

        if self._with_ofd:
            self.ofd = self._make_ofd()
            self.ofd_address = self.ofd.address
        self._started = True
        return self

    def close(self) -> None:
        """Stop serving and release every resource; state already committed stays on disk."""
        for ep in reversed(self._endpoints):
            ep.close()
        self._endpoints.clear()
        if self.ofd is not None:
            self.ofd.close()
            self.ofd = None
        if self.fn_device is not None:
            with self._fn_lock:
                self.fn_device.close()
            self.fn_device = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        self._started = False

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- conveniences --------------------------------------------------------------------------

    @property
    def fn(self) -> EmulatedFN:
        """The emulated FN's state machine (for tests that look inside)."""
        if self.fn_device is None:
            raise RuntimeError("the emulator is not started")
        return self.fn_device.fn

    @property
    def receipts(self) -> list[Any]:
        """Pages the printer cut so far: each with ``.png`` (path or None) and ``.text``."""
        return list(self.printer.receipts) if self.printer is not None else []

    @property
    def receipts_dir(self) -> Path | None:
        """Where the receipt PNGs are written."""
        return self.printer.out_dir if self.printer is not None else None

    @property
    def ofd_inn(self) -> str:
        """The emulated OFD's INN: register the FN with it (``ofd_inn=``) or it refuses receipts."""
        if self.ofd is None:
            raise RuntimeError("this emulator runs without an OFD server")
        return str(self.ofd.inn)

    def power_cut(self) -> None:
        """Cut the FN's power now: unfinished documents are lost, links drop."""
        self.faults.power_cut()

    # --- internals -----------------------------------------------------------------------------

    def _power_cycle_fn(self) -> None:
        if self.fn_device is not None:
            with self._fn_lock:
                self.fn_device.power_cycle()

    def _link_options(self, role: str, n: int) -> dict[str, Any]:
        if self.transport == "emu":
            return {"name": f"{role}{n}"}
        if self.transport == "tcp":
            return {"host": self._host}
        if self.transport == "usb":
            return {"serial": f"EMU{role.upper()}{n}", "pid": 0x0005 if role == "fn" else 0x0006}
        if self.transport == "ble":
            return {"address": f"EE:00:00:00:{n % 256:02X}:{1 if role == 'fn' else 2:02X}"}
        return {}

    def _make_printer(self) -> Any:
        from sigmakkt_emulator.printer import EmulatedPrinter, Roll

        out = self._printer_dir
        if out is None and self.state_dir is not None:
            out = self.state_dir / "receipts"
        if out is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="sigmakkt-receipts-")
            out = Path(self._tmp.name)
        roll = Roll(length_mm=self._roll_length_m * 1000) if self._roll_length_m else None
        return EmulatedPrinter(out, roll)

    def _make_ofd(self) -> Any:
        from sigmakkt_emulator.ofd import OFDServer

        db = str(self.state_dir / "ofd.sqlite3") if self.state_dir is not None else None
        server = OFDServer(host=self._host, port=0, db_path=db)
        server.start()
        return server
