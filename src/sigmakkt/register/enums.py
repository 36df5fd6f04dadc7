"""Enumerations of the Register API: VAT rates, tax systems, item and payment kinds, work modes.

The FFD code lists are defined once, in :mod:`sigmakkt.protocol.ffd.values`, and re-exported
here under the Register's names: ``VAT`` (``VATRate``), ``TaxSystem``, ``OperationType``,
``PaymentMethod``, ``ItemType``, ``Measure``, ``CorrectionType``, ``AgentType``,
``ReregistrationReason`` and ``FFDVersion``; ``FNPhase`` and ``FNWarning`` are the FN protocol's
``Phase`` and ``WarningFlags``. Their integer values are the FFD codes, so a value can be written
to a TLV as is. Printed labels and rates are functions of this module (:func:`vat_label`,
:func:`operation_label`, :func:`measure_label` …); ``FFDVersion.label`` ("1.05") is protocol data.

The printed labels are the "печатная форма" (ПФ) wording of the FFD tables (order of the
tax service ММВ-7-20/229@ and its revisions) as it appears on receipts of common KKT firmware.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd.values import (
    AgentType,
    CorrectionType,
    FFDVersion,
    ItemType,
    Measure,
    OperationType,
    PaymentMethod,
    ReregistrationReason,
    TaxSystem,
)
from sigmakkt.protocol.ffd.values import VATRate as VAT
from sigmakkt.protocol.fn.enums import ExtendedFlags
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
    "item_type_label",
    "measure_label",
    "operation_label",
    "payment_method_label",
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


def operation_label(operation: OperationType) -> str:
    """Printed form of a settlement sign (1054): "ПРИХОД", "ВОЗВРАТ ПРИХОДА" …"""
    return _OPERATION_LABEL[OperationType(operation)]


_OPERATION_LABEL = {
    OperationType.SELL: "ПРИХОД", OperationType.SELL_RETURN: "ВОЗВРАТ ПРИХОДА",
    OperationType.BUY: "РАСХОД", OperationType.BUY_RETURN: "ВОЗВРАТ РАСХОДА",
}


def payment_method_label(method: PaymentMethod) -> str:
    """Printed form of a payment method (1214): "ПОЛНЫЙ РАСЧЕТ", "АВАНС" …"""
    return _PAYMENT_METHOD_LABEL[PaymentMethod(method)]


_PAYMENT_METHOD_LABEL = {
    PaymentMethod.FULL_PREPAYMENT: "ПРЕДОПЛАТА 100%", PaymentMethod.PREPAYMENT: "ПРЕДОПЛАТА",
    PaymentMethod.ADVANCE: "АВАНС", PaymentMethod.FULL_PAYMENT: "ПОЛНЫЙ РАСЧЕТ",
    PaymentMethod.PARTIAL_PAYMENT: "ЧАСТИЧНЫЙ РАСЧЕТ И КРЕДИТ",
    PaymentMethod.CREDIT: "ПЕРЕДАЧА В КРЕДИТ", PaymentMethod.CREDIT_PAYMENT: "ОПЛАТА КРЕДИТА",
}


def item_type_label(item_type: ItemType) -> str:
    """Printed form of an item kind (1212): full words for the common kinds, the code otherwise."""
    return _ITEM_TYPE_LABEL.get(ItemType(item_type), f"ПРЕДМЕТ РАСЧЕТА {int(item_type)}")


_ITEM_TYPE_LABEL = {
    ItemType.COMMODITY: "ТОВАР", ItemType.EXCISE: "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.JOB: "РАБОТА",
    ItemType.SERVICE: "УСЛУГА", ItemType.PAYMENT: "ПЛАТЕЖ",
    ItemType.AGENT_COMMISSION: "АГЕНТСКОЕ ВОЗНАГРАЖДЕНИЕ", ItemType.COMPOSITE: "СОСТАВНОЙ",
    ItemType.ANOTHER: "ИНОЙ ПРЕДМЕТ РАСЧЕТА", ItemType.DEPOSIT: "ЗАЛОГ",
    ItemType.EXCISE_WITHOUT_MARKING: "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.EXCISE_WITH_MARKING:
    "ПОДАКЦИЗНЫЙ ТОВАР", ItemType.COMMODITY_WITHOUT_MARKING: "ТОВАР",
    ItemType.COMMODITY_WITH_MARKING: "ТОВАР",
}


def measure_label(measure: Measure) -> str:
    """Printed short name of a unit of measure (2108): "шт", "кг" …"""
    return _MEASURE_LABEL[Measure(measure)]


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
