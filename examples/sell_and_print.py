"""Sell two items, print the receipt, show its fiscal data and where the picture went.

    python examples/sell_and_print.py                   # on the bundled emulator (PNG written)
    python examples/sell_and_print.py --fn tcp://127.0.0.1:4040 --printer tcp://127.0.0.1:9100

On the emulator the register is registered and a shift opened first.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sigmakkt import VAT, Cashier, Item, Payment, Register, TaxSystem
from sigmakkt.register.validation import make_rnm

INN, SERIAL = "7707083893", "0000000000001234"


def prepare(kkt: Register) -> None:
    """Register the (emulated) register and open a shift if needed."""
    status = kkt.status()
    if not status.registered:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL,
                     org_name='ООО "Ромашка"', address="г. Москва, ул. Ленина, д. 1",
                     place="Магазин", tax_systems={TaxSystem.OSN}, ofd_inn="7704211201")
    if not kkt.status().shift_open:
        kkt.open_shift(Cashier("Иванова А.А."))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fn", help="FN URL (default: the bundled emulator)")
    parser.add_argument("--printer", help="printer URL")
    parser.add_argument("--out", type=Path, help="emulator: folder for the receipt PNGs")
    args = parser.parse_args()
    if args.fn:
        kkt = Register.connect(args.fn, args.printer)
    else:
        out = args.out or Path(tempfile.mkdtemp(prefix="sigmakkt-example-"))
        kkt = Register.emulated(printer_dir=out)
    with kkt:
        prepare(kkt)
        receipt = kkt.sell(
            [Item("Молоко 3,2% 1 л", price="89.90", quantity=2, vat=VAT.VAT20),
             Item("Хлеб бородинский", price="45.00", vat=VAT.VAT10)],
            payments=[Payment.cash("250.00")], customer="+79990000000")
        print(f"receipt {receipt.receipt_number} of shift {receipt.shift_number}: "
              f"total {receipt.total}, change {receipt.change}")
        print(f"FD {receipt.fiscal_document_number}, FP {receipt.fiscal_sign}, "
              f"FN {receipt.fn_number}")
        print(f"QR: {receipt.qr}")
        if not receipt.printed:
            print(f"not printed ({receipt.print_error}); load paper and call continue_print()")
        if kkt.emulator is not None:
            page = kkt.emulator.receipts[-1]
            print(f"picture: {page.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
