"""Enumerations of the Register API: VAT rates, tax systems, item and payment kinds, work modes.

The integer values are the FFD codes (tag numbers in each docstring), so a value can be written to
a TLV as is. ``VAT``, ``TaxSystem``, ``FNPhase`` and ``FNWarning`` are the protocol tier's enums
(``sigmakkt.protocol.ffd.tags.VATRate``, ``sigmakkt.protocol.fn.enums.TaxSystem``, ``Phase``,
``WarningFlags``) re-exported under the Register's names; their printed labels and rates are the
functions :func:`vat_percent`, :func:`vat_label` and :func:`tax_system_label`.

Printed labels (``label``) are the "печатная форма" (ПФ) wording of the FFD tables (order of the
tax service ММВ-7-20/229@ and its revisions) as it appears on receipts of common KKT firmware.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum, IntEnum, IntFlag

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd.tags import VATRate as VAT
from sigmakkt.protocol.fn.enums import ExtendedFlags, TaxSystem
from sigmakkt.protocol.fn.enums import Phase as FNPhase
from sigmakkt.protocol.fn.enums import WarningFlags as FNWarning
from sigmakkt.protocol.fn.enums import WorkMode as FNWorkMode

__all__ = [
    "VAT",
    "AgentType",
    "CorrectionType",
    "FFDVersion",
    "FNPhase",
    "FNWarning",
    "ItemType",
    "Measure",
    "OperationType",
    "PaymentMethod",
    "PaymentType",
    "ReregistrationReason",
    "TaxSystem",
    "WorkMode",
    "tax_system_label",
    "vat_is_calculated",
    "vat_label",
    "vat_percent",
    "work_mode_flags",
]


def vat_percent(vat: VAT) -> Decimal:
    """The rate of ``vat`` in percent (0 for VAT0 and NO_VAT).

    Codes 11 and 12 (22 %, 22/122) were added by the tax service order of 08.12.2025
    № ЕД-7-20/1050@, applied from 5 January 2026 (fn-protocol reference §5.2).
    """
    return _VAT_PERCENT[VAT(vat)]


def vat_is_calculated(vat: VAT) -> bool:
    """True for the "расчётная ставка" codes (20/120, 10/110, 5/105, 7/107, 22/122)."""
    return VAT(vat) in _CALCULATED


def vat_label(vat: VAT) -> str:
    """Printed form of a VAT rate on an item line ("НДС 20%", "БЕЗ НДС" …)."""
    return _VAT_LABEL[VAT(vat)]


_VAT_PERCENT: dict[VAT, Decimal] = {
    VAT.VAT20: Decimal(20), VAT.VAT10: Decimal(10), VAT.VAT20_120: Decimal(20),
    VAT.VAT10_110: Decimal(10), VAT.VAT0: Decimal(0), VAT.NO_VAT: Decimal(0),
    VAT.VAT5: Decimal(5), VAT.VAT7: Decimal(7), VAT.VAT5_105: Decimal(5),
    VAT.VAT7_107: Decimal(7), VAT.VAT22: Decimal(22), VAT.VAT22_122: Decimal(22),
}
_CALCULATED = frozenset({VAT.VAT20_120, VAT.VAT10_110, VAT.VAT5_105, VAT.VAT7_107, VAT.VAT22_122})
_VAT_LABEL: dict[VAT, str] = {
    VAT.VAT20: "НДС 20%", VAT.VAT10: "НДС 10%", VAT.VAT20_120: "НДС 20/120",
    VAT.VAT10_110: "НДС 10/110", VAT.VAT0: "НДС 0%", VAT.NO_VAT: "БЕЗ НДС",
    VAT.VAT5: "НДС 5%", VAT.VAT7: "НДС 7%", VAT.VAT5_105: "НДС 5/105",
    VAT.VAT7_107: "НДС 7/107", VAT.VAT22: "НДС 22%", VAT.VAT22_122: "НДС 22/122",
}


def tax_system_label(systems: TaxSystem) -> str:
    """Printed form ("СНО") of one or several tax systems, joined with commas."""
    return ", ".join(_TAX_LABEL[bit] for bit in _TAX_BITS if bit in systems)


_TAX_BITS = (TaxSystem.OSN, TaxSystem.USN_INCOME, TaxSystem.USN_INCOME_OUTCOME, TaxSystem.ENVD,
             TaxSystem.ESHN, TaxSystem.PATENT)
_TAX_LABEL = {
    TaxSystem.OSN: "ОСН", TaxSystem.USN_INCOME: "УСН доход",
    TaxSystem.USN_INCOME_OUTCOME: "УСН доход - расход", TaxSystem.ENVD: "ЕНВД",
    TaxSystem.ESHN: "ЕСХН", TaxSystem.PATENT: "ПСН",
}


class OperationType(IntEnum):
    """Settlement sign of a receipt (tag 1054)."""

    SELL = 1          # приход
    SELL_RETURN = 2   # возврат прихода
    BUY = 3           # расход
    BUY_RETURN = 4    # возврат расхода

    @property
    def label(self) -> str:
        """Printed form."""
        return ("ПРИХОД", "ВОЗВРАТ ПРИХОДА", "РАСХОД", "ВОЗВРАТ РАСХОДА")[self - 1]


class PaymentMethod(IntEnum):
    """Payment method of an item (tag 1214)."""

    FULL_PREPAYMENT = 1
    PREPAYMENT = 2
    ADVANCE = 3
    FULL_PAYMENT = 4
    PARTIAL_PAYMENT = 5
    CREDIT = 6
    CREDIT_PAYMENT = 7

    @property
    def label(self) -> str:
        """Printed form."""
        return ("ПРЕДОПЛАТА 100%", "ПРЕДОПЛАТА", "АВАНС", "ПОЛНЫЙ РАСЧЕТ",
                "ЧАСТИЧНЫЙ РАСЧЕТ И КРЕДИТ", "ПЕРЕДАЧА В КРЕДИТ", "ОПЛАТА КРЕДИТА")[self - 1]


class ItemType(IntEnum):
    """Kind of the thing paid for (tag 1212, "признак предмета расчета").

    Codes 1–19 as in FFD 1.05, 20–27 and 30–33 added by FFD 1.2; names follow ATOL Driver 10's
    ``paymentObject`` values (atol-protocol reference §3.3), which list the same code order.
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

    @property
    def label(self) -> str:
        """Printed form (full words for the common kinds, the code otherwise)."""
        return _ITEM_TYPE_LABEL.get(self, f"ПРЕДМЕТ РАСЧЕТА {int(self)}")


