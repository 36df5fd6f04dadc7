"""Every FN command codec: spec-pinned bytes, hypothesis round trips, random-bytes safety."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import construct as cs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sigmakkt.protocol.fn as fn
from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.fn.command import (
    COMMANDS,
    NO_DATA,
    Codec,
    Command,
    DataclassAdapter,
    DefaultTail,
    EmptyCodec,
    OptionalTail,
    StructCodec,
    UnionCodec,
)
from sigmakkt.protocol.fn.commands import archive, status
from sigmakkt.protocol.fn.enums import (
    CounterScope,
    DocumentCode,
    DocumentType,
    ExtendedFlags,
    FFDVersion,
    OFDStatusFlags,
    OperationType,
    Phase,
    RegistrationType,
    ReregistrationReason,
    TaxSystem,
    WarningFlags,
    WorkMode,
)
from sigmakkt.protocol.fn.types import (
    DateAdapter,
    DateTimeAdapter,
    EnumAdapter,
    FixedString,
    FlagAdapter,
    Pad,
)

# --- strategies derived from the codecs themselves -----------------------------------------

_TEXT = st.characters(codec="cp866", exclude_characters="\x00")


def _text(field: FixedString) -> st.SearchStrategy[str]:
    if field.pad is Pad.RNM:  # ≥16 chars survive unchanged (shorter ones are '0'-padded)
        return st.text("0123456789", min_size=16, max_size=field.length)
    return (st.text(_TEXT, max_size=field.length).map(str.rstrip)
            .filter(lambda s: len(s.encode("cp866")) <= field.length))


def for_construct(con: Any) -> st.SearchStrategy[Any]:
    """A strategy of valid values for one construct of our codecs."""
    if isinstance(con, cs.Renamed):
        return for_construct(con.subcon)
    if isinstance(con, DataclassAdapter):
        return st.builds(con.cls, **{name: for_construct(sub) for name, sub in con.fields})
    if isinstance(con, OptionalTail):
        return st.none() | for_construct(con.subcon)
    if isinstance(con, DefaultTail):
        return for_construct(con.subcon)
    if isinstance(con, EnumAdapter):
        known = st.sampled_from(list(con.enum_type))
        if con.strict:
            return known
        size = con.subcon.sizeof()
        values = {int(m) for m in con.enum_type}
        return known | st.integers(0, (1 << (8 * size)) - 1).filter(lambda v: v not in values)
    if isinstance(con, FlagAdapter):
        return st.integers(0, (1 << (8 * con.subcon.sizeof())) - 1).map(con.flag_type)
    if isinstance(con, DateTimeAdapter):
        value = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2255, 12, 31, 23, 59)).map(
            lambda d: d.replace(second=0, microsecond=0))
        return st.none() | value if con.nullable else value
    if isinstance(con, DateAdapter):
        day = st.dates(dt.date(2000, 1, 1), dt.date(2255, 12, 31))
        return st.none() | day if con.nullable else day
    if isinstance(con, FixedString):
        return _text(con)
    if con is cs.Flag:
        return st.booleans()
    if con is cs.GreedyBytes:
        return st.binary(max_size=64)
    if isinstance(con, cs.FormatField | cs.BytesInteger):
        return st.integers(0, (1 << (8 * con.sizeof())) - 1)
    if isinstance(con, cs.Bytes):
        return st.binary(min_size=con.length, max_size=con.length)
    raise AssertionError(f"no strategy for {con!r}")


def for_codec(codec: Codec[Any]) -> st.SearchStrategy[Any]:
    if isinstance(codec, EmptyCodec):
        return st.just(NO_DATA)
    if isinstance(codec, StructCodec):
        return for_construct(codec.con)
    if isinstance(codec, UnionCodec):
        return st.one_of([for_construct(layout) for layout in codec.layouts])
    if isinstance(codec, archive.FoundDocumentCodec):
        def found(kind: DocumentType | int) -> st.SearchStrategy[archive.FoundDocument]:
            return st.builds(
                archive.FoundDocument, st.just(kind), st.booleans(),
                for_construct(DateTimeAdapter()), st.integers(0, 2**32 - 1),
                st.integers(0, 2**32 - 1), for_codec(archive.details_codec(kind)))
        kinds = st.sampled_from(list(DocumentType)) | st.sampled_from([0, 99, 255])
        return kinds.flatmap(found)
    raise AssertionError(f"no strategy for {codec!r}")


ALL = sorted(COMMANDS.values(), key=lambda c: c.code)
IDS = [f"{c.code:02X}h" for c in ALL]
# ~50 commands each get a quarter of the profile's examples (50 under "ci", 5000 under "soak")
PER_COMMAND = settings(max_examples=max(25, settings.default.max_examples // 4))


@pytest.mark.parametrize("cmd", ALL, ids=IDS)
@PER_COMMAND
@given(data=st.data())
def test_round_trip(cmd: Command[Any, Any], data: st.DataObject) -> None:
    req = data.draw(for_codec(cmd.request), "request")
    assert isinstance(req, cmd.request_type)
    assert cmd.decode_request(cmd.encode_request(req)) == req
    ans = data.draw(for_codec(cmd.answer), "answer")
    assert isinstance(ans, cmd.answer_type)
    assert cmd.decode_answer(cmd.encode_answer(ans)) == ans


@pytest.mark.parametrize("cmd", ALL, ids=IDS)
@PER_COMMAND
@given(blob=st.binary(max_size=400))
def test_random_bytes_raise_only_decode_error(cmd: Command[Any, Any], blob: bytes) -> None:
    for decode in (cmd.decode_request, cmd.decode_answer):
        try:
            decode(blob)
        except DecodeError:
            pass


@pytest.mark.parametrize("cmd", ALL, ids=IDS)
def test_dataclasses_are_frozen(cmd: Command[Any, Any]) -> None:
    for kind in (cmd.request_type, cmd.answer_type):
        assert dataclasses.is_dataclass(kind)
        assert kind.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.parametrize("cmd", ALL, ids=IDS)
def test_wrong_type_is_a_validation_error(cmd: Command[Any, Any]) -> None:
    with pytest.raises(ValidationError):
        cmd.encode_request(object())
    with pytest.raises(ValidationError):
        cmd.encode_answer(object())


# --- spec-pinned bytes ---------------------------------------------------------------------

T = dt.datetime(2015, 7, 20, 18, 33)
T_BYTES = bytes.fromhex("0F 07 14 12 21")
FN_NO = "9999078900004312"


def u16(v: int) -> bytes:
    return v.to_bytes(2, "little")


def u32(v: int) -> bytes:
    return v.to_bytes(4, "little")


def u40(v: int) -> bytes:
    return v.to_bytes(5, "little")


def u48(v: int) -> bytes:
    return v.to_bytes(6, "little")


def test_status_answer_30h() -> None:
    # §2.1: phase, current doc, data received, shift open, warnings, DATE_TIME, FN ASCII16, FD
    wire = (bytes((0x03, 0x04, 0x01, 0x01, 0x09)) + T_BYTES + FN_NO.encode() + u32(1234))
    assert len(wire) == 30
    status_ = fn.GET_STATUS.decode_answer(wire)
    assert status_ == fn.FNStatus(
        Phase.FISCAL, DocumentCode.RECEIPT, True, True,
        WarningFlags.URGENT_REPLACEMENT | WarningFlags.OFD_TIMEOUT, T, FN_NO, 1234)
    assert fn.GET_STATUS.encode_answer(status_) == wire
    assert fn.GET_STATUS.encode_request(fn.NO_DATA) == b""
    # a fresh FN: no document yet, DATE_TIME all zeros
    fresh = bytes((0x01, 0, 0, 0, 0)) + bytes(5) + FN_NO.encode() + u32(0)
    assert fn.GET_STATUS.decode_answer(fresh).last_document_datetime is None
    with pytest.raises(DecodeError):
        fn.GET_STATUS.decode_answer(wire[:-1])
    # a value this library does not know stays readable as a plain int
    odd = fn.GET_STATUS.decode_answer(bytes((0x03, 0x16)) + wire[2:])
    assert odd.document == 0x16 and not isinstance(odd.document, DocumentCode)
    assert fn.GET_STATUS.encode_answer(odd) == bytes((0x03, 0x16)) + wire[2:]


def test_find_document_request_40h_is_spec_frame() -> None:
    data = fn.FIND_DOCUMENT.encode_request(fn.DocumentNumber(1))
    assert data == bytes.fromhex("01 00 00 00")
    assert fn.encode_frame(fn.FIND_DOCUMENT.code, data) == bytes.fromhex(
        "04 05 00 40 01 00 00 00 B5 EF")


def test_find_document_answer_receipt_40h() -> None:
    wire = bytes((3, 1)) + T_BYTES + u32(17) + u32(0xDEADBEEF) + bytes((2,)) + u40(1250_00)
    doc = fn.FIND_DOCUMENT.decode_answer(wire)
    assert doc == fn.FoundDocument(DocumentType.RECEIPT, True, T, 17, 0xDEADBEEF,
                                   fn.ReceiptDetails(OperationType.SELL_RETURN, 125000))
    assert fn.FIND_DOCUMENT.encode_answer(doc) == wire


def test_find_document_answer_layouts_by_type() -> None:
    head = T_BYTES + u32(2) + u32(99)
    shift = fn.FIND_DOCUMENT.decode_answer(bytes((2, 0)) + head + u16(7))
    assert shift.details == fn.ShiftDetails(7)
    close = fn.FIND_DOCUMENT.decode_answer(
        bytes((6, 0)) + head + b"7707083893  " + b"0000000001012345    ")
    assert close.details == fn.FNCloseDetails("7707083893", "0000000001012345")
    state = fn.FIND_DOCUMENT.decode_answer(bytes((21, 1)) + head + u32(3) + bytes((26, 1, 31)))
    assert state.details == fn.StateReportDetails(3, dt.date(2026, 1, 31))
    reg = (bytes((1, 1)) + head + b"7707083893  " + b"0000000001012345    " + bytes((1, 0x20))
           + bytes((0x10,)) + b"7704358518  ")
    got = fn.FIND_DOCUMENT.decode_answer(reg)
    assert got.details == fn.RegistrationDetails(
        "7707083893", "0000000001012345", WorkMode.INTERNET, TaxSystem.OSN,
        extended_flags=ExtendedFlags.MARKED_GOODS, ofd_inn="7704358518")
    assert fn.FIND_DOCUMENT.encode_answer(got) == reg
    unknown = fn.FIND_DOCUMENT.decode_answer(bytes((99, 0)) + head + b"\x01\x02")
    assert unknown.document_type == 99 and unknown.details == fn.RawDetails(b"\x01\x02")
    with pytest.raises(DecodeError):  # receipt body of a shift report
        fn.FIND_DOCUMENT.decode_answer(bytes((2, 0)) + head + bytes((1,)) + u40(5))
    with pytest.raises(ValidationError):
        fn.FIND_DOCUMENT.encode_answer(fn.FoundDocument(
            DocumentType.SHIFT_OPEN, False, T, 1, 1, fn.ReceiptDetails(OperationType.SELL, 1)))


def test_registration_v2_request_a3h_lengths() -> None:
    req = fn.CompleteRegistrationV2(T, "7707083893", "1", TaxSystem.OSN | TaxSystem.USN_INCOME,
                                    WorkMode.AUTOMATIC, ExtendedFlags.EXCISE, "7704358518")
    wire = fn.COMPLETE_REGISTRATION_V2.encode_request(req)
    assert len(wire) == 52
    assert wire == (T_BYTES + b"7707083893  " + b"0000000000000001    " + bytes((3, 4, 1))
                    + b"7704358518  ")
    rereg = fn.CompleteRegistrationV2(
        T, "7707083893", "0000000000000001", TaxSystem.OSN, WorkMode(0), ExtendedFlags(0),
        "000000000000",
        ReregistrationReason.FN_REPLACED | ReregistrationReason.OFD_CHANGED)
    wire56 = fn.COMPLETE_REGISTRATION_V2.encode_request(rereg)
    assert len(wire56) == 56 and wire56[52:] == bytes((3, 0, 0, 0))
    assert fn.COMPLETE_REGISTRATION_V2.decode_request(wire56) == rereg
    for bad in (wire[:51], wire + b"\x00", wire56 + b"\x00"):
        with pytest.raises(DecodeError):
            fn.COMPLETE_REGISTRATION_V2.decode_request(bad)
    answer = fn.COMPLETE_REGISTRATION_V2.decode_answer(u32(1) + u32(2853205313))
    assert answer == fn.FiscalResult(1, 2853205313)


def test_registration_105_requests() -> None:
    req = fn.CompleteRegistration(T, "7707083893", "0000000001012345", TaxSystem.OSN,
                                  WorkMode.ENCRYPTION)
    wire = fn.COMPLETE_REGISTRATION.encode_request(req)
    assert wire == T_BYTES + b"7707083893  " + b"0000000001012345    " + bytes((1, 1))
    assert len(wire) == 39
    assert fn.BEGIN_REGISTRATION.encode_request(fn.BeginRegistration()) == b"\x00"
    assert fn.BEGIN_REGISTRATION.decode_request(b"") == fn.BeginRegistration()
    assert fn.BEGIN_REGISTRATION.decode_request(b"\x02").report_type is (
        RegistrationType.REREGISTRATION)
    assert fn.BEGIN_REGISTRATION_V2.decode_request(b"\x00\x04") == fn.BeginRegistrationV2(
        RegistrationType.REGISTRATION, FFDVersion.FFD_12)
    assert fn.BEGIN_REGISTRATION_V2.decode_request(b"\x01").ffd is None
    assert fn.CLOSE_FN.encode_request(fn.CloseFN(T, "0000000001012345")) == (
        T_BYTES + b"0000000001012345    ")


def test_counter_block_sizes_36h() -> None:
    assert status.OPERATION_COUNTERS.sizeof() == 76
    assert status.CORRECTION_COUNTERS.sizeof() == 44
    block = u32(3) + b"".join(u48(100 * (i + 1)) for i in range(12))
    corr = u32(2) + u32(1) + u48(500) + (u32(0) + u48(0)) * 2 + u32(1) + u48(700)
    wire = u16(12) + u32(9) + block * 4 + corr
    assert len(wire) == 2 + 4 + 4 * 76 + 44
    counters = fn.GET_COUNTERS.decode_answer(wire)
    assert counters.shift_number == 12 and counters.operations == 9
    assert counters.sale.total == 100 and counters.sale.vat10_110 == 1200
    assert counters.correction.sale == fn.CountSum(1, 500)
    assert counters.correction.purchase_return == fn.CountSum(1, 700)
    assert fn.GET_COUNTERS.encode_answer(counters) == wire
    assert fn.GET_COUNTERS.encode_request(fn.CountersRequest(CounterScope.FN)) == b"\x01"


def test_other_counters() -> None:
    counts = fn.GET_OPERATION_COUNTS.decode_answer(u16(4) + b"".join(u32(i) for i in range(10)))
    assert counts.shift_number == 4 and counts.total == 0 and counts.correction_purchase_return == 9
    block = u32(1) + u48(5) * 12
    settle = fn.GET_SETTLEMENT_COUNTERS.decode_answer(block + u32(2) + u48(300))
    assert settle.counters.cash == 5 and settle.correction_sum == 300
    assert fn.GET_SETTLEMENT_COUNTERS.encode_request(
        fn.SettlementCountersRequest(CounterScope.SHIFT, OperationType.BUY)) == b"\x00\x03"
    unsent = fn.GET_UNSENT_COUNTERS.decode_answer(u32(5) + (u32(1) + u48(10)) * 4)
    assert unsent.count == 5 and unsent.purchase_return == fn.CountSum(1, 10)


def test_service_answers() -> None:
    assert fn.GET_EXPIRY.decode_answer(bytes((27, 6, 30, 11, 1))) == fn.FNExpiry(
        dt.date(2027, 6, 30), 11, 1)
    assert fn.GET_VERSION.decode_answer(b"fn v 2.01" + bytes(7) + b"\x01") == fn.FNVersion(
        "fn v 2.01", True)
    assert fn.GET_FFD_VERSION.decode_answer(b"\x01\x04") == fn.FFDMode(
        FFDVersion.FFD_10, FFDVersion.FFD_12)
    assert fn.GET_DAYS_LEFT.encode_request(fn.DateTimeRequest(T)) == T_BYTES
    assert fn.GET_DAYS_LEFT.decode_answer(u16(400)) == fn.DaysLeft(400)
    assert fn.GET_FREE_MEMORY.decode_answer(u32(250000) + u32(1024)) == fn.FreeMemory(
        250000, 1024)
    memory = fn.GET_FREE_MEMORY.decode_answer(u32(1) + u32(2) + b"\x05")
    assert memory.notification_fill_percent == 5
    assert fn.GET_TRANSFERRED_SIZE.decode_answer(u32(300) + u32(20)) == fn.TransferredSize(300, 20)
    assert fn.GET_FN_NUMBER.decode_answer(FN_NO.encode()) == fn.FNNumber(FN_NO)
    assert fn.GET_EXECUTION.decode_answer(b"X" * 48) == fn.FNExecution("X" * 48)


def test_shift_commands() -> None:
    assert fn.GET_SHIFT_PARAMETERS.decode_answer(b"\x01" + u16(5) + u16(12)) == (
        fn.ShiftParameters(True, 5, 12))
    assert fn.BEGIN_OPEN_SHIFT.encode_request(fn.DateTimeRequest(T)) == T_BYTES
    # 12h/14h: FFD 1.05 without, FFD 1.1/1.2 with the warning byte
    assert fn.OPEN_SHIFT.decode_answer(u16(1) + u32(2) + u32(3)) == fn.ShiftResult(1, 2, 3)
    with_flags = fn.CLOSE_SHIFT.decode_answer(u16(1) + u32(2) + u32(3) + b"\x02")
    assert with_flags.warnings == WarningFlags.RESOURCE_EXHAUSTION
    assert fn.CLOSE_SHIFT.encode_answer(with_flags) == u16(1) + u32(2) + u32(3) + b"\x02"
    req = fn.CompleteReceipt(T, OperationType.SELL, 17980)
    assert fn.COMPLETE_RECEIPT.encode_request(req) == T_BYTES + b"\x01" + u40(17980)
    assert fn.COMPLETE_RECEIPT.decode_answer(u16(3) + u32(42) + u32(7)) == fn.ReceiptResult(
        3, 42, 7)
    assert fn.COMPLETE_STATE_REPORT.decode_answer(u32(9) + u32(8) + u32(0) + bytes(3)) == (
        fn.StateReportResult(9, 8, 0, None))


def test_ofd_commands() -> None:
    wire = b"\x03\x00" + u16(2) + u32(15) + T_BYTES
    assert len(wire) == 13
    assert fn.GET_OFD_STATUS.decode_answer(wire) == fn.OFDStatus(
        OFDStatusFlags.TRANSPORT_UP | OFDStatusFlags.MESSAGE_PENDING, False, 2, 15, T)
    assert fn.SET_TRANSPORT_STATUS.encode_request(fn.TransportStatus(fn.TransportState.UP)) == (
        b"\x01")
    assert fn.encode_frame(0x21, b"\x01") == bytes.fromhex("04 02 00 21 01 5E 4C")
    assert fn.READ_OFD_MESSAGE_BLOCK.encode_request(fn.ReadBlock(256, 512)) == (
        bytes.fromhex("00 01 00 02"))
    assert fn.SEND_OFD_RECEIPT.decode_answer(b"\x00") == fn.OFDReceiptResult(0, b"")
    assert fn.SEND_OFD_RECEIPT.decode_answer(b"\x00\x01\x02") == fn.OFDReceiptResult(0, b"\x01\x02")


def test_archive_commands() -> None:
    ack = fn.GET_OFD_ACKNOWLEDGEMENT.decode_answer(T_BYTES + bytes(range(18)) + u32(5))
    assert ack == fn.OFDAcknowledgement(T, bytes(range(18)), 5)
    assert fn.GET_UNCONFIRMED_COUNT.decode_answer(u16(3)) == fn.UnconfirmedCount(3)
    base = T_BYTES + b"7707083893  " + b"0000000001012345    " + b"\x01\x00"
    res = fn.GET_REGISTRATION_RESULTS.decode_answer(base + u32(1) + u32(2))
    assert res.fd == 1 and res.ofd_inn is None and res.reasons is None
    v2 = base + b"\x08" + b"7704358518  " + u32(1) + u32(5) + u32(6)
    res2 = fn.GET_REGISTRATION_RESULTS.decode_answer(v2)
    assert len(v2) == 64
    assert res2.extended_flags == ExtendedFlags.PRINTER_IN_AUTOMAT
    assert res2.reasons == ReregistrationReason.FN_REPLACED and res2.fpd == 6
    assert fn.GET_REGISTRATION_RESULTS.encode_answer(res2) == v2
    assert fn.GET_REGISTRATION_RESULTS.encode_request(fn.RegistrationResultsRequest()) == b""
    assert fn.GET_REGISTRATION_RESULTS.encode_request(fn.RegistrationResultsRequest(2)) == b"\x02"
    assert fn.GET_REGISTRATION_PARAMETER.encode_request(
        fn.RegistrationParameterRequest(archive.ALL_REGISTRATION_TLV)) == b"\xff\xff"
    assert fn.GET_REGISTRATION_PARAMETER.decode_request(b"\x01\x0d\x04") == (
        fn.RegistrationParameterRequest(1037, 1))
    assert fn.GET_DOCUMENT_TLV_INFO.decode_answer(u16(3) + u16(390)) == fn.DocumentTLVInfo(
        DocumentType.RECEIPT, 390)
    assert fn.DEBUG_RESET.encode_request(fn.DebugReset()) == b"\x16"


def test_send_document_data_is_raw() -> None:
    tlv = bytes.fromhex("fd 03 05 00") + "Иван ".encode("cp866")
    assert fn.SEND_DOCUMENT_DATA.encode_request(fn.DocumentData(tlv)) == tlv
    assert fn.SEND_DOCUMENT_DATA.decode_answer(b"") == fn.NO_DATA
    with pytest.raises(DecodeError):
        fn.CANCEL_DOCUMENT.decode_answer(b"\x00")
