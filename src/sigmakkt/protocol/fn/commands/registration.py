"""Registration, re-registration and closing the FN: 02h, 03h, A2h, A3h, 04h, 05h
(S2 §4.5; reference §2.3)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sigmakkt.protocol.fn.codes import CommandCode
from sigmakkt.protocol.fn.command import (
    Command,
    DefaultTail,
    EmptyCodec,
    NoData,
    OptionalTail,
    StructCodec,
)
from sigmakkt.protocol.fn.enums import (
    ExtendedFlags,
    FFDVersion,
    RegistrationType,
    ReregistrationReason,
    ReregistrationReason105,
    TaxSystem,
    WorkMode,
)
from sigmakkt.protocol.fn.types import (
    DATE_TIME,
    INN,
    OFD_INN,
    RNM,
    Byte,
    EnumAdapter,
    FlagAdapter,
    Uint32,
)

__all__ = [
    "AUTONOMOUS_OFD_INN",
    "BEGIN_CLOSE_FN",
    "BEGIN_REGISTRATION",
    "BEGIN_REGISTRATION_V2",
    "CLOSE_FN",
    "COMPLETE_REGISTRATION",
    "COMPLETE_REGISTRATION_V2",
    "BeginRegistration",
    "BeginRegistrationV2",
    "CloseFN",
    "CompleteRegistration",
    "CompleteRegistrationV2",
    "FiscalResult",
]

#: OFD INN sent in A3h when the KKT works without an OFD (autonomous mode), S2 §4.5.4.
AUTONOMOUS_OFD_INN = "000000000000"


@dataclass(frozen=True, slots=True)
class FiscalResult:
    """Answer of 03h, A3h and 05h: FD number and fiscal sign (FPD, Uint32)."""

    fd: int
    fpd: int


FISCAL_RESULT = StructCodec(FiscalResult, [("fd", Uint32), ("fpd", Uint32)])


@dataclass(frozen=True, slots=True)
class BeginRegistration:
    """02h request (FFD ≤1.05 only): report type; the byte may be omitted (= registration)."""

    report_type: RegistrationType = RegistrationType.REGISTRATION


BEGIN_REGISTRATION: Command[BeginRegistration, NoData] = Command(
    CommandCode.BEGIN_REGISTRATION, "BEGIN_REGISTRATION",
    StructCodec(BeginRegistration, [
        ("report_type", DefaultTail(EnumAdapter(Byte, RegistrationType),
                                    RegistrationType.REGISTRATION)),
    ]),
    EmptyCodec(),
    "Начать отчет о регистрации (перерегистрации) ККТ",
)


@dataclass(frozen=True, slots=True)
class CompleteRegistration:
    """03h request (FFD 1.0/1.05 mode): 39 bytes, or 40 with the reason of a type-2
    re-registration."""

    datetime: _dt.datetime
    inn: str
    rnm: str
    tax_systems: TaxSystem
    work_mode: WorkMode
    reason: ReregistrationReason105 | None = None


COMPLETE_REGISTRATION: Command[CompleteRegistration, FiscalResult] = Command(
    CommandCode.COMPLETE_REGISTRATION, "COMPLETE_REGISTRATION",
    StructCodec(CompleteRegistration, [
        ("datetime", DATE_TIME),
        ("inn", INN),
        ("rnm", RNM),
        ("tax_systems", FlagAdapter(Byte, TaxSystem)),
        ("work_mode", FlagAdapter(Byte, WorkMode)),
        ("reason", OptionalTail(EnumAdapter(Byte, ReregistrationReason105))),
    ]),
    FISCAL_RESULT,
    "Сформировать отчет о регистрации (перерегистрации) ККТ",
)


@dataclass(frozen=True, slots=True)
class BeginRegistrationV2:
    """A2h request (FFD 1.1/1.2): report type and FFD version (3 = 1.1, may be omitted;
    4 = 1.2); other versions are answered with 0Ah."""

    report_type: RegistrationType
    ffd: FFDVersion | None = None


BEGIN_REGISTRATION_V2: Command[BeginRegistrationV2, NoData] = Command(
    CommandCode.BEGIN_REGISTRATION_V2, "BEGIN_REGISTRATION_V2",
    StructCodec(BeginRegistrationV2, [
        ("report_type", EnumAdapter(Byte, RegistrationType)),
        ("ffd", OptionalTail(EnumAdapter(Byte, FFDVersion))),
    ]),
    EmptyCodec(),
    "Начать отчет о регистрации ККТ (ФФД 1.1/1.2)",
)


@dataclass(frozen=True, slots=True)
class CompleteRegistrationV2:
    """A3h request (FFD 1.1/1.2): 52 bytes, or 56 with the Uint32 reasons bitmask (tag 1205)
    for re-registration (types 1 and 2). ``ofd_inn`` is :data:`AUTONOMOUS_OFD_INN` in
    autonomous mode."""

    datetime: _dt.datetime
    inn: str
    rnm: str
    tax_systems: TaxSystem
    work_mode: WorkMode
    extended_flags: ExtendedFlags
    ofd_inn: str
    reasons: ReregistrationReason | None = None


COMPLETE_REGISTRATION_V2: Command[CompleteRegistrationV2, FiscalResult] = Command(
    CommandCode.COMPLETE_REGISTRATION_V2, "COMPLETE_REGISTRATION_V2",
    StructCodec(CompleteRegistrationV2, [
        ("datetime", DATE_TIME),
        ("inn", INN),
        ("rnm", RNM),
        ("tax_systems", FlagAdapter(Byte, TaxSystem)),
        ("work_mode", FlagAdapter(Byte, WorkMode)),
        ("extended_flags", FlagAdapter(Byte, ExtendedFlags)),
        ("ofd_inn", OFD_INN),
        ("reasons", OptionalTail(FlagAdapter(Uint32, ReregistrationReason))),
    ]),
    FISCAL_RESULT,
    "Сформировать отчет о регистрации (перерегистрации) ККТ (ФФД 1.1/1.2)",
)

BEGIN_CLOSE_FN: Command[NoData, NoData] = Command(
    CommandCode.BEGIN_CLOSE_FN, "BEGIN_CLOSE_FN", EmptyCodec(), EmptyCodec(),
    "Начать закрытие фискального накопителя",
)


@dataclass(frozen=True, slots=True)
class CloseFN:
    """05h request: DATE_TIME and the RNM (25 bytes)."""

    datetime: _dt.datetime
    rnm: str


CLOSE_FN: Command[CloseFN, FiscalResult] = Command(
    CommandCode.CLOSE_FN, "CLOSE_FN",
    StructCodec(CloseFN, [("datetime", DATE_TIME), ("rnm", RNM)]),
    FISCAL_RESULT,
    "Закрыть фискальный накопитель",
)
