"""A 10-item sale end to end — validate, build, sign, print — on the emulator.

Usage::

    python bench/register.py [--receipts 200] [--transports emu,tcp]

For each transport a registered :class:`sigmakkt.Register` on an in-process emulator sells the
same 10-item receipt ``--receipts`` times and reports:

* receipts per second (wall clock, printing to the emulated printer included);
* the FN bytes of one receipt (request and answer frames, counted on the FN transport) and their
  wire time at 115200 baud, 10 bits a byte (8N1);
* the CPU time of one receipt in the calling thread (:func:`time.thread_time`) as a fraction of
  that wire time. Over TCP the emulator runs in server threads, so the calling thread's CPU is
  the SDK's own work (validate, build, frame, parse, lay out, render ESC/POS, printer client).
  In-process ("emu") the emulated devices run in the calling thread, so there it is SDK +
  emulator (FN signing, printer rasterising and PNG writing) and only an upper bound.

Target: SDK CPU < 10 % of the FN wire time.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from decimal import Decimal

from sigmakkt.register import Cashier, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT, Measure
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm

BAUD = 115200
BITS_PER_BYTE = 10
INN = "7707083893"
SERIAL = "0149060006000651"

ITEMS = [Item(f"Товар {i + 1} из каталога магазина", Decimal("12.34") * (i + 1),
              quantity=1 + i % 3, vat=(VAT.VAT20, VAT.VAT10, VAT.NO_VAT)[i % 3],
              measure=Measure.PIECE) for i in range(10)]
PAYMENTS = [Payment.cash("2000.00")]


@dataclass
class Figures:
    transport: str
    receipts: int
    per_second: float
    fn_bytes: int
    wire_ms: float
    cpu_ms: float

    @property
    def cpu_fraction(self) -> float:
        return self.cpu_ms / self.wire_ms


def _count_bytes(kkt: Register) -> list[int]:
    """Wrap the FN transport's write/read to count frame bytes both ways."""
    counter = [0]
    transport = kkt._fn.transport
    write, read = transport.write, transport.read

    def counted_write(data: bytes) -> None:
        counter[0] += len(data)
        write(data)

    def counted_read(deadline: float, max_bytes: int = 4096) -> bytes:
        data = read(deadline, max_bytes)
        counter[0] += len(data)
        return data

    transport.write = counted_write  # type: ignore[method-assign]
    transport.read = counted_read  # type: ignore[method-assign]
    return counter


def run(transport: str, receipts: int) -> Figures:
    with Register.emulated(transport=transport, roll_length_m=100_000) as kkt:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL,
                     org_name="ООО Бенчмарк", address="г. Москва, ул. Тестовая, 1",
                     place="Касса 1", tax_systems={TaxSystem.OSN}, ofd_inn="7704211201")
        kkt.open_shift(Cashier("Кассир"))
        kkt.sell(ITEMS, PAYMENTS)                     # warm-up
        counter = _count_bytes(kkt)
        kkt.sell(ITEMS, PAYMENTS)
        per_receipt = counter[0]
        start, cpu0 = time.perf_counter(), time.thread_time()
        for _ in range(receipts):
            result = kkt.sell(ITEMS, PAYMENTS)
            assert result.printed
        wall = time.perf_counter() - start
        cpu = time.thread_time() - cpu0
    wire = per_receipt * BITS_PER_BYTE / BAUD
    return Figures(transport, receipts, receipts / wall, per_receipt, wire * 1000,
                   cpu / receipts * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=200)
    parser.add_argument("--transports", default="emu,tcp")
    args = parser.parse_args()
    print(f"{'link':5} {'rcpt/s':>8} {'FN bytes':>9} {'wire ms':>8} {'CPU ms':>7} {'CPU/wire':>9}")
    for name in args.transports.split(","):
        f = run(name, args.receipts)
        print(f"{f.transport:5} {f.per_second:8.1f} {f.fn_bytes:9d} {f.wire_ms:8.1f} "
              f"{f.cpu_ms:7.2f} {f.cpu_fraction:9.1%}")


if __name__ == "__main__":
    main()
