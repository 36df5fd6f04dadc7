"""Archive commands 40h–47h, 50h and the debug reset 60h (S2 §4.7; reference §2.6).

40h answers with a fixed-layout summary whose body depends on the document type byte
(:class:`FoundDocument`, :data:`FIND_DOCUMENT`). The FN-1 (S1) and FN-1.2 (S2) layouts of the
registration body differ in whether the tax-system byte is present and in the FFD 1.1+ tail;
every published variant is accepted and told apart by its length.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import construct as cs

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.fn.codes import CommandCode
from sigmakkt.protocol.fn.command import (
    Codec,
    Command,
    EmptyCodec,
    NoData,
    StructCodec,
    UnionCodec,
)
from sigmakkt.protocol.fn.enums import (
    DocumentType,
    ExtendedFlags,
    OperationType,
    ReregistrationReason,
    ReregistrationReason105,
    TaxSystem,
    WorkMode,
)
from sigmakkt.protocol.fn.types import (
    DATE_OR_NONE,
    DATE_TIME,
    INN,
    OFD_INN,
    RNM,
    Bool,
    Byte,
    ByteArray,
    EnumAdapter,
    FlagAdapter,
    GreedyBytes,
    Uint16,
    Uint32,
    Uint40,
    build,
    parse,
)

__all__ = [
    "ALL_REGISTRATION_TLV",
    "DEBUG_RESET",
    "DEBUG_RESET_CODE",
    "FIND_DOCUMENT",
    "FIND_DOCUMENT_FORMAT",
    "GET_DOCUMENT_TLV_INFO",
    "GET_OFD_ACKNOWLEDGEMENT",
    "GET_REGISTRATION_PARAMETER",
    "GET_REGISTRATION_RESULTS",
    "GET_UNCONFIRMED_COUNT",
    "READ_DOCUMENT_TLV",
    "READ_REGISTRATION_TLV",
    "DebugReset",
    "DocumentDetails",
    "DocumentFormatRecord",
    "DocumentNumber",
    "DocumentTLVInfo",
    "FNCloseDetails",
    "FoundDocument",
    "OFDAcknowledgement",
    "RawDetails",
    "ReceiptDetails",
    "RegistrationDetails",
    "RegistrationParameterRequest",
    "RegistrationResults",
    "RegistrationResultsRequest",
    "ShiftDetails",
    "StateReportDetails",
    "TLVData",
    "UnconfirmedCount",
]


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """Request of 40h, 41h, 45h, 50h: the fiscal document number (Uint32)."""

    fd: int


DOCUMENT_NUMBER = StructCodec(DocumentNumber, [("fd", Uint32)])


# --- 40h ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReceiptDetails:
    """40h body of a receipt, BSO or their corrections: operation type and total (kopecks)."""

    operation: OperationType
    total: int


@dataclass(frozen=True, slots=True)
class ShiftDetails:
    """40h body of a shift open/close report: the shift number."""

    shift_number: int


@dataclass(frozen=True, slots=True)
class FNCloseDetails:
    """40h body of the close-FN report: user INN and RNM."""

    inn: str
    rnm: str


@dataclass(frozen=True, slots=True)
class StateReportDetails:
    """40h body of a state report: unconfirmed documents and the date of the first."""

    unconfirmed: int
    first_unconfirmed: _dt.date | None


@dataclass(frozen=True, slots=True)
class RegistrationDetails:
    """40h body of a (re-)registration report. Layouts, by length: INN+RNM+mode (33, S2 FFD
    1.05 without tax byte), +tax before mode (34, S1), +reason byte (35, FFD 1.05 re-reg),
    +extended flags+OFD INN (47, FFD 1.1/1.2), +Uint32 reasons (51, FFD 1.1/1.2 re-reg)."""

    inn: str
    rnm: str
    work_mode: WorkMode
    tax_systems: TaxSystem | None = None
    reason: ReregistrationReason105 | None = None
    extended_flags: ExtendedFlags | None = None
    ofd_inn: str | None = None
    reasons: ReregistrationReason | None = None


@dataclass(frozen=True, slots=True)
class RawDetails:
    """40h body of a document type without a published layout: the bytes as sent."""

    data: bytes


DocumentDetails = (ReceiptDetails | ShiftDetails | FNCloseDetails | StateReportDetails
                   | RegistrationDetails | RawDetails)

_RECEIPT_DETAILS = StructCodec(ReceiptDetails, [
    ("operation", EnumAdapter(Byte, OperationType)), ("total", Uint40),
])
_SHIFT_DETAILS = StructCodec(ShiftDetails, [("shift_number", Uint16)])
_FN_CLOSE_DETAILS = StructCodec(FNCloseDetails, [("inn", INN), ("rnm", RNM)])
_STATE_DETAILS = StructCodec(StateReportDetails, [
    ("unconfirmed", Uint32), ("first_unconfirmed", DATE_OR_NONE),
])
_REG_BASE = [("inn", INN), ("rnm", RNM)]
_TAX = ("tax_systems", FlagAdapter(Byte, TaxSystem))
_MODE = ("work_mode", FlagAdapter(Byte, WorkMode))
_EXT = [("extended_flags", FlagAdapter(Byte, ExtendedFlags)), ("ofd_inn", OFD_INN)]
_REGISTRATION_DETAILS = UnionCodec(RegistrationDetails, [
    [*_REG_BASE, _MODE],
    [*_REG_BASE, _TAX, _MODE],
    [*_REG_BASE, _TAX, _MODE, ("reason", EnumAdapter(Byte, ReregistrationReason105))],
    [*_REG_BASE, _TAX, _MODE, *_EXT],
    [*_REG_BASE, _TAX, _MODE, *_EXT, ("reasons", FlagAdapter(Uint32, ReregistrationReason))],
])
_RAW_DETAILS = StructCodec(RawDetails, [("data", GreedyBytes)])

#: Which body layout 40h uses for each document type (others: :class:`RawDetails`).
DETAILS_BY_TYPE: dict[int, Codec[Any]] = {
    DocumentType.REGISTRATION: _REGISTRATION_DETAILS,
    DocumentType.REREGISTRATION: _REGISTRATION_DETAILS,
    DocumentType.SHIFT_OPEN: _SHIFT_DETAILS,
    DocumentType.SHIFT_CLOSE: _SHIFT_DETAILS,
    DocumentType.RECEIPT: _RECEIPT_DETAILS,
    DocumentType.CORRECTION_RECEIPT: _RECEIPT_DETAILS,
    DocumentType.BSO: _RECEIPT_DETAILS,
    DocumentType.CORRECTION_BSO: _RECEIPT_DETAILS,
    DocumentType.FN_CLOSE: _FN_CLOSE_DETAILS,
    DocumentType.STATE_REPORT: _STATE_DETAILS,
}


def details_codec(document_type: DocumentType | int) -> Codec[Any]:
    """The 40h body codec for ``document_type``."""
    return DETAILS_BY_TYPE.get(int(document_type), _RAW_DETAILS)


@dataclass(frozen=True, slots=True)
class FoundDocument:
    """40h answer: document type (FFD STLV tag), OFD acknowledgement received, then the common
    start DATE_TIME + FD + FPD and a body whose layout depends on the type."""

    document_type: DocumentType | int  #: int for a type without a known layout
    acknowledged: bool
    datetime: _dt.datetime
    fd: int
    fpd: int
    details: DocumentDetails


_FOUND_HEADER = cs.Struct(
    "document_type" / EnumAdapter(Byte, DocumentType, strict=False),
    "acknowledged" / Bool,
    "datetime" / DATE_TIME,
    "fd" / Uint32,
    "fpd" / Uint32,
)
_FOUND_HEADER_SIZE = 15


class FoundDocumentCodec(Codec[FoundDocument]):
    """40h answer: the header, then the body chosen by the document type byte."""

    type = FoundDocument

    def decode(self, data: bytes) -> FoundDocument:
        data = bytes(data)
        head = parse(_FOUND_HEADER, data[:_FOUND_HEADER_SIZE], "FoundDocument")
        details = details_codec(head.document_type).decode(data[_FOUND_HEADER_SIZE:])
        return FoundDocument(head.document_type, head.acknowledged, head.datetime, head.fd,
                             head.fpd, details)

    def encode(self, value: FoundDocument) -> bytes:
        if not isinstance(value, FoundDocument):
            raise ValidationError(f"expected FoundDocument, got {type(value).__name__}")
        body_codec = details_codec(value.document_type)
        if not isinstance(value.details, body_codec.type):
            raise ValidationError(
                f"a type-{int(value.document_type)} document has {body_codec.type.__name__}, "
                f"not {type(value.details).__name__}", "details"
            )
        head = build(_FOUND_HEADER, {
            "document_type": value.document_type, "acknowledged": value.acknowledged,
            "datetime": value.datetime, "fd": value.fd, "fpd": value.fpd,
        }, "FoundDocument")
        return head + body_codec.encode(value.details)


FIND_DOCUMENT: Command[DocumentNumber, FoundDocument] = Command(
    CommandCode.FIND_DOCUMENT, "FIND_DOCUMENT", DOCUMENT_NUMBER, FoundDocumentCodec(),
    "Найти фискальный документ по номеру",
)


# --- 41h, 42h ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OFDAcknowledgement:
    """41h answer: when the OFD acknowledged the document, its operator sign (ФПО, 18 bytes)
    and the FD number."""

    datetime: _dt.datetime
    operator_sign: bytes
    fd: int


GET_OFD_ACKNOWLEDGEMENT: Command[DocumentNumber, OFDAcknowledgement] = Command(
    CommandCode.GET_OFD_ACKNOWLEDGEMENT, "GET_OFD_ACKNOWLEDGEMENT", DOCUMENT_NUMBER,
    StructCodec(OFDAcknowledgement, [
        ("datetime", DATE_TIME), ("operator_sign", ByteArray(18)), ("fd", Uint32),
    ]),
    "Запрос квитанции о получении данных в ОФД по номеру документа",
)


@dataclass(frozen=True, slots=True)
class UnconfirmedCount:
    """42h answer: number of documents without an OFD acknowledgement."""

    count: int


GET_UNCONFIRMED_COUNT: Command[NoData, UnconfirmedCount] = Command(
    CommandCode.GET_UNCONFIRMED_COUNT, "GET_UNCONFIRMED_COUNT", EmptyCodec(),
    StructCodec(UnconfirmedCount, [("count", Uint16)]),
    "Запрос количества ФД, на которые нет квитанции",
)


# --- 43h ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistrationResultsRequest:
    """43h request: no data (the last registration) or the ordinal of a registration
    ("variant 2")."""

    ordinal: int | None = None


@dataclass(frozen=True, slots=True)
class RegistrationResults:
    """43h answer. Layouts by length: FFD 1.0/1.05 47 bytes (+1 reason byte in variant 2 = 48);
    FFD 1.1/1.2 60 bytes with extended flags and OFD INN (+Uint32 reasons in variant 2 = 64)."""

    datetime: _dt.datetime
    inn: str
    rnm: str
    tax_systems: TaxSystem
    work_mode: WorkMode
    fd: int
    fpd: int
    extended_flags: ExtendedFlags | None = None
    ofd_inn: str | None = None
    reason: ReregistrationReason105 | None = None
    reasons: ReregistrationReason | None = None


_RES_BASE = [("datetime", DATE_TIME), *_REG_BASE, _TAX, _MODE]
_RES_TAIL = [("fd", Uint32), ("fpd", Uint32)]
GET_REGISTRATION_RESULTS: Command[RegistrationResultsRequest, RegistrationResults] = Command(
    CommandCode.GET_REGISTRATION_RESULTS, "GET_REGISTRATION_RESULTS",
    UnionCodec(RegistrationResultsRequest, [[], [("ordinal", Byte)]]),
    UnionCodec(RegistrationResults, [
        [*_RES_BASE, *_RES_TAIL],
        [*_RES_BASE, ("reason", EnumAdapter(Byte, ReregistrationReason105)), *_RES_TAIL],
        [*_RES_BASE, *_EXT, *_RES_TAIL],
        [*_RES_BASE, *_EXT, ("reasons", FlagAdapter(Uint32, ReregistrationReason)),
         *_RES_TAIL],
    ]),
    "Запрос итогов регистрации (перерегистрации) ФН",
)


# --- 44h–47h --------------------------------------------------------------------------------

#: Tag value of 44h that selects all registration parameters for reading with 47h.
ALL_REGISTRATION_TLV = 0xFFFF


@dataclass(frozen=True, slots=True)
class RegistrationParameterRequest:
    """44h request: a registration tag (0xFFFF: all, read them with 47h), optionally of the
    registration with the given ordinal."""

    tag: int
    ordinal: int | None = None


@dataclass(frozen=True, slots=True)
class TLVData:
    """Answer of 44h, 46h, 47h: one TLV/STLV with its header (decode with
    :mod:`sigmakkt.protocol.ffd`)."""

    data: bytes


TLV_DATA = StructCodec(TLVData, [("data", GreedyBytes)])

GET_REGISTRATION_PARAMETER: Command[RegistrationParameterRequest, TLVData] = Command(
    CommandCode.GET_REGISTRATION_PARAMETER, "GET_REGISTRATION_PARAMETER",
    UnionCodec(RegistrationParameterRequest, [
        [("tag", Uint16)], [("ordinal", Byte), ("tag", Uint16)],
    ]),
    TLV_DATA,
    "Запрос параметра регистрации ФН",
)


@dataclass(frozen=True, slots=True)
class DocumentTLVInfo:
    """45h answer: the document's STLV type and its total length; then read with 46h."""

    document_type: DocumentType | int  #: int for a type this library does not know
    length: int


