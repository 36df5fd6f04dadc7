"""Values of FFD tags: the one definition of each code list, shared by every tier.

The FN protocol (:mod:`sigmakkt.protocol.fn.enums`), the tag table (:mod:`.tags`), the emulator
and the Register (:mod:`sigmakkt.register.enums`, which re-exports these under its public names)
all import the enums below; none defines its own. Member names follow ATOL Driver 10's JSON
naming (atol-protocol reference §3.3) because the Register shows them to users; the values are
the FFD codes, so a member can be written to a TLV as is. Printed (Russian) labels are the
Register's business (:mod:`sigmakkt.register.enums`); only protocol data lives here.
"""

from __future__ import annotations

import enum

from sigmakkt.errors import ValidationError

__all__ = [
    "AgentType",
    "CorrectionType",
    "DocumentType",
    "FFDVersion",
    "ItemType",
    "Measure",
    "OperationType",
    "PaymentMethod",
    "ReregistrationReason",
    "ReregistrationReason105",
    "TaxSystem",
    "VATRate",
]


class DocumentType(enum.IntEnum):
    """FFD document type = the tag of the document STLV (40h byte 0, 45h; reference §5.3).

    Not the "document being built" byte of the 30h answer (fn ``DocumentCode``).
    """

    REGISTRATION = 1
    REREGISTRATION = 11
    SHIFT_OPEN = 2
    STATE_REPORT = 21
    RECEIPT = 3
    CORRECTION_RECEIPT = 31
    BSO = 4
    CORRECTION_BSO = 41
    SHIFT_CLOSE = 5
    FN_CLOSE = 6
    OPERATOR_ACK = 7  #: подтверждение оператора (OFD receipt)
    MARKING_REQUEST = 81
    MARKING_NOTIFICATION = 82
    MARKING_RESPONSE = 83
    MARKING_NOTIFICATION_RECEIPT = 84


class FFDVersion(enum.IntEnum):
    """FFD version codes of tags 1189/1190/1209 (reference §5.2), of command A2h and of 3Ah.

    Tags use 1 = "1.0", 2 = "1.05", 3 = "1.1", 4 = "1.2"; A2h takes 3 or 4 only. Command 3Ah
    differs (fn-protocol reference §4.12): it answers :attr:`NOT_SET` (0, never a tag value)
    before the FFD is chosen and :attr:`FFD_10` (1) for the whole FFD 1.0/1.05 mode — it never
    reports 2. The Register registers in :attr:`FFD_105` or :attr:`FFD_12` only (:meth:`parse`).
    """

    NOT_SET = 0  #: 3Ah only: FFD not activated yet
    FFD_10 = 1  #: tag meaning "1.0"; in 3Ah: FFD 1.0/1.05 mode
    FFD_105 = 2
    FFD_11 = 3
    FFD_12 = 4

    @property
    def label(self) -> str:
        """The version as the tag table writes it ("1.05" …); "" for :attr:`NOT_SET`."""
        return _FFD_LABEL[self]

    @classmethod
    def parse(cls, value: FFDVersion | str) -> FFDVersion:
        """A member, or the strings "1.05" / "1.2": the versions sigmakkt writes documents in.

        Anything else (including "1.0" and "1.1", which only old archives carry) raises
        :class:`~sigmakkt.errors.ValidationError` for the field ``ffd``.
        """
        if isinstance(value, FFDVersion):
            return value
        for member in _WRITABLE:
            if member.label == value:
                return member
        raise ValidationError(f"unknown FFD version {value!r}; use '1.05' or '1.2'", "ffd")


_FFD_LABEL = {FFDVersion.NOT_SET: "", FFDVersion.FFD_10: "1.0", FFDVersion.FFD_105: "1.05",
              FFDVersion.FFD_11: "1.1", FFDVersion.FFD_12: "1.2"}
_WRITABLE = (FFDVersion.FFD_105, FFDVersion.FFD_12)


class OperationType(enum.IntEnum):
    """1054 — признак расчёта (reference §5.2); also 16h byte 5, 38h byte 1, QR ``n``."""

    SELL = 1  #: приход
    SELL_RETURN = 2  #: возврат прихода
    BUY = 3  #: расход
    BUY_RETURN = 4  #: возврат расхода


