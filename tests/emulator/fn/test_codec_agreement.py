"""Every command the emulated FN answers decodes with the shared codecs, with the right values."""

from __future__ import annotations

from sigmakkt.protocol.ffd.tlv import iter_tlv
from sigmakkt.protocol.fn.commands.archive import (
    DocumentNumber,
    RegistrationParameterRequest,
    RegistrationResultsRequest,
)
from sigmakkt.protocol.fn.commands.ofd import OFDReceipt, ReadBlock, TransportStatus
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.commands.status import CountersRequest, SettlementCountersRequest
from sigmakkt.protocol.fn.enums import (
    CounterScope,
    FFDVersion,
    OFDStatusFlags,
    OperationType,
    TransportState,
)
from sigmakkt_emulator.fn.ofd_queue import build_receipt

from .driver import item
from .test_answer_codes import registered
from .test_life import FN_NUMBER, INN, receipt_tlv


def test_all_answers_decode() -> None:
    d = registered()
    d.clock.advance(minutes=1)
    d.call(0x15, DateTimeRequest(d.now()))
    d.send_tlv(receipt_tlv(1, 100, 100, True, [item("a", 100, "1", 1)]))
    assert d.call(0xA7).document_bytes > 0
    d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL, 100))
    assert d.call(0xA7).document_bytes == 0

    assert d.call(0x31).fn_number == FN_NUMBER
    assert not d.call(0x33).serial  # a debug (МГМ-style) FN
    assert d.call(0x35).data == b""
    assert d.call(0x3F).text.startswith("sigmakkt emulated FN")
    mem = d.call(0x3D)
    assert mem.documents_left == 250_000 - 3 and mem.notification_fill_percent == 0
    mode = d.call(0x3A)
    assert (mode.current, mode.max_supported) == (FFDVersion.FFD_12, FFDVersion.FFD_12)
    assert d.call(0x3B, DateTimeRequest(d.now())).days == 470
    exp = d.call(0x32)
    assert (exp.registrations_done, exp.registrations_left) == (1, 29)
    for scope in CounterScope:
        assert d.call(0x36, CountersRequest(scope)).sale.total == 100
        assert d.call(0x37, CountersRequest(scope)).sale == 1
        one = d.call(0x38, SettlementCountersRequest(scope, OperationType.SELL))
        assert one.counters.cash == 100
    assert d.call(0x39).sale.sum == 100

    # registration parameters: 44h one TLV, 44h FFFFh arms 47h
    inn = d.call(0x44, RegistrationParameterRequest(1018, None)).data
    assert next(iter_tlv(inn)).value.decode().strip() == INN
    d.call(0x44, RegistrationParameterRequest(0xFFFF, None))
    tags = []
    while (frame := d.raw(0x47)).code == 0:
        tags.append(next(iter_tlv(frame.data)).tag)
    assert frame.code == 0x08 and 1018 in tags and 1077 in tags
    r = d.call(0x43, RegistrationResultsRequest(1))
    assert r.fd == 1 and r.reasons == 0

    # OFD exchange statuses
    st = d.call(0x20)
    assert st.flags == OFDStatusFlags.MESSAGE_PENDING and st.queued == 3 and st.first_fd == 1
    d.call(0x21, TransportStatus(TransportState.UP))
    length = d.call(0x22).length
    assert d.call(0x20).reading
    half = d.call(0x23, ReadBlock(0, length // 2)).data
    d.call(0x24)  # cancel: read again from scratch
    assert d.call(0x22).length == length
    msg = d.call(0x23, ReadBlock(0, length)).data
    assert msg[: len(half)] == half and len(msg) == length
    d.call(0x25)
    assert OFDStatusFlags.AWAITING_RECEIPT in d.call(0x20).flags
    found = d.call(0x40, DocumentNumber(1))
    d.call(0x26, OFDReceipt(build_receipt(FN_NUMBER, 1, found.fpd, d.now())))
    ack = d.call(0x41, DocumentNumber(1))
    assert ack.fd == 1 and len(ack.operator_sign) == 18
    assert d.call(0x42).count == 2
