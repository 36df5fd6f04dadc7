"""Valid samples for the mutation fuzzers, recorded once from a real emulated session.

A registered emulated KKT opens a shift, sells (cash, card, mixed VAT, a return, a correction),
makes a state report and closes the shift. Every request frame the Register wrote to the FN, every
ESC/POS byte it wrote to the printer, every archived document (as its STLV bytes) and an OFD
message per document are kept, so the fuzzers mutate what the devices really see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sigmakkt.protocol.ffd import encode_document
from sigmakkt.protocol.fn.frame import FrameDecoder, encode_frame
from sigmakkt.protocol.ofd.container import Container, Message
from sigmakkt.register import Cashier, CorrectionBasis, CorrectionType, Item, Payment
from sigmakkt.register.enums import VAT
from sigmakkt.register.register import Register
from sigmakkt_emulator.clock import Clock
from tests.register.register_support import register_kkt

START = dt.datetime(2026, 3, 2, 9, 0)
CASHIER = Cashier("Иванова А.А.", inn="500100732259")


@dataclass
class Corpus:
    """What one session put on the wire and into the archive."""

    fn_requests: list[bytes] = field(default_factory=list)  # whole request frames, in order
    setup_frames: int = 0  # how many of them register the FN and open the shift
    printer_jobs: list[bytes] = field(default_factory=list)  # one write() each
    documents: list[bytes] = field(default_factory=list)  # document STLVs from the archive
    messages: list[bytes] = field(default_factory=list)  # OFD session header + container


def _tap(transport: Any, sink: Callable[[bytes], None]) -> None:
    write = transport.write

    def tapped(data: bytes) -> None:
        sink(bytes(data))
        write(data)

    transport.write = tapped


@cache
def corpus() -> Corpus:
    """Record the session (once per test process)."""
    out = Corpus()
    decoder = FrameDecoder(requests=True)

    def on_fn(data: bytes) -> None:
        for frame in decoder.feed(data):
            if not frame.enq:
                out.fn_requests.append(encode_frame(frame.code, frame.data))

    with Register.emulated(emulator_clock=Clock(START, frozen=True)) as kkt:
        _tap(kkt._fn.transport, on_fn)
        printer = kkt._print.printer
        assert printer is not None
        _tap(printer.transport, out.printer_jobs.append)
        register_kkt(kkt)
        kkt.open_shift(CASHIER)
        out.setup_frames = len(out.fn_requests)
        milk = Item("Молоко 3,2% 1 л", price="89.90", quantity=2, vat=VAT.VAT20)
        bread = Item("Хлеб", price="45.50", quantity="1.5", vat=VAT.VAT10)
        kkt.sell([milk], [Payment.cash("200.00")])
        kkt.sell([milk, bread], [Payment.electronic("248.05")], customer="+79990000000")
        kkt.sell_return([bread], [Payment.cash("68.25")])
        kkt.buy([Item("Лом", price="10.00", vat=VAT.NO_VAT)], [Payment.cash("10.00")])
        kkt.correction([milk], [Payment.cash("179.80")],
                       correction_type=CorrectionType.SELF,
                       basis=CorrectionBasis(START.date(), "1"))
        kkt.state_report()
        kkt.close_shift()
        fn_number = kkt.fn_number
        for number in range(1, kkt.status().last_document_number + 1):
            doc = kkt.document(number)
            raw = encode_document(doc)
            out.documents.append(raw)
            box = Container(doc.doc_type & 0xFF, fn_number, number, raw + bytes(10))
            out.messages.append(Message(box).pack())
    return out