_ITEM_TYPE_LABEL = {
    ItemType.COMMODITY: "ТОВАР", ItemType.EXCISE: "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.JOB: "РАБОТА",
    ItemType.SERVICE: "УСЛУГА", ItemType.PAYMENT: "ПЛАТЕЖ",
    ItemType.AGENT_COMMISSION: "АГЕНТСКОЕ ВОЗНАГРАЖДЕНИЕ", ItemType.COMPOSITE: "СОСТАВНОЙ",
    ItemType.ANOTHER: "ИНОЙ ПРЕДМЕТ РАСЧЕТА", ItemType.DEPOSIT: "ЗАЛОГ",
    ItemType.EXCISE_WITHOUT_MARKING: "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.EXCISE_WITH_MARKING:
    "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.COMMODITY_WITHOUT_MARKING: "ТОВАР",
    ItemType.COMMODITY_WITH_MARKING: "ТОВАР",
}


class Measure(IntEnum):
    """Unit of measure (tag 2108, FFD 1.2). FFD 1.05 uses the free-text tag 1197 instead.

    Codes as in ATOL Driver 10's ``measurementUnit`` list (atol-protocol reference §3.3).
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

    @property
    def label(self) -> str:
        """Printed short name ("шт", "кг" …)."""
        return _MEASURE_LABEL[self]


_MEASURE_LABEL = {
    Measure.PIECE: "шт", Measure.GRAM: "г", Measure.KILOGRAM: "кг", Measure.TON: "т",
    Measure.CENTIMETER: "см", Measure.DECIMETER: "дм", Measure.METER: "м",
    Measure.SQUARE_CENTIMETER: "кв.см", Measure.SQUARE_DECIMETER: "кв.дм",
    Measure.SQUARE_METER: "кв.м", Measure.MILLILITER: "мл", Measure.LITER: "л",
    Measure.CUBIC_METER: "куб.м", Measure.KILOWATT_HOUR: "кВт.ч", Measure.GIGACALORIE: "Гкал",
    Measure.DAY: "сут", Measure.HOUR: "ч", Measure.MINUTE: "мин", Measure.SECOND: "с",
    Measure.KILOBYTE: "Кбайт", Measure.MEGABYTE: "Мбайт", Measure.GIGABYTE: "Гбайт",
    Measure.TERABYTE: "Тбайт", Measure.OTHER: "иные",
}


class PaymentType(Enum):
    """Form of payment; the value is the receipt-level tag that carries its sum."""

    CASH = 1031
    ELECTRONIC = 1081
    PREPAID = 1215
    CREDIT = 1216
    COUNTER_PROVISION = 1217

    @property
    def label(self) -> str:
        """Printed form."""
        return _PAYMENT_LABEL[self]


_PAYMENT_LABEL = {
    PaymentType.CASH: "НАЛИЧНЫМИ", PaymentType.ELECTRONIC: "БЕЗНАЛИЧНЫМИ",
    PaymentType.PREPAID: "ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (АВАНС)",
    PaymentType.CREDIT: "ПОСЛЕДУЮЩАЯ ОПЛАТА (КРЕДИТ)",
    PaymentType.COUNTER_PROVISION: "ИНАЯ ФОРМА ОПЛАТЫ",
}


class CorrectionType(IntEnum):
    """Correction type (tag 1173)."""

    SELF = 0        # самостоятельно
    BY_ORDER = 1    # по предписанию налогового органа


class AgentType(IntFlag):
    """Agent role (tag 1222 per item, 1057 at registration)."""

    BANK_PAYING_AGENT = 1
    BANK_PAYING_SUBAGENT = 2
    PAYING_AGENT = 4
    PAYING_SUBAGENT = 8
    ATTORNEY = 16
    COMMISSION_AGENT = 32
    ANOTHER = 64


class ReregistrationReason(IntFlag):
    """Why the registration data change (tag 1205 bit mask, FFD 1.1/1.2).

    Bits 0–8 as listed in the FFD table of tag 1205; FFD 1.05 instead carries one byte in tag 1101
    (see :meth:`ffd105_code`). Bit 31 ("иные причины") is UNCERTAIN: not confirmed from the table.
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
    OTHER = 1 << 31

    def ffd105_code(self) -> int:
        """Tag 1101 byte of FFD 1.05: 1 FN replaced, 2 OFD changed, 3 user data, 4 KKT settings."""
        if ReregistrationReason.FN_REPLACED in self:
            return 1
        if ReregistrationReason.OFD_CHANGED in self:
            return 2
        user = (ReregistrationReason.USER_NAME_CHANGED
                | ReregistrationReason.ADDRESS_OR_PLACE_CHANGED
                | ReregistrationReason.TAX_SYSTEMS_CHANGED)
        return 3 if self & user else 4


