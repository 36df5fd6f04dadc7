"""Service and status commands 30h–3Fh and A7h (S2 §4.2; reference §2.1)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sigmakkt.protocol.fn.codes import CommandCode
from sigmakkt.protocol.fn.command import (
    Command,
    EmptyCodec,
    NoData,
    OptionalTail,
    StructCodec,
)
from sigmakkt.protocol.fn.enums import (
    CounterScope,
    DocumentCode,
    FFDVersion,
    OperationType,
    Phase,
    WarningFlags,
)
from sigmakkt.protocol.fn.types import (
    DATE,
    DATE_TIME,
    DATE_TIME_OR_NONE,
    FN_NUMBER,
    Bool,
    Byte,
    EnumAdapter,
    FlagAdapter,
    GreedyBytes,
    Uint16,
    Uint32,
    Uint48,
    ascii_field,
)

__all__ = [
    "GET_COUNTERS",
    "GET_DAYS_LEFT",
    "GET_EXECUTION",
    "GET_EXPIRY",
    "GET_FFD_VERSION",
    "GET_FN_NUMBER",
    "GET_FREE_MEMORY",
    "GET_LAST_ERRORS",
    "GET_OPERATION_COUNTS",
    "GET_SETTLEMENT_COUNTERS",
    "GET_STATUS",
    "GET_TRANSFERRED_SIZE",
    "GET_UNSENT_COUNTERS",
    "GET_VERSION",
    "CorrectionCounters",
    "CountSum",
    "CountersRequest",
    "DateTimeRequest",
    "DaysLeft",
    "FFDMode",
    "FNCounters",
    "FNExecution",
    "FNExpiry",
    "FNNumber",
    "FNStatus",
    "FNVersion",
    "FreeMemory",
    "LastErrors",
    "OperationCounters",
    "OperationCounts",
    "SettlementCounters",
    "SettlementCountersRequest",
    "TransferredSize",
    "UnsentCounters",
]


@dataclass(frozen=True, slots=True)
class DateTimeRequest:
    """A request whose only data is a DATE_TIME (11h, 13h, 15h, 17h, 18h, 3Bh)."""

    datetime: _dt.datetime


DATETIME_REQUEST = StructCodec(DateTimeRequest, [("datetime", DATE_TIME)])


# --- 30h ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FNStatus:
    """30h answer, 30 bytes (S2 §4.2.1): phase, current document, flags, last document."""

    phase: Phase | int  #: an int only for a value this library does not know
    document: DocumentCode | int  #: the document being built (not the FFD type)
    document_data_received: bool  #: 07h data was received for it
    shift_open: bool
    warnings: WarningFlags
    last_document_datetime: _dt.datetime | None  #: ``None`` while there is no document
    fn_number: str
    last_fd: int  #: number of the last fiscal document (0: none)


GET_STATUS: Command[NoData, FNStatus] = Command(
    CommandCode.GET_STATUS, "GET_STATUS", EmptyCodec(),
    StructCodec(FNStatus, [
        ("phase", EnumAdapter(Byte, Phase, strict=False)),
        ("document", EnumAdapter(Byte, DocumentCode, strict=False)),
        ("document_data_received", Bool),
        ("shift_open", Bool),
        ("warnings", FlagAdapter(Byte, WarningFlags)),
        ("last_document_datetime", DATE_TIME_OR_NONE),
        ("fn_number", FN_NUMBER),
        ("last_fd", Uint32),
    ]),
    "Запрос статуса ФН",
)


# --- 31h, 32h, 33h, 35h, 3Fh -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FNNumber:
    """31h answer: the FN serial number (ASCII 16)."""

    fn_number: str


GET_FN_NUMBER: Command[NoData, FNNumber] = Command(
    CommandCode.GET_FN_NUMBER, "GET_FN_NUMBER", EmptyCodec(),
    StructCodec(FNNumber, [("fn_number", FN_NUMBER)]),
    "Запрос номера ФН",
)


@dataclass(frozen=True, slots=True)
class FNExpiry:
    """32h answer: expiry date, registrations left and done."""

    expiry: _dt.date
    registrations_left: int
    registrations_done: int


GET_EXPIRY: Command[NoData, FNExpiry] = Command(
    CommandCode.GET_EXPIRY, "GET_EXPIRY", EmptyCodec(),
    StructCodec(FNExpiry, [
        ("expiry", DATE),
        ("registrations_left", Byte),
        ("registrations_done", Byte),
    ]),
    "Запрос срока действия ФН",
)


@dataclass(frozen=True, slots=True)
class FNVersion:
    """33h answer: firmware version (ASCII 16) and whether this is a serial (not debug) FN."""

    version: str
    serial: bool  #: byte 1 (serial firmware); False = debug/prototype (МГМ)


GET_VERSION: Command[NoData, FNVersion] = Command(
    CommandCode.GET_VERSION, "GET_VERSION", EmptyCodec(),
    StructCodec(FNVersion, [("version", ascii_field(16)), ("serial", Bool)]),
    "Запрос версии ФН",
)


@dataclass(frozen=True, slots=True)
class LastErrors:
    """35h answer: opaque diagnostic data (≤256 bytes), for the FN maker's service."""

    data: bytes