GET_DOCUMENT_TLV_INFO: Command[DocumentNumber, DocumentTLVInfo] = Command(
    CommandCode.GET_DOCUMENT_TLV_INFO, "GET_DOCUMENT_TLV_INFO", DOCUMENT_NUMBER,
    StructCodec(DocumentTLVInfo, [
        ("document_type", EnumAdapter(Uint16, DocumentType, strict=False)), ("length", Uint16),
    ]),
    "Запрос фискального документа в TLV формате",
)
READ_DOCUMENT_TLV: Command[NoData, TLVData] = Command(
    CommandCode.READ_DOCUMENT_TLV, "READ_DOCUMENT_TLV", EmptyCodec(), TLV_DATA,
    "Чтение TLV фискального документа: one top-level TLV per call, 08h at the end",
)
READ_REGISTRATION_TLV: Command[NoData, TLVData] = Command(
    CommandCode.READ_REGISTRATION_TLV, "READ_REGISTRATION_TLV", EmptyCodec(), TLV_DATA,
    "Чтение TLV параметров регистрации (after 44h FFFFh), 08h at the end",
)


# --- 50h, 60h -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentFormatRecord:
    """50h answer (optional command): the format byte (0: as 40h; 1/2: signed with ФПА) and
    the rest of the data, kept raw — its layout is not decoded by sigmakkt."""

    format: int
    data: bytes


FIND_DOCUMENT_FORMAT: Command[DocumentNumber, DocumentFormatRecord] = Command(
    CommandCode.FIND_DOCUMENT_FORMAT, "FIND_DOCUMENT_FORMAT", DOCUMENT_NUMBER,
    StructCodec(DocumentFormatRecord, [("format", Byte), ("data", GreedyBytes)]),
    "Найти фискальный документ формата по номеру (raw body)",
)

#: The only argument of 60h: wipe the archive back to "ready for fiscalization" (S1).
DEBUG_RESET_CODE = 0x16


@dataclass(frozen=True, slots=True)
class DebugReset:
    """60h request (debug FN / МГМ only): Byte 16h."""

    code: int = DEBUG_RESET_CODE


DEBUG_RESET: Command[DebugReset, NoData] = Command(
    CommandCode.DEBUG_RESET, "DEBUG_RESET",
    StructCodec(DebugReset, [("code", Byte)]), EmptyCodec(),
    "Сброс состояния ФН (debug FN only)",
)