class WorkMode(Enum):
    """Conditions of use declared at registration (work-mode and extended-flag bytes of 03h/A3h).

    The Register maps these to the FN bytes for the FFD version (fn-protocol reference §2.3).
    """

    ENCRYPTION = "encryption"
    AUTONOMOUS = "autonomous"
    AUTOMATIC = "automatic"
    SERVICES = "services"
    BSO = "bso"
    INTERNET = "internet"
    CATERING = "catering"
    WHOLESALE = "wholesale"
    EXCISE = "excise"
    GAMBLING = "gambling"
    LOTTERY = "lottery"
    PRINTER_IN_AUTOMAT = "printer_in_automat"
    MARKING = "marking"
    PAWNSHOP = "pawnshop"
    INSURANCE = "insurance"
    VENDING = "vending"


class FFDVersion(Enum):
    """Fiscal document format version; the value is the FFD code (tags 1189/1190/1209)."""

    FFD_105 = 2
    FFD_12 = 4

    @property
    def label(self) -> str:
        """"1.05" or "1.2"."""
        return "1.05" if self is FFDVersion.FFD_105 else "1.2"

    @classmethod
    def parse(cls, value: FFDVersion | str) -> FFDVersion:
        """Accept a member or the strings "1.05" / "1.2"."""
        if isinstance(value, FFDVersion):
            return value
        for member in cls:
            if member.label == value:
                return member
        raise ValidationError(f"unknown FFD version {value!r}; use '1.05' or '1.2'", "ffd")