GET_LAST_ERRORS: Command[NoData, LastErrors] = Command(
    CommandCode.GET_LAST_ERRORS, "GET_LAST_ERRORS", EmptyCodec(),
    StructCodec(LastErrors, [("data", GreedyBytes)]),
    "Запрос последних ошибок ФН",
)


@dataclass(frozen=True, slots=True)
class FNExecution:
    """3Fh answer: the FN "execution" (model/variant) string, ASCII 48."""

    text: str


GET_EXECUTION: Command[NoData, FNExecution] = Command(
    CommandCode.GET_EXECUTION, "GET_EXECUTION", EmptyCodec(),
    StructCodec(FNExecution, [("text", ascii_field(48))]),
    "Запрос исполнения ФН",
)


# --- 36h, 37h, 38h, 39h: counters ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountersRequest:
    """36h/37h request: counters of the shift (0) or of the whole FN (1)."""

    scope: CounterScope


COUNTERS_REQUEST = StructCodec(CountersRequest, [("scope", EnumAdapter(Byte, CounterScope))])


@dataclass(frozen=True, slots=True)
class OperationCounters:
    """The 76-byte counter block of one settlement type (36h, 38h): Uint32 count + 12×Uint48
    sums in kopecks (S2 §4.2.6)."""

    count: int
    total: int
    cash: int
    electronic: int
    prepaid: int
    credit: int
    counter_provision: int
    vat20: int  #: VAT 20% (18% before 2019)
    vat10: int
    sum_vat0: int  #: turnover at 0%
    sum_no_vat: int  #: turnover without VAT
    vat20_120: int
    vat10_110: int


OPERATION_COUNTERS_FIELDS = [("count", Uint32)] + [
    (name, Uint48) for name in (
        "total", "cash", "electronic", "prepaid", "credit", "counter_provision", "vat20",
        "vat10", "sum_vat0", "sum_no_vat", "vat20_120", "vat10_110",
    )
]
OPERATION_COUNTERS = StructCodec(OperationCounters, OPERATION_COUNTERS_FIELDS).con


@dataclass(frozen=True, slots=True)
class CountSum:
    """Uint32 count + Uint48 sum (kopecks): 10 bytes."""

    count: int
    sum: int


COUNT_SUM = StructCodec(CountSum, [("count", Uint32), ("sum", Uint48)]).con


@dataclass(frozen=True, slots=True)
class CorrectionCounters:
    """The 44-byte correction block of 36h: Uint32 count + 4×(count, sum) per operation type."""

    count: int
    sale: CountSum
    sale_return: CountSum
    purchase: CountSum
    purchase_return: CountSum


_BY_OPERATION = ("sale", "sale_return", "purchase", "purchase_return")
CORRECTION_COUNTERS = StructCodec(
    CorrectionCounters, [("count", Uint32)] + [(n, COUNT_SUM) for n in _BY_OPERATION]
).con


@dataclass(frozen=True, slots=True)
class FNCounters:
    """36h answer (FFD 1.1/1.2 only): shift number (scope shift) or shift count (scope FN),
    number of operations, a 76-byte block per settlement type and the 44-byte correction block
    (2 + 4 + 4×76 + 44 = 354 bytes)."""

    shift_number: int
    operations: int
    sale: OperationCounters
    sale_return: OperationCounters
    purchase: OperationCounters
    purchase_return: OperationCounters
    correction: CorrectionCounters


GET_COUNTERS: Command[CountersRequest, FNCounters] = Command(
    CommandCode.GET_COUNTERS, "GET_COUNTERS", COUNTERS_REQUEST,
    StructCodec(FNCounters, [
        ("shift_number", Uint16),
        ("operations", Uint32),
        *[(n, OPERATION_COUNTERS) for n in _BY_OPERATION],
        ("correction", CORRECTION_COUNTERS),
    ]),
    "Запрос счетчиков ФН",
)


@dataclass(frozen=True, slots=True)
class OperationCounts:
    """37h answer: Uint16 shift number + 10×Uint32 operation counts (42 bytes).

    Layout per the reference digest of S2 §4.2.7. UNCERTAIN: the QEMU FN-1.2 model (S4) answers
    46 bytes of zeros here; a real FN-1.2 answer of another length raises DecodeError.
    """

    shift_number: int
    total: int
    sale: int
    sale_return: int
    purchase: int
    purchase_return: int
    corrections: int
    correction_sale: int
    correction_sale_return: int
    correction_purchase: int
    correction_purchase_return: int


