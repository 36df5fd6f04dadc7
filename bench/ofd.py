"""OFD exchange benchmark: deliver a backlog of documents from the emulated FN over loopback.

Builds the backlog through the emulated FN in-process (registration, a shift, then N small cash
receipts via 15h / 07h / 16h; one shift at a frozen clock), then runs one
:meth:`sigmakkt.ofd.OFDExchange.run_once` pass against the emulated OFD server on 127.0.0.1:
per document 22h, 23h, 25h over the in-process FN link, the message over TCP, the OFD's
validation and SQLite insert, the reply, and 26h. Prints documents per second.

Run: ``python bench/ofd.py [N]`` (default 10000).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from decimal import Decimal
from typing import Any

from sigmakkt.fn.client import FiscalStorage
from sigmakkt.ofd import OFDExchange, read_queue_status
from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.protocol.fn import NO_DATA, command_for
from sigmakkt.protocol.fn.commands.document import DocumentData
from sigmakkt.protocol.fn.commands.registration import (
    BeginRegistrationV2,
    CompleteRegistrationV2,
)
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt
from sigmakkt.protocol.fn.commands.status import DateTimeRequest
from sigmakkt.protocol.fn.enums import (
    ExtendedFlags,
    FFDVersion,
    OperationType,
    RegistrationType,
    TaxSystem,
    WorkMode,
)
from sigmakkt.transport import open_transport
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice
from sigmakkt_emulator.ofd import OFDServer
from sigmakkt_emulator.serve import serve

NOW = datetime(2026, 3, 2, 9, 0)
CASHIER = encode_tlv(1021, encode_string("Иванова А.А."))


def receipt_tlv(price: int) -> bytes:
    item = b"".join((
        encode_tlv(1030, encode_string("Хлеб")), encode_tlv(1079, encode_vln(price)),
        encode_tlv(1023, encode_fvln(Decimal("1.000"))), encode_tlv(1043, encode_vln(price)),
        encode_tlv(1199, encode_byte(1)), encode_tlv(1200, encode_vln(price // 6)),
        encode_tlv(1214, encode_byte(4)), encode_tlv(1212, encode_byte(1)),
        encode_tlv(2108, encode_byte(0)),
    ))
    out = CASHIER + encode_tlv(1055, encode_byte(1)) + encode_tlv(1059, item)
    for tag in (1031, 1081, 1215, 1216, 1217):
        out += encode_tlv(tag, encode_vln(price if tag == 1031 else 0))
    return out


def main(n: int) -> None:
    device = FNDevice(clock=Clock(NOW, frozen=True))
    endpoint = serve(device, "emu")
    fn = FiscalStorage(open_transport(endpoint.url))

    def call(code: int, req: Any = NO_DATA) -> Any:
        return fn.execute(command_for(code), req)

    t0 = time.perf_counter()
    call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
    call(0xA3, CompleteRegistrationV2(NOW, "7707083893", "0000000001012345", TaxSystem.OSN,
                                      WorkMode(0), ExtendedFlags(0), "7704211201"))
    call(0x11, DateTimeRequest(NOW))
    call(0x07, DocumentData(CASHIER))
    call(0x12)
    for i in range(n - 2):
        price = 1000 + i % 5000
        call(0x15, DateTimeRequest(NOW))
        call(0x07, DocumentData(receipt_tlv(price)))
        call(0x16, CompleteReceipt(NOW, OperationType.SELL, price))
    build = time.perf_counter() - t0
    queued = read_queue_status(fn).queued
    print(f"backlog: {queued} documents built in {build:.1f} s")

    with OFDServer() as server, OFDExchange(fn, *server.address, timeout=10) as ex:
        t0 = time.perf_counter()
        report = ex.run_once()
        took = time.perf_counter() - t0
        assert report.complete and len(report.acknowledged) == queued == server.count()
    print(f"delivered {queued} documents over loopback in {took:.2f} s: "
          f"{queued / took:,.0f} documents/s ({took / queued * 1e3:.2f} ms each)")
    fn.close()
    endpoint.close()
    device.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
