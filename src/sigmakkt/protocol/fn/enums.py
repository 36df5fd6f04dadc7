"""Enumerations and bit flags of the KKT–FN protocol (FNS protocol v1.2.06; reference §2–§5).

Plain values come as ``IntEnum``; bitmasks as ``IntFlag`` (unknown bits survive decoding).
Values that are FFD tag values as well (document type, 1054 operation, 1055/1062 tax systems,
FFD version, 1101/1205 re-registration reasons) are defined once in
:mod:`sigmakkt.protocol.ffd.values` and re-exported here; only FN-command values live below.
``FFDVersion.NOT_SET`` (0) is the one member that only command 3Ah uses.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag

from sigmakkt.protocol.ffd.values import (
    DocumentType,
    FFDVersion,
    OperationType,
    ReregistrationReason,
    ReregistrationReason105,
    TaxSystem,
)

__all__ = [
    "CounterScope",
    "DocumentCode",
    "DocumentType",
    "ExtendedFlags",
    "FFDVersion",
    "OFDRejectReason",
    "OFDStatusFlags",
    "OperationType",
    "PaymentTypeBits",
    "Phase",
    "RegistrationType",
    "ReregistrationReason",
    "ReregistrationReason105",
    "TaxSystem",
    "TransportState",
    "WarningFlags",
    "WorkMode",
]


class Phase(IntEnum):
    """FN life phase, byte 0 of the 30h answer (S2 Table 8). Cumulative bits: b0 set up,
    b1 fiscal mode, b2 archive closed (post-fiscal), b3 OFD transfer finished."""

    SETUP = 0  #: factory setup ("Настройка")
    READY = 1  #: ready for registration ("Готовность к фискализации"), stage 1
    FISCAL = 3  #: fiscal mode, stage 2: documents, re-registration, close FN
    POST_FISCAL = 7  #: archive closed, only OFD transfer remains, stage 3
    ARCHIVE = 15  #: archive reading only (5 years), stage 4


class DocumentCode(IntEnum):
    """The document being built, byte 1 of the 30h answer (hex values per S2 §4.2.1).

    These are *not* the FFD document types of :class:`DocumentType` (used by 40h/45h).
    """

    NONE = 0x00
    REGISTRATION = 0x01
    SHIFT_OPEN = 0x02
    RECEIPT = 0x04
    SHIFT_CLOSE = 0x08
    FN_CLOSE = 0x10
    BSO = 0x11
    REREGISTRATION_FN_REPLACEMENT = 0x12
    REREGISTRATION = 0x13
    CORRECTION_RECEIPT = 0x14
    CORRECTION_BSO = 0x15
    STATE_REPORT = 0x17


class WorkMode(IntFlag):
    """Work-mode byte of 03h/A3h/43h/40h (S2 Table 37 for FFD 1.0–1.1, Table 38 for 1.2).

    Bits 0–5 mean the same in both tables; in FFD 1.2 bits 3–7 are carried by the FN into tag
    1290 (services → bit 9, BSO → 2, Internet → 5, catering → 15, wholesale → 16). Bit 6 was
    "bank payment agent" in FN-1 (S1); :attr:`BANK_PAYMENT_AGENT` is an alias of it.
    """

    ENCRYPTION = 0x01  #: tag 1056
    AUTONOMOUS = 0x02  #: tag 1002 (no data transfer to an OFD)
    AUTOMATIC = 0x04  #: tag 1001 (vending / automatic device)
    SERVICES = 0x08  #: tag 1109
    BSO = 0x10  #: tag 1110 (strict-reporting forms)
    INTERNET = 0x20  #: tag 1108
    CATERING = 0x40  #: FFD 1.2: 1290 bit 15
    BANK_PAYMENT_AGENT = 0x40  #: FN-1 (S1) meaning of bit 6
    WHOLESALE = 0x80  #: FFD 1.2: 1290 bit 16


class ExtendedFlags(IntFlag):
    """Extended-flags byte of A3h/43h (S2 Table 50 for FFD 1.1, Table 51 for FFD 1.2 → tag 1290)."""

    EXCISE = 0x01  #: tag 1207 / 1290 bit 6
    GAMBLING = 0x02  #: tag 1193 / 1290 bit 10
    LOTTERY = 0x04  #: tag 1126 / 1290 bit 11
    PRINTER_IN_AUTOMAT = 0x08  #: tag 1221 / 1290 bit 1
    MARKED_GOODS = 0x10  #: FFD 1.2 only: 1290 bit 8
    PAWNSHOP = 0x20  #: FFD 1.2: 1290 bit 12
    INSURANCE = 0x40  #: FFD 1.2: 1290 bit 13
    KKT_IN_VENDING_MACHINE = 0x80  #: FFD 1.2: 1290 bit 14


class WarningFlags(IntFlag):
    """FN warnings: 30h byte 4, appended to 12h/14h answers; bit 7 of an answer says "some set"."""

    URGENT_REPLACEMENT = 0x01  #: ≤3 days of FN life left (tag 1051)
    RESOURCE_EXHAUSTION = 0x02  #: ≤30 days of FN life left (tag 1050)
    MEMORY_FULL = 0x04  #: archive 99% full (90% in S1) (tag 1052)
    OFD_TIMEOUT = 0x08  #: OFD answer timeout exceeded (tag 1053)
    FLK_FAILURE = 0x10  #: OFD reported a format-logic (ФЛК) rejection
    RESETUP_REQUIRED = 0x20  #: the OFD asks for KKT re-setup
    OFD_ANNULLED = 0x40  #: the OFD contract is annulled
    CRITICAL = 0x80  #: critical FN error (S1)


class OFDStatusFlags(IntFlag):
    """OFD exchange status bits, byte 0 of the 20h answer (S2 §4.6.1)."""

    TRANSPORT_UP = 0x01  #: transport connection established
    MESSAGE_PENDING = 0x02  #: a message for the OFD is waiting
    AWAITING_RECEIPT = 0x04  #: waiting for the OFD's receipt (квитанция)
    OFD_COMMAND = 0x08  #: a command from the OFD is present
    OFD_SETTINGS_CHANGED = 0x10  #: the OFD connection settings changed
    AWAITING_COMMAND_ANSWER = 0x20  #: waiting for the answer to an OFD command


class RegistrationType(IntEnum):
    """Report type byte of 02h and A2h."""

    REGISTRATION = 0
    REREGISTRATION_FN_REPLACEMENT = 1
    REREGISTRATION = 2


class PaymentTypeBits(IntFlag):
    """Extra byte of answer 0Dh to 16h: which payment sums the receipt lacks (S2 §4.4.7)."""

    CASH = 0x01  #: tag 1031
    ELECTRONIC = 0x02  #: tag 1081
    PREPAID = 0x04  #: tag 1215
    CREDIT = 0x08  #: tag 1216
    COUNTER_PROVISION = 0x10  #: tag 1217


class CounterScope(IntEnum):
    """Argument of 36h/37h/38h: counters of the current shift or of the whole FN."""

    SHIFT = 0
    FN = 1


class TransportState(IntEnum):
    """Argument of 21h: the KKT's transport connection to the OFD."""

    DOWN = 0
    UP = 1


class OFDRejectReason(IntEnum):
    """Reason byte following answer code 20h to 26h/B6h/BFh (S2 §4.6.7, §4.10)."""

    BAD_FISCAL_SIGN = 1
    BAD_FORMAT = 2
    BAD_DOCUMENT_NUMBER = 3
    BAD_FN_NUMBER = 4
    BAD_CRC = 5
    BAD_OFD_INN = 6
    BAD_LENGTH = 7
