"""A scripted life of an emulated FN through raw frames only (issue 3 acceptance 1).

Registration, open shift, 20 receipts of all four settlement types with cash and electronic
payments, a correction, the state report, close shift, 10 more shifts, OFD delivery,
re-registration and FN close — every answer, number and counter checked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from sigmakkt.protocol.ffd import decode_document, encode_document
from sigmakkt.protocol.ffd.tlv import encode_tlv, iter_tlv
from sigmakkt.protocol.ffd.types import (
    decode_uint32,
    decode_vln,
    encode_byte,
    encode_string,
    encode_vln,
)
from sigmakkt.protocol.fn.commands.archive import DocumentNumber, RegistrationResultsRequest
from sigmakkt.protocol.fn.commands.ofd import OFDReceipt, ReadBlock, TransportStatus
from sigmakkt.protocol.fn.commands.registration import (
    BeginRegistration,
    BeginRegistrationV2,
    CloseFN,
    CompleteRegistration,
    CompleteRegistrationV2,
)
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.commands.status import CountersRequest, SettlementCountersRequest
from sigmakkt.protocol.fn.enums import (
    CounterScope,
    DocumentCode,
    DocumentType,
    ExtendedFlags,
    FFDVersion,
    OperationType,
    Phase,
    RegistrationType,
    ReregistrationReason,
    ReregistrationReason105,
    TaxSystem,
    TransportState,
    WorkMode,
)
from sigmakkt.protocol.ofd import Message
from sigmakkt_emulator.fn.documents import verify_document
from sigmakkt_emulator.fn.ofd_queue import build_receipt

from .driver import Driver, item

INN = "7707083893"
RNM = "0000000001012345"
OFD_INN = "7704211201"
FN_NUMBER = "9999078900000001"
PAYMENTS = (1031, 1081, 1215, 1216, 1217)


def kkt_registration_tlv(ffd12: bool) -> bytes:
    tags = [
        (1048, encode_string("ООО Ромашка")),
        (1009, encode_string("г. Москва, ул. Ленина, 1")),
        (1187, encode_string("Магазин")),
        (1013, encode_string("0012345678")),
        (1188, encode_string("1.0")),
        (1046, encode_string("ОФД Тест")),
        (1060, encode_string("www.nalog.gov.ru")),
        (1117, encode_string("kkt@example.ru")),
        (1021, encode_string("Иванова А.А.")),
    ]
    if ffd12:
        tags.append((1189, encode_byte(4)))
    return b"".join(encode_tlv(t, v) for t, v in tags)


def receipt_tlv(op: int, total: int, cash: int, ffd12: bool, items: list[bytes]) -> bytes:
    """Top-level receipt TLVs: cashier, tax system, items, payments (all five in FFD 1.2)."""
    out = encode_tlv(1021, encode_string("Иванова А.А.")) + encode_tlv(1055, encode_byte(1))
    out += b"".join(items)
    sums = {1031: cash, 1081: total - cash, 1215: 0, 1216: 0, 1217: 0}
    for tag in PAYMENTS if ffd12 else (1031, 1081):
        out += encode_tlv(tag, encode_vln(sums[tag]))
    if not ffd12:  # FFD 1.05: the KKT itself sends the settlement sign and the total
        out += encode_tlv(1054, encode_byte(op)) + encode_tlv(1020, encode_vln(total))
    return out


class Life:
    """Shared script; FFD mode chosen by the test."""

    def __init__(self, ffd12: bool) -> None:
        self.ffd12 = ffd12
        self.d = Driver()
        self.fd = 0
        # expected FN-life counters: op -> [count, total, cash, electronic]
        self.fn_totals = {op: [0, 0, 0, 0] for op in (1, 2, 3, 4)}

    def tick(self, minutes: int = 1) -> None:
        self.d.clock.advance(minutes=minutes)

    def status(self) -> object:
        return self.d.call(0x30)

    def register(self, report_type: RegistrationType, reasons: int = 0) -> None:
        d = self.d
        self.tick()
        if self.ffd12:
            d.call(0xA2, BeginRegistrationV2(report_type, FFDVersion.FFD_12))
        else:
            d.call(0x02, BeginRegistration(report_type))
        code = {0: DocumentCode.REGISTRATION, 1: DocumentCode.REREGISTRATION_FN_REPLACEMENT,
                2: DocumentCode.REREGISTRATION}[report_type]
        assert d.call(0x30).document == code
        d.send_tlv(kkt_registration_tlv(self.ffd12))
        assert d.call(0x30).document_data_received
        rereg = report_type != RegistrationType.REGISTRATION
        if self.ffd12:
            ans = d.call(0xA3, CompleteRegistrationV2(
                d.now(), INN, RNM, TaxSystem.OSN | TaxSystem.USN_INCOME,
                WorkMode.SERVICES | WorkMode.INTERNET,
                ExtendedFlags.EXCISE | ExtendedFlags.MARKED_GOODS, OFD_INN,
                ReregistrationReason(reasons) if rereg else None))
        else:
            ans = d.call(0x03, CompleteRegistration(
                d.now(), INN, RNM, TaxSystem.OSN | TaxSystem.USN_INCOME, WorkMode.SERVICES,
                ReregistrationReason105(reasons) if report_type == 2 else None))
        self.fd += 1
        assert ans.fd == self.fd
        st = d.call(0x30)
        assert st.phase == Phase.FISCAL and st.last_fd == self.fd
        assert st.document == DocumentCode.NONE and st.fn_number == FN_NUMBER

    def open_shift(self, number: int) -> None:
        d = self.d
        self.tick()
        d.call(0x11, DateTimeRequest(d.now()))
        assert d.call(0x30).document == DocumentCode.SHIFT_OPEN
        d.send_tlv(encode_tlv(1021, encode_string("Иванова А.А.")))
        ans = d.call(0x12)
        self.fd += 1
        assert (ans.shift_number, ans.fd) == (number, self.fd)
        assert (ans.warnings is not None) == self.ffd12
        p = d.call(0x10)
        assert (p.shift_open, p.shift_number, p.receipt_number) == (True, number, 0)

    def receipt(self, op: int, n_in_shift: int, cash_share: int) -> int:
        d = self.d
        self.tick()
        items = [item("Молоко 3,2% 1 л", 8990, "2", 1, self.ffd12),
                 item("Хлеб", 4500, "1.5", 2, self.ffd12)]
        total = 8990 * 2 + 6750
        cash = total * cash_share // 100
        d.call(0x15, DateTimeRequest(d.now()))
        assert d.call(0x30).document == DocumentCode.RECEIPT
        d.send_tlv(receipt_tlv(op, total, cash, self.ffd12, items))
        ans = d.call(0x16, CompleteReceipt(d.now(), OperationType(op), total))
        self.fd += 1
        assert (ans.receipt_number, ans.fd) == (n_in_shift, self.fd)
        t = self.fn_totals[op]
        t[0] += 1
        t[1] += total
        t[2] += cash
        t[3] += total - cash
        return total

    def close_shift(self, number: int, receipts: int, fds_in_shift: int) -> None:
        d = self.d
        self.tick()
        d.call(0x13, DateTimeRequest(d.now()))
        d.send_tlv(encode_tlv(1021, encode_string("Иванова А.А.")))
        ans = d.call(0x14)
        self.fd += 1
        assert (ans.shift_number, ans.fd) == (number, self.fd)
        p = d.call(0x10)
        assert (p.shift_open, p.shift_number, p.receipt_number) == (False, number, receipts)
        doc = self.document_fields(self.fd)
        assert decode_uint32(doc[1111]) == fds_in_shift
        assert decode_uint32(doc[1118]) == receipts
        assert decode_uint32(doc[1038]) == number

    def document_fields(self, fd: int) -> dict[int, bytes]:
        d = self.d
        info = d.call(0x45, DocumentNumber(fd))
        whole = b""
        while True:
            frame = d.raw(0x46)
            if frame.code == 0x08:
                break
            assert frame.code == 0
            whole += frame.data
        assert len(whole) == info.length
        return {t.tag: t.value for t in iter_tlv(whole)}

    def deliver_all(self) -> int:
        """Run the OFD exchange until the queue is empty; returns documents delivered."""
        d = self.d
        d.call(0x21, TransportStatus(TransportState.UP))
        sent = 0
        while d.call(0x42).count:
            frame = d.raw(0x22)
            assert frame.code == 0
            length = command_length(frame.data)
            msg = b""
            while len(msg) < length:
                msg += d.call(0x23, ReadBlock(len(msg), 500)).data
            d.call(0x25)
            message = Message.unpack(msg)
            assert message.fn_number == FN_NUMBER
            fd = message.container.fd_number
            assert message.container.document_bytes()[:2] == bytes((message.container.doc_type, 0))
            found = d.call(0x40, DocumentNumber(fd))
            assert not found.acknowledged
            ack = d.call(0x26, OFDReceipt(build_receipt(FN_NUMBER, fd, found.fpd, d.now())))
            assert ack.ofd_code == 0
            assert d.call(0x40, DocumentNumber(fd)).acknowledged
            sent += 1
        if d.call(0x30).phase == Phase.FISCAL:
            assert d.raw(0x22).code == 0x08  # nothing left to send
        return sent


def command_length(data: bytes) -> int:
    return int.from_bytes(data[:2], "little")


@pytest.mark.parametrize("ffd12", [True, False], ids=["ffd1.2-A2h-A3h", "ffd1.05-02h-03h"])
def test_life_of_an_fn(ffd12: bool) -> None:
    life = Life(ffd12)
    d = life.d
    st = d.call(0x30)
    assert (st.phase, st.last_fd, st.shift_open) == (Phase.READY, 0, False)
    assert d.call(0x3A).current == FFDVersion.NOT_SET

    life.register(RegistrationType.REGISTRATION)
    assert d.call(0x3A).current == (FFDVersion.FFD_12 if ffd12 else FFDVersion.FFD_10)
    assert d.call(0x32).registrations_done == 1
    reg = d.call(0x43, RegistrationResultsRequest(None))
    assert (reg.inn.strip(), reg.rnm.strip(), reg.fd) == (INN, RNM, 1)
    assert reg.tax_systems == TaxSystem.OSN | TaxSystem.USN_INCOME
    if ffd12:
        assert reg.ofd_inn.strip() == OFD_INN
    reg_doc = life.document_fields(1)
    assert reg_doc[1062] == bytes((3,))
    if ffd12:  # work mode b3 services -> 1290 bit 9, b5 Internet -> bit 5; excise bit 6,
        # marked goods bit 8 (reference §2.3)
        assert decode_uint32(reg_doc[1290]) == (1 << 9) | (1 << 5) | (1 << 6) | (1 << 8)
        # INN tags keep the 12-character space padding of the A3h field, as FN-formed 1018
        # values do in tax-service receipt JSON ("userInn": "7707083893  ")
        assert reg_doc[1017] == OFD_INN.ljust(12).encode()
        assert reg_doc[1018] == INN.ljust(12).encode()

    life.open_shift(1)
    ops = [1, 2, 3, 4] * 5
    for n, op in enumerate(ops, start=1):
        life.receipt(op, n, cash_share=100 if n % 2 else 30)

    # correction receipt: 17h -> 07h -> 16h
    d.call(0x17, DateTimeRequest(d.now()))
    assert d.call(0x30).document == DocumentCode.CORRECTION_RECEIPT
    corr = encode_tlv(1021, encode_string("Иванова А.А.")) + encode_tlv(1173, encode_byte(0))
    corr += encode_tlv(1055, encode_byte(1)) + item("Коррекция", 10000, "1", 6, ffd12)
    sums = {1031: 10000, 1081: 0, 1215: 0, 1216: 0, 1217: 0}
    corr += b"".join(encode_tlv(t, encode_vln(sums[t])) for t in (PAYMENTS if ffd12
                                                                   else (1031, 1081)))
    if not ffd12:
        corr += encode_tlv(1054, encode_byte(1)) + encode_tlv(1020, encode_vln(10000))
    d.send_tlv(corr)
    ans = d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL, 10000))
    life.fd += 1
    assert (ans.receipt_number, ans.fd) == (21, life.fd)
    assert life.fd == 23

    # state report: all 23 documents are unconfirmed, the first from the registration day
    d.call(0x18, DateTimeRequest(d.now()))
    rep = d.call(0x19)
    life.fd += 1
    assert (rep.fd, rep.unconfirmed, rep.first_unconfirmed) == (24, 23, d.now().date())
    assert d.call(0x42).count == 24

    if ffd12:
        check_counters(life)
    else:  # counters 36h–38h exist only in FFD 1.1/1.2 mode (reference §2.1)
        assert d.code_of(0x36, CountersRequest(CounterScope.SHIFT)) == 0x0A

    life.close_shift(1, receipts=21, fds_in_shift=1 + 21 + 1 + 1)
    # shift totals counters 1194 in the shift-close report: per settlement type 1135 count,
    # 1201 total, 1136 cash, 1138 electronic; 1133 corrections with 1144 count
    totals = {t.tag: t.value for t in iter_tlv(life.document_fields(life.fd)[1194])}
    assert decode_uint32(totals[1134]) == 21
    for op, tag in ((1, 1129), (2, 1130), (3, 1131), (4, 1132)):
        block = {t.tag: t.value for t in iter_tlv(totals[tag])}
        count, total, cash, electronic = life.fn_totals[op]
        assert decode_uint32(block[1135]) == count == 5
        assert [decode_vln(block[t]) for t in (1201, 1136, 1138)] == [total, cash, electronic]
    corr = {t.tag: t.value for t in iter_tlv(totals[1133])}
    assert decode_uint32(corr[1144]) == 1

    for shift in range(2, 12):
        life.tick(60)
        life.open_shift(shift)
        life.receipt(1 + shift % 4, 1, cash_share=50)
        life.close_shift(shift, receipts=1, fds_in_shift=3)
    assert life.fd == 25 + 30
    if ffd12:
        c = d.call(0x37, CountersRequest(CounterScope.FN))
        assert (c.sale, c.sale_return, c.purchase, c.purchase_return) == tuple(
            life.fn_totals[op][0] for op in (1, 2, 3, 4))
        assert c.corrections == 1 and c.shift_number == 11
        fn = d.call(0x36, CountersRequest(CounterScope.FN))
        assert fn.sale.total == life.fn_totals[1][1]

    # OFD delivery of every document, then re-registration and FN close
    assert life.deliver_all() == life.fd
    reason = (ReregistrationReason.OFD_CHANGED if ffd12 else ReregistrationReason105.OFD_CHANGED)
    life.register(RegistrationType.REREGISTRATION, int(reason))
    found = d.call(0x40, DocumentNumber(life.fd))
    assert found.document_type == DocumentType.REREGISTRATION
    assert d.call(0x32).registrations_done == 2
    r2 = d.call(0x43, RegistrationResultsRequest(2))
    assert r2.fd == life.fd
    assert d.code_of(0x04) == 0x09  # the re-registration report is not delivered yet
    life.deliver_all()
    d.call(0x04)
    assert d.call(0x30).document == DocumentCode.FN_CLOSE
    life.tick()
    closed = d.call(0x05, CloseFN(d.now(), RNM))
    life.fd += 1
    assert closed.fd == life.fd
    assert d.call(0x30).phase == Phase.POST_FISCAL
    assert d.code_of(0x15, DateTimeRequest(d.now())) == 0x02
    life.deliver_all()
    assert d.call(0x30).phase == Phase.ARCHIVE

    # every archived document verifies and is contiguous
    for fd in range(1, life.fd + 1):
        f = d.call(0x40, DocumentNumber(fd))
        assert f.fd == fd and f.acknowledged
        info = d.call(0x45, DocumentNumber(fd))
        assert info.document_type == f.document_type
        raw = life.d.device.fn.store.get(fd)
        assert raw is not None and verify_document(raw.tlv)
        doc = decode_document(raw.tlv)  # the shared FFD codec reads every archived document
        assert (doc.doc_type, doc.get(1040), doc.get(1041)) == (f.document_type, fd, FN_NUMBER)
        assert encode_document(doc) == raw.tlv
    assert d.code_of(0x40, DocumentNumber(life.fd + 1)) == 0x08


def check_counters(life: Life) -> None:
    d = life.d
    shift = d.call(0x36, CountersRequest(CounterScope.SHIFT))
    assert shift.shift_number == 1 and shift.operations == 21
    for name, op in (("sale", 1), ("sale_return", 2), ("purchase", 3), ("purchase_return", 4)):
        block = getattr(shift, name)
        count, total, cash, electronic = life.fn_totals[op]
        assert (block.count, block.total, block.cash, block.electronic) == (
            count, total, cash, electronic)
        one = d.call(0x38, SettlementCountersRequest(CounterScope.SHIFT, OperationType(op)))
        assert one.counters == block
    assert shift.correction.count == 1
    # VAT: each receipt has 17980 at 20 % (VAT 2996) and 6750 at 10 % (VAT 613)
    assert shift.sale.vat20 == 5 * (17980 * 20 // 120)
    assert shift.sale.vat10 == 5 * (6750 * 10 // 110)
    counts = d.call(0x37, CountersRequest(CounterScope.SHIFT))
    assert (counts.total, counts.sale, counts.corrections, counts.correction_sale) == (20, 5, 1, 1)
    unsent = d.call(0x39)
    assert unsent.count == 24
    assert unsent.sale.count == 5 and unsent.sale.sum == life.fn_totals[1][1]


def test_time_moves_with_the_clock() -> None:
    life = Life(True)
    life.register(RegistrationType.REGISTRATION)
    life.open_shift(1)
    life.d.clock.advance(timedelta(hours=25))
    assert life.d.code_of(0x15, DateTimeRequest(life.d.now())) == 0x16
    assert life.d.code_of(0x17, DateTimeRequest(life.d.now())) == 0x16
    # the shift can still be closed
    life.close_shift(1, receipts=0, fds_in_shift=2)
