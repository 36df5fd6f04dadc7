"""Shifts, receipts and the state report: 10h–19h (S2 §4.4; reference §2.4)."""

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
from sigmakkt.protocol.fn.commands.status import DATETIME_REQUEST, DateTimeRequest
from sigmakkt.protocol.fn.enums import OperationType, WarningFlags
from sigmakkt.protocol.fn.types import (
    DATE_OR_NONE,
    DATE_TIME,
    Bool,
    Byte,
    EnumAdapter,
    FlagAdapter,
    Uint16,
    Uint32,
    Uint40,
)

__all__ = [
    "BEGIN_CLOSE_SHIFT",
    "BEGIN_CORRECTION_RECEIPT",
    "BEGIN_OPEN_SHIFT",
    "BEGIN_RECEIPT",
    "BEGIN_STATE_REPORT",
    "CLOSE_SHIFT",
    "COMPLETE_RECEIPT",
    "COMPLETE_STATE_REPORT",
    "GET_SHIFT_PARAMETERS",
    "OPEN_SHIFT",
    "CompleteReceipt",
    "ReceiptResult",
    "ShiftParameters",
    "ShiftResult",
    "StateReportResult",
]


@dataclass(frozen=True, slots=True)
class ShiftParameters:
    """10h answer: shift open?, shift number (current, or last closed), receipt number (last
    receipt; when closed, the count in the previous shift)."""

    shift_open: bool
    shift_number: int
    receipt_number: int


GET_SHIFT_PARAMETERS: Command[NoData, ShiftParameters] = Command(
    CommandCode.GET_SHIFT_PARAMETERS, "GET_SHIFT_PARAMETERS", EmptyCodec(),
    StructCodec(ShiftParameters, [
        ("shift_open", Bool), ("shift_number", Uint16), ("receipt_number", Uint16),
    ]),
    "Запрос параметров текущей смены",
)


@dataclass(frozen=True, slots=True)
class ShiftResult:
    """12h/14h answer: shift number, FD, FPD and (FFD 1.1/1.2) the warning flags byte."""

    shift_number: int
    fd: int
    fpd: int
    warnings: WarningFlags | None = None


SHIFT_RESULT = StructCodec(ShiftResult, [
    ("shift_number", Uint16),
    ("fd", Uint32),
    ("fpd", Uint32),
    ("warnings", OptionalTail(FlagAdapter(Byte, WarningFlags))),
])

BEGIN_OPEN_SHIFT: Command[DateTimeRequest, NoData] = Command(
    CommandCode.BEGIN_OPEN_SHIFT, "BEGIN_OPEN_SHIFT", DATETIME_REQUEST, EmptyCodec(),
    "Начать открытие смены",
)
OPEN_SHIFT: Command[NoData, ShiftResult] = Command(
    CommandCode.OPEN_SHIFT, "OPEN_SHIFT", EmptyCodec(), SHIFT_RESULT, "Открыть смену",
)
BEGIN_CLOSE_SHIFT: Command[DateTimeRequest, NoData] = Command(
    CommandCode.BEGIN_CLOSE_SHIFT, "BEGIN_CLOSE_SHIFT", DATETIME_REQUEST, EmptyCodec(),
    "Начать закрытие смены",
)
CLOSE_SHIFT: Command[NoData, ShiftResult] = Command(
    CommandCode.CLOSE_SHIFT, "CLOSE_SHIFT", EmptyCodec(), SHIFT_RESULT, "Закрыть смену",
)
BEGIN_RECEIPT: Command[DateTimeRequest, NoData] = Command(
    CommandCode.BEGIN_RECEIPT, "BEGIN_RECEIPT", DATETIME_REQUEST, EmptyCodec(),
    "Начать формирование чека (БСО): time ≤24 h after shift open, ≥ last operation",
)


@dataclass(frozen=True, slots=True)
class CompleteReceipt:
    """16h request: DATE_TIME, operation type (tag 1054), total in kopecks (Uint40)."""

    datetime: _dt.datetime
    operation: OperationType
    total: int


@dataclass(frozen=True, slots=True)
class ReceiptResult:
    """16h answer: receipt number in the shift, FD, FPD."""

    receipt_number: int
    fd: int
    fpd: int


COMPLETE_RECEIPT: Command[CompleteReceipt, ReceiptResult] = Command(
    CommandCode.COMPLETE_RECEIPT, "COMPLETE_RECEIPT",
    StructCodec(CompleteReceipt, [
        ("datetime", DATE_TIME),
        ("operation", EnumAdapter(Byte, OperationType)),
        ("total", Uint40),
    ]),
    StructCodec(ReceiptResult, [("receipt_number", Uint16), ("fd", Uint32), ("fpd", Uint32)]),
    "Сформировать чек (also completes a correction receipt begun with 17h)",
)
BEGIN_CORRECTION_RECEIPT: Command[DateTimeRequest, NoData] = Command(
    CommandCode.BEGIN_CORRECTION_RECEIPT, "BEGIN_CORRECTION_RECEIPT", DATETIME_REQUEST,
    EmptyCodec(), "Начать формирование чека коррекции",
)
BEGIN_STATE_REPORT: Command[DateTimeRequest, NoData] = Command(
    CommandCode.BEGIN_STATE_REPORT, "BEGIN_STATE_REPORT", DATETIME_REQUEST, EmptyCodec(),
    "Начать формирование отчета о текущем состоянии расчетов",
)


@dataclass(frozen=True, slots=True)
class StateReportResult:
    """19h answer: FD, FPD, number of documents the OFD has not confirmed, and the date of the
    first of them (``None`` when there is none: the FN sends zeros)."""

    fd: int
    fpd: int
    unconfirmed: int
    first_unconfirmed: _dt.date | None


COMPLETE_STATE_REPORT: Command[NoData, StateReportResult] = Command(
    CommandCode.COMPLETE_STATE_REPORT, "COMPLETE_STATE_REPORT", EmptyCodec(),
    StructCodec(StateReportResult, [
        ("fd", Uint32), ("fpd", Uint32), ("unconfirmed", Uint32),
        ("first_unconfirmed", DATE_OR_NONE),
    ]),
    "Сформировать отчет о текущем состоянии расчетов",
)
