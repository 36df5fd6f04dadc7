"""pytest plugin: an emulated cash register per test, for users' CI.

Registered through the ``pytest11`` entry point ``sigmakkt``, so installing sigmakkt is enough.
Fixtures:

* ``kkt_emulator`` — a fresh :class:`KKTEmulator` (FN, printer, OFD server) per test: ``fn_url``,
  ``printer_url``, ``ofd_address``, ``clock``, ``faults``, ``printer_faults``, ``receipts``
  (printed pages with ``.png`` and ``.text``), ``receipt_pngs`` and ``ofd_documents`` (what the
  OFD server received).
* ``kkt`` — a :class:`sigmakkt.Register` connected to it, registered (FFD per ``--kkt-ffd``)
  with an open shift; closed after the test.
* ``kkt_clock`` / ``kkt_faults`` — shortcuts to the emulator's clock and FN-link faults.

Command-line options: ``--kkt-ffd 1.05|1.2`` (default 1.2), ``--kkt-state DIR`` (keep each
test's state in ``DIR/<test name>``), ``--kkt-transport emu|tcp|pty|usb|ble`` (default emu).

Per-test settings with the ``kkt`` marker (all optional)::

    @pytest.mark.kkt(ffd="1.05", transport="tcp", clock="2026-03-01T09:00", frozen=True,
                     paper_m=0.3, ofd=False, shift=False, cashier="Петров П.П.")

``clock`` starts the devices' clock at that time, ``frozen`` stops it from running, ``paper_m``
loads a short roll (metres) for paper-out tests, ``ofd=False`` starts no OFD server, ``shift=False``
gives ``kkt`` registered but with the shift closed. Faults are armed in the test itself:
``kkt_faults.drop_next_answer(command=0x07)``, ``kkt_emulator.power_cut()``,
``kkt_clock.advance(hours=25)``.

Nothing heavy is imported until a fixture is used, so test runs that do not use the plugin are
not slowed down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: Registration data the ``kkt`` fixture uses (a valid INN; the RNM is computed to fit it).
TEST_INN = "7707083893"
TEST_KKT_SERIAL = "0000000000001234"
TEST_ORG = 'ООО "Тест"'
TEST_ADDRESS = "г. Москва, ул. Тестовая, д. 1"
TEST_PLACE = "Магазин"
TEST_OFD_INN = "7704211201"  # the emulated OFD server's INN (DEFAULT_OFD_INN)
TEST_CASHIER = "Тестовый кассир"


@dataclass(frozen=True)
class KKTSettings:
    """Resolved settings of one test's emulator (options, overridden by the ``kkt`` marker)."""

    ffd: str = "1.2"
    transport: str = "emu"
    state_dir: Path | None = None
    clock: dt.datetime | None = None
    frozen: bool = False
    paper_m: float | None = None
    ofd: bool = True
    shift: bool = True
    cashier: str = TEST_CASHIER