GET_OPERATION_COUNTS: Command[CountersRequest, OperationCounts] = Command(
    CommandCode.GET_OPERATION_COUNTS, "GET_OPERATION_COUNTS", COUNTERS_REQUEST,
    StructCodec(OperationCounts, [("shift_number", Uint16)] + [
        (n, Uint32) for n in (
            "total", "sale", "sale_return", "purchase", "purchase_return", "corrections",
            "correction_sale", "correction_sale_return", "correction_purchase",
            "correction_purchase_return",
        )
    ]),
    "Запрос счетчиков операций ФН",
)


@dataclass(frozen=True, slots=True)
class SettlementCountersRequest:
    """38h request: scope and settlement type."""

    scope: CounterScope
    operation: OperationType


@dataclass(frozen=True, slots=True)
class SettlementCounters:
    """38h answer: the 76-byte block + correction count and sum (86 bytes)."""

    counters: OperationCounters
    correction_count: int
    correction_sum: int


GET_SETTLEMENT_COUNTERS: Command[SettlementCountersRequest, SettlementCounters] = Command(
    CommandCode.GET_SETTLEMENT_COUNTERS, "GET_SETTLEMENT_COUNTERS",
    StructCodec(SettlementCountersRequest, [
        ("scope", EnumAdapter(Byte, CounterScope)),
        ("operation", EnumAdapter(Byte, OperationType)),
    ]),
    StructCodec(SettlementCounters, [
        ("counters", OPERATION_COUNTERS),
        ("correction_count", Uint32),
        ("correction_sum", Uint48),
    ]),
    "Запрос счетчиков ФН по типу расчётов",
)


@dataclass(frozen=True, slots=True)
class UnsentCounters:
    """39h answer: counters of documents not yet sent to the OFD (44 bytes)."""

    count: int
    sale: CountSum
    sale_return: CountSum
    purchase: CountSum
    purchase_return: CountSum


GET_UNSENT_COUNTERS: Command[NoData, UnsentCounters] = Command(
    CommandCode.GET_UNSENT_COUNTERS, "GET_UNSENT_COUNTERS", EmptyCodec(),
    StructCodec(UnsentCounters, [("count", Uint32)] + [(n, COUNT_SUM) for n in _BY_OPERATION]),
    "Запрос счётчиков итогов непереданных документов",
)


# --- 3Ah, 3Bh, 3Dh, A7h ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FFDMode:
    """3Ah answer: FFD mode now and the highest the FN supports.

    NB 3Ah reports 1 for the whole FFD 1.0/1.05 mode and 0 before activation (see
    :class:`~sigmakkt.protocol.ffd.values.FFDVersion`).
    """

    current: FFDVersion | int  #: int only for a version this library does not know
    max_supported: FFDVersion | int


GET_FFD_VERSION: Command[NoData, FFDMode] = Command(
    CommandCode.GET_FFD_VERSION, "GET_FFD_VERSION", EmptyCodec(),
    StructCodec(FFDMode, [
        ("current", EnumAdapter(Byte, FFDVersion, strict=False)),
        ("max_supported", EnumAdapter(Byte, FFDVersion, strict=False)),
    ]),
    "Запрос формата ФН",
)


@dataclass(frozen=True, slots=True)
class DaysLeft:
    """3Bh answer: days of FN validity left after the given date (0 when past expiry)."""

    days: int


GET_DAYS_LEFT: Command[DateTimeRequest, DaysLeft] = Command(
    CommandCode.GET_DAYS_LEFT, "GET_DAYS_LEFT", DATETIME_REQUEST,
    StructCodec(DaysLeft, [("days", Uint16)]),
    "Запрос оставшегося срока действия ФН (время не учитывается)",
)


@dataclass(frozen=True, slots=True)
class FreeMemory:
    """3Dh answer: approximate documents left in the 5-year store, free KiB in the 30-day
    store and (FFD 1.2 only) the fill percentage of the marking-notification store."""

    documents_left: int
    free_kib: int
    notification_fill_percent: int | None = None


GET_FREE_MEMORY: Command[NoData, FreeMemory] = Command(
    CommandCode.GET_FREE_MEMORY, "GET_FREE_MEMORY", EmptyCodec(),
    StructCodec(FreeMemory, [
        ("documents_left", Uint32),
        ("free_kib", Uint32),
        ("notification_fill_percent", OptionalTail(Byte)),
    ]),
    "Запрос ресурса свободной памяти в ФН",
)


@dataclass(frozen=True, slots=True)
class TransferredSize:
    """A7h answer: bytes of the current document already taken by 07h and (FFD 1.2) of the
    current marking notification by B7h — read after a transfer error to avoid duplicates."""

    document_bytes: int
    notification_bytes: int | None = None


GET_TRANSFERRED_SIZE: Command[NoData, TransferredSize] = Command(
    CommandCode.GET_TRANSFERRED_SIZE, "GET_TRANSFERRED_SIZE", EmptyCodec(),
    StructCodec(TransferredSize, [
        ("document_bytes", Uint32),
        ("notification_bytes", OptionalTail(Uint32)),
    ]),
    "Запрос размера данных, переданных командами 07h/B7h",
)
