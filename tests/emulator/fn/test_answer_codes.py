"""Every answer code the emulated FN produces, provoked through frames (issue 3 acceptance 2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_string, encode_vln
from sigmakkt.protocol.fn import encode_frame
from sigmakkt.protocol.fn.commands.archive import DebugReset, DocumentNumber
from sigmakkt.protocol.fn.commands.document import DocumentData
from sigmakkt.protocol.fn.commands.ofd import OFDReceipt, ReadBlock, TransportStatus
from sigmakkt.protocol.fn.commands.registration import (
    BeginRegistration,
    BeginRegistrationV2,
    CompleteRegistrationV2,
)
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.enums import (
    ExtendedFlags,
    FFDVersion,
    OperationType,
    Phase,
    RegistrationType,
    TaxSystem,
    TransportState,
    WarningFlags,
    WorkMode,
)
from sigmakkt_emulator.fn import FNSettings
from sigmakkt_emulator.fn.ofd_queue import build_receipt

from .driver import Driver, FNAnswer, item
from .test_life import FN_NUMBER, INN, OFD_INN, RNM, receipt_tlv


def registered(settings: FNSettings | None = None, shift: bool = True) -> Driver:
    d = Driver(settings=settings)
    d.call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
    d.call(0xA3, CompleteRegistrationV2(d.now(), INN, RNM, TaxSystem.OSN, WorkMode(0),
                                        ExtendedFlags(0), OFD_INN, None))
    if shift:
        d.clock.advance(minutes=1)
        d.call(0x11, DateTimeRequest(d.now()))
        d.call(0x12)
    return d


def in_receipt(d: Driver) -> None:
    d.clock.advance(minutes=1)
    d.call(0x15, DateTimeRequest(d.now()))


def expect(d: Driver, code: int, command: int, req: object = None, extra: bytes = b"") -> None:
    with pytest.raises(FNAnswer) as info:
        if req is None:
            d.call(command)
        else:
            d.call(command, req)
    assert (info.value.code, info.value.extra) == (code, extra)


def test_01_unknown_command() -> None:
    d = registered()
    assert d.raw(0x99).code == 0x01


def test_01_bad_request_length() -> None:
    d = registered()
    assert d.raw(0x40, b"\x01\x00").code == 0x01  # 40h needs a Uint32


def test_01_tlv_split_across_frames() -> None:
    d = registered()
    in_receipt(d)
    whole = encode_tlv(1021, encode_string("Иванова"))
    assert d.raw(0x07, whole[:-2]).code == 0x01  # the whole-TLV rule


def test_01_bad_crc_frame() -> None:
    d = registered()
    wire = bytearray(encode_frame(0x30))
    wire[-1] ^= 0xFF
    frame = d.send_bytes(bytes(wire))
    assert (frame.code, frame.data) == (0x01, b"")
    # ENQ repeats that answer, and the FN still works afterwards
    assert d.send_bytes(b"\x05").code == 0x01
    assert d.raw(0x30).code == 0


def test_02_wrong_state() -> None:
    d = Driver()
    expect(d, 0x02, 0x11, DateTimeRequest(d.now()))  # not registered: no shift
    d = registered()
    expect(d, 0x02, 0x11, DateTimeRequest(d.now()))  # shift already open
    expect(d, 0x02, 0x07, DocumentData(encode_tlv(1021, b"x")))  # no document open
    expect(d, 0x02, 0x14)  # close shift without 13h


def test_03_fn_failure() -> None:
    d = registered()
    d.device.fn.store._db.close()  # the "hardware" fails
    assert d.raw(0x40, (1).to_bytes(4, "little")).code == 0x03


def test_07_time_before_last_document() -> None:
    d = registered()
    expect(d, 0x07, 0x15, DateTimeRequest(d.now() - timedelta(minutes=5)))


def test_08_no_data() -> None:
    d = registered()
    expect(d, 0x08, 0x40, DocumentNumber(99))
    expect(d, 0x08, 0x41, DocumentNumber(1))  # no OFD acknowledgement yet
    d.call(0x21, TransportStatus(TransportState.UP))
    d.device.fn.store._db.execute("UPDATE documents SET acked = 1")
    expect(d, 0x08, 0x22)


def test_09_invalid_parameter() -> None:
    d = registered(shift=False)
    expect(d, 0x09, 0x04)  # FN close while documents are not delivered to the OFD
    d.call(0x21, TransportStatus(TransportState.UP))
    length = d.call(0x22).length
    expect(d, 0x09, 0x23, ReadBlock(length + 1, 10))  # offset past the message end
    assert d.raw(0x60, b"\x15").code == 0x09  # debug reset needs 16h
    fresh = Driver()
    fresh.call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
    expect(fresh, 0x09, 0xA3, CompleteRegistrationV2(  # INN is not digits
        fresh.now(), "77O7O83893", RNM, TaxSystem.OSN, WorkMode(0), ExtendedFlags(0), OFD_INN,
        None))


def test_01_unknown_operation_type() -> None:
    d = registered()
    in_receipt(d)
    now = d.now()
    data = bytes((now.year - 2000, now.month, now.day, now.hour, now.minute, 7)) + bytes(5)
    assert d.raw(0x16, data).code == 0x01  # 1054 is 1..4: an unknown parameter value


def test_0a_ffd_mode_mismatch() -> None:
    d = Driver(settings=FNSettings(ffd_versions=frozenset({4})))
    expect(d, 0x0A, 0x02, BeginRegistration(RegistrationType.REGISTRATION))
    d = Driver()
    expect(d, 0x0A, 0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_11))


def test_0b_fn_formed_tag() -> None:
    d = registered()
    in_receipt(d)
    expect(d, 0x0B, 0x07, DocumentData(encode_tlv(1040, bytes(4))), b"\x10\x04")


def test_0c_duplicate_tag() -> None:
    d = registered()
    in_receipt(d)
    cashier = encode_tlv(1021, encode_string("Иванова"))
    d.call(0x07, DocumentData(cashier))
    expect(d, 0x0C, 0x07, DocumentData(cashier), b"\xfd\x03")
    d.call(0x07, DocumentData(item("a", 100, "1", 1) + item("b", 100, "1", 1)))  # 1059 repeats


def test_0d_missing_payment_sums() -> None:
    d = registered()
    in_receipt(d)
    d.send_tlv(item("Хлеб", 4500, "1", 2) + encode_tlv(1031, encode_vln(4500))
               + encode_tlv(1081, encode_vln(0)))
    # 1215, 1216, 1217 missing -> bits 2, 3, 4
    expect(d, 0x0D, 0x16, CompleteReceipt(d.now(), OperationType.SELL, 4500), b"\x1c")


def test_10_tlv_size_exceeded() -> None:
    d = registered()
    d.clock.advance(minutes=1)
    d.call(0x18, DateTimeRequest(d.now()))  # state report: 2 KB cap
    big = encode_tlv(1084, encode_tlv(1085, b"n" * 60) + encode_tlv(1086, b"v" * 250))
    for _ in range(6):
        d.call(0x07, DocumentData(big))
    expect(d, 0x10, 0x07, DocumentData(big))


def test_11_no_transport() -> None:
    d = registered()
    expect(d, 0x11, 0x22)


def test_12_expired_fn() -> None:
    d = registered(FNSettings(expiry=date(2026, 3, 10)), shift=False)
    assert d.call(0x30).warnings == WarningFlags.RESOURCE_EXHAUSTION  # 8 days left
    d.clock.advance(days=6)
    both = WarningFlags.URGENT_REPLACEMENT | WarningFlags.RESOURCE_EXHAUSTION
    assert d.call(0x30).warnings == both
    assert d.call(0x3B, DateTimeRequest(d.now())).days == 2
    d.clock.advance(days=3)
    expect(d, 0x12, 0x11, DateTimeRequest(d.now()))


def test_14_ofd_30_days() -> None:
    d = registered(shift=False)  # FD 1 is never delivered to the OFD
    d.clock.advance(days=29, hours=23, minutes=59)
    d.call(0x11, DateTimeRequest(d.now()))  # under 30 days: still allowed
    d.call(0x06)
    d.clock.advance(minutes=2)
    status = d.call(0x30)
    assert WarningFlags.OFD_TIMEOUT in status.warnings and d.last is not None
    assert d.last.warning  # bit 7 of every answer
    expect(d, 0x14, 0x11, DateTimeRequest(d.now()))


def test_14_archive_full() -> None:
    d = registered(FNSettings(max_documents=3), shift=True)  # FD 1, 2 used
    in_receipt(d)
    d.send_tlv(receipt_tlv(1, 100, 100, True, [item("a", 100, "1", 1)]))
    d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL, 100))
    assert WarningFlags.MEMORY_FULL in d.call(0x30).warnings
    expect(d, 0x14, 0x15, DateTimeRequest(d.now()))


def test_16_shift_over_24h() -> None:
    d = registered()
    d.clock.advance(hours=24, minutes=1)
    expect(d, 0x16, 0x15, DateTimeRequest(d.now()))


def test_17_kkt_time_gap() -> None:
    d = registered()
    expect(d, 0x17, 0x15, DateTimeRequest(d.now() + timedelta(minutes=6)))
    d.call(0x15, DateTimeRequest(d.now() + timedelta(minutes=5)))  # 5 min is still fine


def test_18_bad_tag_value() -> None:
    d = registered()
    in_receipt(d)
    expect(d, 0x18, 0x07, DocumentData(encode_tlv(1021, b"")), b"\xfd\x03")  # zero length
    expect(d, 0x18, 0x07, DocumentData(encode_tlv(1021, b"x" * 65)), b"\xfd\x03")  # > max


def _awaiting_receipt(d: Driver) -> tuple[int, int]:
    d.call(0x21, TransportStatus(TransportState.UP))
    length = d.call(0x22).length
    d.call(0x23, ReadBlock(0, length))
    d.call(0x25)
    found = d.call(0x40, DocumentNumber(1))
    return found.fd, found.fpd


@pytest.mark.parametrize("reason", [1, 2, 3, 4, 5, 6])
def test_20_ofd_receipt_rejected(reason: int) -> None:
    d = registered()
    fd, fpd = _awaiting_receipt(d)
    good = build_receipt(FN_NUMBER, fd, fpd, d.now())
    if reason == 1:
        bad = build_receipt(FN_NUMBER, fd, fpd ^ 1, d.now())
    elif reason == 2:
        bad = good[:40]
    elif reason == 3:
        bad = build_receipt(FN_NUMBER, fd + 1, fpd, d.now())
    elif reason == 4:
        bad = build_receipt("9999000000000009", fd, fpd, d.now())
    elif reason == 6:
        bad = build_receipt(FN_NUMBER, fd, fpd, d.now(), ofd_inn="7707083893")
    else:
        corrupt = bytearray(good)
        corrupt[-1] ^= 0x55
        bad = bytes(corrupt)
    expect(d, 0x20, 0x26, OFDReceipt(bad), bytes((reason,)))
    assert d.call(0x26, OFDReceipt(good)).ofd_code == 0
    assert d.call(0x40, DocumentNumber(1)).acknowledged


def test_20_ack_without_session_header_accepted() -> None:
    d = registered()
    fd, fpd = _awaiting_receipt(d)
    assert d.call(0x26, OFDReceipt(build_receipt(FN_NUMBER, fd, fpd, d.now())[30:])).ofd_code == 0


def test_60_debug_reset() -> None:
    d = registered()
    d.call(0x60, DebugReset(0x16))
    st = d.call(0x30)
    assert (st.phase, st.last_fd, st.shift_open) == (Phase.READY, 0, False)
    assert d.code_of(0x40, DocumentNumber(1)) == 0x08
    serial = Driver(settings=FNSettings(debug=False))
    assert serial.raw(0x60, b"\x16").code == 0x01


def test_12_registrations_exhausted() -> None:
    d = registered(FNSettings(max_registrations=1), shift=False)
    assert d.call(0x32).registrations_left == 0
    expect(d, 0x12, 0xA2, BeginRegistrationV2(RegistrationType.REREGISTRATION, FFDVersion.FFD_12))
