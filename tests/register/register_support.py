"""Shared setup of the Register scenario tests: a registered emulated KKT and a frame log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sigmakkt.fn.deadlines import DeadlineTable
from sigmakkt.protocol.fn.frame import FrameDecoder
from sigmakkt.register import Cashier, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm
from sigmakkt_emulator.clock import Clock

INN = "7707083893"
SERIAL = "0149060006000651"
RNM = make_rnm(1, INN, SERIAL)
OFD_INN = "7704211201"
CASHIER = Cashier("Иванова А.А.", inn="500100732259")
START = dt.datetime(2026, 3, 2, 9, 0)

#: Read-only FN commands (status, shift, counters, archive); anything else changes the FN.
READ_ONLY = frozenset({0x10, 0x20, 0x30, 0x31, 0x32, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x40, 0x43,
                       0x44, 0x45, 0x46})
#: Short deadlines for the commands of a document, so a dropped answer is noticed fast.
FAST = DeadlineTable({0x15: 0.3, 0x17: 0.3, 0x07: 0.3, 0x16: 0.3, 0x11: 0.3, 0x12: 0.3,
                      0x13: 0.3, 0x14: 0.3, 0x06: 0.3})


def register_kkt(kkt: Register, *, ffd: str = "1.2",
                 tax_systems: Any = frozenset({TaxSystem.OSN}), **extra: Any) -> None:
    """Fiscalise the emulated FN with the test organisation."""
    kkt.register(inn=INN, rnm=RNM, kkt_serial=SERIAL, org_name='ООО "Ромашка"',
                 address="г. Москва, ул. Ленина, д. 1", place="Магазин № 5",
                 tax_systems=tax_systems, ofd_inn=OFD_INN, ofd_name="ООО ОФД", ffd=ffd,
                 cashier=CASHIER, **extra)


@contextmanager
def ready_kkt(*, ffd: str = "1.2", shift: bool = True, clock: Any = None,
              frozen: bool = True, **options: Any) -> Iterator[Register]:
    """A registered emulated KKT (frozen clock at :data:`START`), shift open by default."""
    base = Clock(START, frozen=frozen)
    with Register.emulated(clock=clock, emulator_clock=base, **options) as kkt:
        register_kkt(kkt, ffd=ffd)
        if shift:
            kkt.open_shift(CASHIER)
        yield kkt


def milk(quantity: int | str = 2) -> Item:
    """A typical item."""
    return Item("Молоко 3,2% 1 л", price="89.90", quantity=quantity, vat=VAT.VAT20)


def cash(amount: str = "200.00") -> list[Payment]:
    """A cash payment."""
    return [Payment.cash(amount)]


class FrameLog:
    """Records the command code of every request frame the Register writes to the FN."""

    def __init__(self, kkt: Register) -> None:
        self.codes: list[int] = []
        transport = kkt._fn.transport
        self._transport = transport
        self._write = transport.write
        decoder = FrameDecoder(requests=True)

        def write(data: bytes) -> None:
            for frame in decoder.feed(data):
                if not frame.enq:
                    self.codes.append(frame.code)
            self._write(data)

        transport.write = write  # type: ignore[method-assign]

    @property
    def changing(self) -> list[int]:
        """Codes of commands that change the FN."""
        return [c for c in self.codes if c not in READ_ONLY]

    def close(self) -> None:
        """Stop recording."""
        self._transport.write = self._write  # type: ignore[method-assign]