class KKTEmulator:
    """One test's emulated register: a thin view over ``sigmakkt_emulator.Emulator``."""

    def __init__(self, emulator: Any, settings: KKTSettings) -> None:
        self.emulator = emulator
        self.settings = settings

    @property
    def fn_url(self) -> str:
        """URL of the FN, for ``Register.connect(fn=...)``."""
        return str(self.emulator.fn_url)

    @property
    def printer_url(self) -> str:
        """URL of the printer."""
        return str(self.emulator.printer_url)

    @property
    def ofd_address(self) -> tuple[str, int] | None:
        """(host, port) of the emulated OFD server, or None with ``ofd=False``."""
        address = self.emulator.ofd_address
        return None if address is None else (str(address[0]), int(address[1]))

    @property
    def clock(self) -> Any:
        """The devices' clock (``advance(hours=25)``, ``set(datetime)``)."""
        return self.emulator.clock

    @property
    def faults(self) -> Any:
        """Fault injection on the FN link."""
        return self.emulator.faults

    @property
    def printer_faults(self) -> Any:
        """Fault injection on the printer link."""
        return self.emulator.printer_faults

    @property
    def printer(self) -> Any:
        """The emulated printer (``open_cover()``, ``paper_out_at(row)``, ``load_paper()``)."""
        return self.emulator.printer

    @property
    def fn(self) -> Any:
        """The emulated FN's state machine."""
        return self.emulator.fn

    @property
    def receipts(self) -> list[Any]:
        """Pages printed so far, each with ``.png`` (path) and ``.text``."""
        return list(self.emulator.receipts)

    @property
    def receipt_pngs(self) -> list[Path]:
        """Paths of the printed pages' PNGs, in print order."""
        return [Path(r.png) for r in self.emulator.receipts if r.png is not None]

    @property
    def ofd_documents(self) -> list[Any]:
        """Documents the OFD server received (``StoredDocument``), oldest first."""
        ofd = self.emulator.ofd
        return [] if ofd is None else list(ofd.documents())

    def power_cut(self) -> None:
        """Cut the FN's power now."""
        self.emulator.power_cut()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--kkt-ffd``, ``--kkt-state``, ``--kkt-transport``."""
    group = parser.getgroup("sigmakkt", "sigmakkt emulated cash register")
    group.addoption("--kkt-ffd", choices=("1.05", "1.2"), default="1.2",
                    help="FFD version the kkt fixture registers with (default 1.2)")
    group.addoption("--kkt-state", metavar="DIR", default=None,
                    help="keep each test's emulator state in DIR/<test name>")
    group.addoption("--kkt-transport", choices=("emu", "tcp", "pty", "usb", "ble"),
                    default="emu", help="link the emulated devices are served on (default emu)")


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``kkt`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line(
        "markers", "kkt(ffd, transport, clock, frozen, paper_m, ofd, shift, cashier): "
        "settings of the sigmakkt emulator fixtures for this test")


def _settings(request: pytest.FixtureRequest) -> KKTSettings:
    opt = request.config.getoption
    marker = request.node.get_closest_marker("kkt")
    kw: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    unknown = set(kw) - {"ffd", "transport", "clock", "frozen", "paper_m", "ofd", "shift",
                         "cashier"}
    if unknown:
        raise pytest.UsageError(f"unknown kkt marker settings: {sorted(unknown)}")
    state_root = opt("--kkt-state")
    state_dir = None
    if state_root:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        state_dir = Path(state_root) / safe
    clock = kw.get("clock")
    if isinstance(clock, str):
        clock = dt.datetime.fromisoformat(clock)
    return KKTSettings(
        ffd=str(kw.get("ffd", opt("--kkt-ffd"))),
        transport=str(kw.get("transport", opt("--kkt-transport"))),
        state_dir=state_dir, clock=clock, frozen=bool(kw.get("frozen", False)),
        paper_m=kw.get("paper_m"), ofd=bool(kw.get("ofd", True)),
        shift=bool(kw.get("shift", True)), cashier=str(kw.get("cashier", TEST_CASHIER)),
    )


@pytest.fixture
def kkt_emulator(request: pytest.FixtureRequest) -> Iterator[KKTEmulator]:
    """A fresh emulated FN, printer and OFD server for this test."""
    from sigmakkt_emulator.clock import Clock
    from sigmakkt_emulator.emulator import Emulator

    settings = _settings(request)
    clock = Clock(settings.clock, frozen=settings.frozen)
    emu = Emulator(settings.state_dir, settings.transport, clock=clock,
                   roll_length_m=settings.paper_m, ofd=settings.ofd)
    with emu:
        yield KKTEmulator(emu, settings)


def registration_kwargs(ffd: str = "1.2") -> dict[str, Any]:
    """The keyword arguments the ``kkt`` fixture registers with (handy for re-registration)."""
    from sigmakkt.register import TaxSystem
    from sigmakkt.register.validation import make_rnm

    return {
        "inn": TEST_INN, "rnm": make_rnm(1, TEST_INN, TEST_KKT_SERIAL),
        "kkt_serial": TEST_KKT_SERIAL, "org_name": TEST_ORG, "address": TEST_ADDRESS,
        "place": TEST_PLACE, "tax_systems": {TaxSystem.OSN}, "ofd_inn": TEST_OFD_INN,
        "ffd": ffd,
    }


@pytest.fixture
def kkt(kkt_emulator: KKTEmulator) -> Iterator[Any]:
    """A registered :class:`sigmakkt.Register` on ``kkt_emulator``, shift open (by default)."""
    from sigmakkt.register import Cashier
    from sigmakkt.register.register import Register

    settings = kkt_emulator.settings
    clock = kkt_emulator.clock
    # the register's clock and its monotonic timer follow the devices' clock, so that
    # kkt_clock.advance(hours=25) moves both (as Register.emulated does)
    with Register.connect(kkt_emulator.fn_url, kkt_emulator.printer_url, clock=clock,
                          ofd=kkt_emulator.ofd_address,
                          monotonic=lambda: clock.now().timestamp()) as register:
        if not register.status().registered:
            register.register(**registration_kwargs(settings.ffd))
        if settings.shift and not register.status().shift_open:
            register.open_shift(Cashier(settings.cashier))
        yield register


@pytest.fixture
def kkt_clock(kkt_emulator: KKTEmulator) -> Any:
    """The emulated devices' clock."""
    return kkt_emulator.clock


@pytest.fixture
def kkt_faults(kkt_emulator: KKTEmulator) -> Any:
    """Fault injection on the emulated FN's link."""
    return kkt_emulator.faults
