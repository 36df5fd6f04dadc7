"""Keep a shift valid around the clock: close it before the FN's 24-hour limit, open a new one.

A POS that sells day and night must never sell into an expired shift (the FN refuses receipts
more than 24 h after the shift opened). This loop checks the shift before each sale and rotates
it when it is older than ``--max-hours``. On the emulator the devices' clock is moved forward
between sales, so a few simulated days pass in a second.

    python examples/shift_automation.py                 # emulator, 3 simulated days
"""

from __future__ import annotations

import argparse
import datetime as dt

from sigmakkt import VAT, Cashier, Item, Payment, Register, TaxSystem
from sigmakkt.register.validation import make_rnm

INN, SERIAL = "7707083893", "0000000000001234"
CASHIER = Cashier("Смирнова Е.В.")


def ensure_shift(kkt: Register, max_age: dt.timedelta) -> str | None:
    """Open a shift, or close and reopen one older than ``max_age``; say what was done."""
    status = kkt.status()
    if status.shift_open and status.shift_opened_at is not None:
        age = kkt.clock.now() - status.shift_opened_at
        if age < max_age and not status.shift_expired:
            return None
        closed = kkt.close_shift()
        kkt.open_shift(CASHIER)
        hours = age.total_seconds() / 3600
        return (f"shift {closed.shift_number} closed after {hours:.0f} h, "
                f"shift {closed.shift_number + 1} opened")
    opened = kkt.open_shift(CASHIER)
    return f"shift {opened.shift_number} opened"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3, help="simulated days (emulator)")
    parser.add_argument("--max-hours", type=float, default=20.0,
                        help="rotate shifts older than this (the FN allows 24)")
    args = parser.parse_args()
    with Register.emulated() as kkt:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL,
                     org_name="ИП Смирнова", address="г. Тверь", place="Киоск",
                     tax_systems={TaxSystem.USN_INCOME}, ofd_inn="7704211201")
        clock = kkt.emulator.clock
        sales = 0
        for _hour in range(0, args.days * 24, 5):          # a sale every 5 hours
            note = ensure_shift(kkt, dt.timedelta(hours=args.max_hours))
            if note:
                print(f"{clock.now():%Y-%m-%d %H:%M}  {note}")
            kkt.sell([Item("Кофе", price="150.00", vat=VAT.NO_VAT)],
                     payments=[Payment.electronic("150.00")])
            sales += 1
            clock.advance(hours=5)
        closed = kkt.close_shift()
        print(f"{sales} sales in {closed.shift_number} shifts; none refused")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
