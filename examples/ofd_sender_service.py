"""A small OFD sender service: deliver the FN's queue to the OFD every few seconds.

Every signed document must reach the OFD within 30 days. This service runs beside the POS
(same process here; ``Register`` methods are thread-safe) and calls ``ofd_exchange()`` on a
timer, logging what each pass delivered; a pass that cannot reach the OFD is logged and retried
at the next tick, nothing is lost.

    python examples/ofd_sender_service.py                  # emulator: sells, sends, exits
    python examples/ofd_sender_service.py --fn tcp://… --ofd ofd.example.ru:7777 --forever
"""

from __future__ import annotations

import argparse
import logging
import threading

from sigmakkt import VAT, Cashier, Item, Payment, Register, SigmaKKTError, TaxSystem
from sigmakkt.register.validation import make_rnm

log = logging.getLogger("ofd-sender")
INN, SERIAL = "7707083893", "0000000000001234"


def sender(kkt: Register, interval: float, stop: threading.Event) -> None:
    """Run exchange passes until ``stop`` is set."""
    while not stop.is_set():
        try:
            report = kkt.ofd_exchange()
            if report.sent or report.rejected:
                log.info("sent %d, acknowledged %s, rejected %d, left %s", report.sent,
                         report.acknowledged, len(report.rejected), report.remaining)
        except SigmaKKTError as exc:
            log.warning("OFD pass failed, will retry: %s", exc)
        stop.wait(interval)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fn", help="FN URL (default: the bundled emulator)")
    parser.add_argument("--printer", help="printer URL")
    parser.add_argument("--ofd", help="OFD host:port (the emulator brings its own)")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between passes")
    parser.add_argument("--forever", action="store_true", help="serve until Ctrl+C")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.fn:
        host, _, port = (args.ofd or "").rpartition(":")
        kkt = Register.connect(args.fn, args.printer,
                               ofd=(host, int(port)) if args.ofd else None)
    else:
        kkt = Register.emulated()
    stop = threading.Event()
    with kkt:
        thread = threading.Thread(target=sender, args=(kkt, args.interval, stop), daemon=True)
        thread.start()
        try:
            if args.forever:
                stop.wait()
            else:  # demonstration: make documents while the service delivers them
                kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL,
                             org_name="ООО Тест", address="г. Москва", place="Магазин",
                             tax_systems={TaxSystem.OSN}, ofd_inn="7704211201")
                kkt.open_shift(Cashier("Иванова А.А."))
                for n in range(3):
                    kkt.sell([Item(f"Товар {n + 1}", price="10.00", vat=VAT.VAT20)],
                             payments=[Payment.cash("10.00")])
                kkt.close_shift()
                for _ in range(100):                          # wait for the queue to drain
                    if kkt.status().unsent_documents == 0:
                        break
                    stop.wait(0.1)
                unsent = kkt.status().unsent_documents
                print(f"queue drained: {unsent == 0} (unsent {unsent})")
                return 0 if unsent == 0 else 1
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