_MODE_BITS: dict[WorkMode, FNWorkMode] = {
    WorkMode.ENCRYPTION: FNWorkMode.ENCRYPTION, WorkMode.AUTONOMOUS: FNWorkMode.AUTONOMOUS,
    WorkMode.AUTOMATIC: FNWorkMode.AUTOMATIC, WorkMode.SERVICES: FNWorkMode.SERVICES,
    WorkMode.BSO: FNWorkMode.BSO, WorkMode.INTERNET: FNWorkMode.INTERNET,
    WorkMode.CATERING: FNWorkMode.CATERING, WorkMode.WHOLESALE: FNWorkMode.WHOLESALE,
}
_EXT_BITS: dict[WorkMode, ExtendedFlags] = {
    WorkMode.EXCISE: ExtendedFlags.EXCISE, WorkMode.GAMBLING: ExtendedFlags.GAMBLING,
    WorkMode.LOTTERY: ExtendedFlags.LOTTERY,
    WorkMode.PRINTER_IN_AUTOMAT: ExtendedFlags.PRINTER_IN_AUTOMAT,
    WorkMode.MARKING: ExtendedFlags.MARKED_GOODS, WorkMode.PAWNSHOP: ExtendedFlags.PAWNSHOP,
    WorkMode.INSURANCE: ExtendedFlags.INSURANCE,
    WorkMode.VENDING: ExtendedFlags.KKT_IN_VENDING_MACHINE,
}
#: Conditions that exist only in FFD 1.2 (fn-protocol reference §2.3, S2 Tables 38 and 51).
FFD12_ONLY = frozenset({WorkMode.CATERING, WorkMode.WHOLESALE, WorkMode.MARKING,
                        WorkMode.PAWNSHOP, WorkMode.INSURANCE, WorkMode.VENDING})


def work_mode_flags(modes: Iterable[WorkMode],
                    ffd: FFDVersion) -> tuple[FNWorkMode, ExtendedFlags]:
    """The FN's work-mode byte and extended-flags byte (03h/A3h) for a set of conditions.

    In FFD 1.05 the extended conditions (excise, gambling, lottery, printer in automat) are not
    a byte of 03h: the KKT sends them as tags 1207/1193/1126/1221, which the caller builds from
    the second value. Conditions that FFD 1.05 does not know raise ValidationError.
    """
    mode = FNWorkMode(0)
    ext = ExtendedFlags(0)
    for item in modes:
        if not isinstance(item, WorkMode):
            raise ValidationError(f"{item!r} is not a sigmakkt WorkMode", "work_modes")
        if ffd is FFDVersion.FFD_105 and item in FFD12_ONLY:
            raise ValidationError(f"{item.name} needs FFD 1.2", "work_modes")
        if item in _MODE_BITS:
            mode |= _MODE_BITS[item]
        else:
            ext |= _EXT_BITS[item]
    return mode, ext