class TaxSystem(enum.IntFlag):
    """1062 (set of systems) / 1055 (exactly one applied system); S2 Table 36, reference §5.2."""

    OSN = 1  #: общая
    USN_INCOME = 2  #: упрощённая, доход
    USN_INCOME_OUTCOME = 4  #: упрощённая, доход минус расход
    ENVD = 8  #: единый налог на вменённый доход (abolished 2021, still a valid bit)
    ESHN = 16  #: единый сельскохозяйственный налог
    PATENT = 32  #: патентная система


class VATRate(enum.IntEnum):
    """1199 — ставка НДС (reference §5.2).

    Codes 11 and 12 (22 % and 22/122) were added to FFD table 8 by the tax service order of
    08.12.2025 № ЕД-7-20/1050@, applied from 5 January 2026 (reference §5.2, reported by
    klerk.ru; shtrih-m/fr_drv_ng#328 shows drivers adding rows 11/12).
    """

    VAT20 = 1
    VAT10 = 2
    VAT20_120 = 3
    VAT10_110 = 4
    VAT0 = 5
    NO_VAT = 6
    VAT5 = 7
    VAT7 = 8
    VAT5_105 = 9
    VAT7_107 = 10
    VAT22 = 11
    VAT22_122 = 12


class PaymentMethod(enum.IntEnum):
    """1214 — признак способа расчёта, 1..7 (reference §5.2; yandex/ofd schema 1.1)."""

    FULL_PREPAYMENT = 1  #: предоплата 100 %
    PREPAYMENT = 2  #: частичная предоплата
    ADVANCE = 3  #: аванс
    FULL_PAYMENT = 4  #: полный расчёт
    PARTIAL_PAYMENT = 5  #: частичный расчёт и кредит
    CREDIT = 6  #: передача в кредит
    CREDIT_PAYMENT = 7  #: оплата кредита


class ItemType(enum.IntEnum):
    """1212 — признак предмета расчёта.

    Codes 1–19 as in FFD 1.05, 20–27 and 30–33 added by FFD 1.2: values as listed by S6 (the Rust
    fiscal-data crate's ``ItemType`` enum, which quotes the FFD 1.2 table; 1 and 2 also confirmed
    by S2 §4.3.3); names follow ATOL Driver 10's ``paymentObject`` values (atol-protocol
    reference §3.3), which list the same code order.
    """

    COMMODITY = 1
    EXCISE = 2
    JOB = 3
    SERVICE = 4
    GAMBLING_BET = 5
    GAMBLING_PRIZE = 6
    LOTTERY = 7
    LOTTERY_PRIZE = 8
    INTELLECTUAL_ACTIVITY = 9
    PAYMENT = 10
    AGENT_COMMISSION = 11
    COMPOSITE = 12
    ANOTHER = 13
    PROPRIETARY_LAW = 14
    NON_OPERATING_INCOME = 15
    OTHER_CONTRIBUTIONS = 16
    MERCHANT_TAX = 17
    RESORT_FEE = 18
    DEPOSIT = 19
    CONSUMPTION = 20
    SOLE_PROPRIETOR_CPI_CONTRIBUTIONS = 21
    CPI_CONTRIBUTIONS = 22
    SOLE_PROPRIETOR_CMI_CONTRIBUTIONS = 23
    CMI_CONTRIBUTIONS = 24
    CSI_CONTRIBUTIONS = 25
    CASINO_PAYMENT = 26
    FUNDS_ISSUANCE = 27
    EXCISE_WITHOUT_MARKING = 30
    EXCISE_WITH_MARKING = 31
    COMMODITY_WITHOUT_MARKING = 32
    COMMODITY_WITH_MARKING = 33


class Measure(enum.IntEnum):
    """2108 — мера количества предмета расчёта (FFD 1.2; FFD 1.05 uses the free text of 1197).

    10–83 and 255 agree between S6 (its ``Unit`` enum), the public DeliCheck receipt schema
    (``ItemQuantityMeasure``) and ATOL Driver 10's ``measurementUnit`` list (atol-protocol
    reference §3.3). For pieces they differ: DeliCheck and real JSON (reference §5.2) use 0,
    S6 uses 1; we follow 0, the value seen on real receipts (UNCERTAIN).
    """

    PIECE = 0
    GRAM = 10
    KILOGRAM = 11
    TON = 12
    CENTIMETER = 20
    DECIMETER = 21
    METER = 22
    SQUARE_CENTIMETER = 30
    SQUARE_DECIMETER = 31
    SQUARE_METER = 32
    MILLILITER = 40
    LITER = 41
    CUBIC_METER = 42
    KILOWATT_HOUR = 50
    GIGACALORIE = 51
    DAY = 70
    HOUR = 71
    MINUTE = 72
    SECOND = 73
    KILOBYTE = 80
    MEGABYTE = 81
    GIGABYTE = 82
    TERABYTE = 83
    OTHER = 255


