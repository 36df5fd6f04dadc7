"""Test-local KKT: drives an in-process emulated FN through the FN client and raw commands.

Minimal on purpose (the Register API will replace it): register the FN, open a shift, make
receipts (15h / 07h / 16h with TLVs from the shared FFD codec), read the archive (45h/46h).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sigmakkt.fn.client import FiscalStorage
from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.protocol.fn import NO_DATA, command_for
from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt.protocol.fn.commands.document import DocumentData
from sigmakkt.protocol.fn.commands.registration import (
    BeginRegistration,
    BeginRegistrationV2,
    CompleteRegistration,
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
from sigmakkt_emulator.fn import FNDevice, FNSettings
from sigmakkt_emulator.serve import serve

START = datetime(2026, 3, 2, 9, 0)
INN = "7707083893"
RNM = "0000000001012345"
OFD_INN = "7704211201"
FN_NUMBER = FNSettings().fn_number
CASHIER = encode_tlv(1021, encode_string("Иванова А.А."))


class KKT:
    """One emulated FN served as ``emu://…`` with a :class:`FiscalStorage` client on it."""

    def __init__(self, *, ffd12: bool = True, settings: FNSettings | None = None,
                 state_dir: str | None = None) -> None:
        self.ffd12 = ffd12
        self.clock = Clock(START, frozen=True)
        self.device = FNDevice(settings, clock=self.clock, state_dir=state_dir)
        self.endpoint = serve(self.device, "emu")
        self.fn = FiscalStorage(open_transport(self.endpoint.url))
        self.fds: list[int] = []

    def close(self) -> None:
        self.fn.close()
        self.endpoint.close()
        self.device.close()

    def __enter__(self) -> KKT:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, code: int, req: Any = NO_DATA) -> Any:
        return self.fn.execute(command_for(code), req)

    def now(self) -> datetime:
        return self.clock.now().replace(second=0, microsecond=0)

    def register(self) -> int:
        if self.ffd12:
            self.call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
            self.call(0x07, DocumentData(CASHIER))
            ans = self.call(0xA3, CompleteRegistrationV2(
                self.now(), INN, RNM, TaxSystem.OSN, WorkMode(0), ExtendedFlags(0), OFD_INN))
        else:
            self.call(0x02, BeginRegistration(RegistrationType.REGISTRATION))
            self.call(0x07, DocumentData(CASHIER))
            ans = self.call(0x03, CompleteRegistration(self.now(), INN, RNM, TaxSystem.OSN,
                                                       WorkMode(0)))
        self.fds.append(ans.fd)
        return int(ans.fd)

    def open_shift(self) -> int:
        self.call(0x11, DateTimeRequest(self.now()))
        self.call(0x07, DocumentData(CASHIER))
        ans = self.call(0x12)
        self.fds.append(ans.fd)
        return int(ans.fd)

    def close_shift(self) -> int:
        self.call(0x13, DateTimeRequest(self.now()))
        self.call(0x07, DocumentData(CASHIER))
        ans = self.call(0x14)
        self.fds.append(ans.fd)
        return int(ans.fd)

    def begin_receipt(self) -> None:
        self.call(0x15, DateTimeRequest(self.now()))

    def receipt(self, price: int = 8990, name: str = "Молоко 3,2% 1 л") -> int:
        """A cash sale of one item (VAT 20 %); returns its FD number."""
        self.begin_receipt()
        self.call(0x07, DocumentData(receipt_tlv(price, name, self.ffd12)))
        ans = self.call(0x16, CompleteReceipt(self.now(), OperationType.SELL, price))
        self.fds.append(ans.fd)
        return int(ans.fd)

    def archive_stlv(self, fd: int) -> bytes:
        """The whole document STLV as the FN archive gives it (45h, then 46h until 08h)."""
        info = self.call(0x45, DocumentNumber(fd))
        body = b""
        while True:
            frame = self.fn.raw(0x46)
            if frame.code == 0x08:
                break
            assert frame.code == 0, frame
            body += frame.data
        assert len(body) == info.length
        return encode_tlv(int(info.document_type), body)


def receipt_tlv(price: int, name: str, ffd12: bool) -> bytes:
    """Cashier, tax system, one item, cash payment (and the FFD 1.2 / 1.05 extras)."""
    item = b"".join((
        encode_tlv(1030, encode_string(name)),
        encode_tlv(1079, encode_vln(price)),
        encode_tlv(1023, encode_fvln(Decimal("1.000"))),
        encode_tlv(1043, encode_vln(price)),
        encode_tlv(1199, encode_byte(1)),
        encode_tlv(1200, encode_vln(price * 20 // 120)),
        encode_tlv(1214, encode_byte(4)),
        encode_tlv(1212, encode_byte(1)),
    ))
    if ffd12:
        item += encode_tlv(2108, encode_byte(0))
    out = CASHIER + encode_tlv(1055, encode_byte(1)) + encode_tlv(1059, item)
    payments = (1031, 1081, 1215, 1216, 1217) if ffd12 else (1031, 1081)
    for tag in payments:
        out += encode_tlv(tag, encode_vln(price if tag == 1031 else 0))
    if not ffd12:
        out += encode_tlv(1054, encode_byte(1)) + encode_tlv(1020, encode_vln(price))
    return out