class CorrectionType(enum.IntEnum):
    """1173 — тип коррекции (reference §5.2)."""

    SELF = 0  #: самостоятельно
    BY_ORDER = 1  #: по предписанию налогового органа


class AgentType(enum.IntFlag):
    """1057 (registration) / 1222 (item) — признак агента, one bit per kind (S6 ``AgentTypes``)."""

    BANK_PAYING_AGENT = 1
    BANK_PAYING_SUBAGENT = 2
    PAYING_AGENT = 4
    PAYING_SUBAGENT = 8
    ATTORNEY = 16
    COMMISSION_AGENT = 32
    ANOTHER = 64


class ReregistrationReason105(enum.IntEnum):
    """FFD 1.0/1.05 re-registration reason byte: tag 1101 (03h type 2, 43h variant 2)."""

    FN_REPLACED = 1
    OFD_CHANGED = 2
    USER_DATA_CHANGED = 3
    KKT_SETTINGS_CHANGED = 4


class ReregistrationReason(enum.IntFlag):
    """FFD 1.1/1.2 re-registration reasons, Uint32 bitmask = tag 1205 (A3h bytes 52..55).

    Bits 0–21 and 31 as in the FNS FFD table of the codes of reasons for changing KKT data
    ("коды причин изменения сведений о ККТ"); source followed: the tag-1205 bit list of the
    Rust fiscal-data crate (reference S6, ``KktInfoUpdateReasons``), which restates that table,
    cross-checked against the first ten bits listed by a Delphi KKT driver's registration
    report. Unknown bits survive decoding (``IntFlag``). FFD 1.05 carries one byte in tag 1101
    instead (:meth:`ffd105_code`).
    """

    FN_REPLACED = 1 << 0
    OFD_CHANGED = 1 << 1
    USER_NAME_CHANGED = 1 << 2
    ADDRESS_OR_PLACE_CHANGED = 1 << 3
    AUTONOMOUS_TO_ONLINE = 1 << 4
    ONLINE_TO_AUTONOMOUS = 1 << 5
    KKT_VERSION_CHANGED = 1 << 6
    TAX_SYSTEMS_CHANGED = 1 << 7
    AUTOMAT_NUMBER_CHANGED = 1 << 8
    AUTOMATIC_TO_MANUAL = 1 << 9
    MANUAL_TO_AUTOMATIC = 1 << 10
    RECEIPTS_TO_BSO = 1 << 11
    BSO_TO_RECEIPTS = 1 << 12
    INTERNET_TO_PRINTING = 1 << 13
    PRINTING_TO_INTERNET = 1 << 14
    PAYMENT_AGENT_OFF = 1 << 15
    PAYMENT_AGENT_ON = 1 << 16
    GAMBLING_OFF = 1 << 17
    GAMBLING_ON = 1 << 18
    LOTTERY_OFF = 1 << 19
    LOTTERY_ON = 1 << 20
    FFD_VERSION_CHANGED = 1 << 21
    OTHER = 1 << 31

    def ffd105_code(self) -> ReregistrationReason105:
        """The tag 1101 byte of FFD 1.05 for these reasons: FN replaced, else OFD changed, else
        user data (name, address, tax systems), else KKT settings."""
        if ReregistrationReason.FN_REPLACED in self:
            return ReregistrationReason105.FN_REPLACED
        if ReregistrationReason.OFD_CHANGED in self:
            return ReregistrationReason105.OFD_CHANGED
        user = (ReregistrationReason.USER_NAME_CHANGED
                | ReregistrationReason.ADDRESS_OR_PLACE_CHANGED
                | ReregistrationReason.TAX_SYSTEMS_CHANGED)
        if self & user:
            return ReregistrationReason105.USER_DATA_CHANGED
        return ReregistrationReason105.KKT_SETTINGS_CHANGED
