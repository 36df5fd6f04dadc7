"""ATOL Driver 10 JSON string enums ↔ sigmakkt enums (atol-protocol reference §3.1, §3.3).

Each table maps the ATOL string to the sigmakkt member; the reverse maps (for results) pick the
canonical spelling. Parsers raise :class:`~sigmakkt.ValidationError` listing the accepted values.

Legacy and alternative spellings (accepted on input, never produced):

* ``tax.type`` ``vat18`` / ``vat118``: ATOL's names for FFD VAT codes 1 and 3 before the 2019
  rate change (18 % → 20 %). The FFD code did not change (tag 1199 value 1 is "the basic rate",
  value 3 "the basic calculated rate"), so ``vat18`` maps to :attr:`VAT.VAT20` and ``vat118`` to
  :attr:`VAT.VAT20_120`, as ATOL's driver does on current firmware.
* ``paymentObject`` code 18: ``resortFee`` (canonical) and ``touristTax``; codes 21/23:
  ``soleProprietorCPIContributions`` / ``soleProprietorCMIContributions`` (canonical) and the
  ``…Cpi…`` / ``…Cmi…`` casing. The reference marks this conflict UNCERTAIN; we followed a public
  SQL seed of ATOL's paymentObject names (code search, GitHub) that uses ``resortFee`` and
  ``soleProprietorCPIContributions``, and accept the others.
* ``payments[].type``: the C API numbers 0–4 are accepted as well as the strings.
* ``measurementUnit``: the names, or their FFD 1.2 numbers (tag 2108); any other string is a
  free-text unit (FFD 1.05, tag 1197), e.g. ``"шт"``.
* ``taxationType`` ``envd``: still a valid bit of tag 1062, accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from sigmakkt.errors import ValidationError
from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FNPhase,
    ItemType,
    Measure,
    OperationType,
    PaymentMethod,
    PaymentType,
    TaxSystem,
    WorkMode,
)

__all__ = [
    "AGENT_TYPE",
    "CORRECTION_TYPE",
    "DEVICE_MODES",
    "FN_PHASE",
    "MEASUREMENT_UNIT",
    "PAYMENT_METHOD",
    "PAYMENT_OBJECT",
    "PAYMENT_TYPE",
    "PAYMENT_TYPE_NUMBERS",
    "RECEIPT_TASKS",
    "TAXATION_TYPE",
    "TAX_TYPE",
    "agent_name",
    "lookup",
    "measure_from_atol",
    "payment_object_name",
    "phase_name",
    "tax_type_name",
    "taxation_names",
]

E = TypeVar("E")

#: ``taxationType`` (tag 1055/1062 bits).
TAXATION_TYPE: dict[str, TaxSystem] = {
    "osn": TaxSystem.OSN,
    "usnIncome": TaxSystem.USN_INCOME,
    "usnIncomeOutcome": TaxSystem.USN_INCOME_OUTCOME,
    "envd": TaxSystem.ENVD,
    "esn": TaxSystem.ESHN,
    "patent": TaxSystem.PATENT,
}

#: ``tax.type`` (tag 1199). The first name of each code is the canonical one.
TAX_TYPE: dict[str, VAT] = {
    "vat20": VAT.VAT20,
    "vat10": VAT.VAT10,
    "vat120": VAT.VAT20_120,
    "vat110": VAT.VAT10_110,
    "vat0": VAT.VAT0,
    "none": VAT.NO_VAT,
    "vat5": VAT.VAT5,
    "vat7": VAT.VAT7,
    "vat105": VAT.VAT5_105,
    "vat107": VAT.VAT7_107,
    "vat22": VAT.VAT22,
    "vat122": VAT.VAT22_122,
    # legacy names of FFD codes 1 and 3 (see the module docstring)
    "vat18": VAT.VAT20,
    "vat118": VAT.VAT20_120,
}

#: ``payments[].type`` strings.
PAYMENT_TYPE: dict[str, PaymentType] = {
    "cash": PaymentType.CASH,
    "electronically": PaymentType.ELECTRONIC,
    "prepaid": PaymentType.PREPAID,
    "credit": PaymentType.CREDIT,
    "other": PaymentType.COUNTER_PROVISION,
}
#: The C API's numbers for the same payment types (LIBFPTR_PT_*, reference §3.1).
PAYMENT_TYPE_NUMBERS: dict[int, PaymentType] = {
    0: PaymentType.CASH, 1: PaymentType.ELECTRONIC, 2: PaymentType.PREPAID,
    3: PaymentType.CREDIT, 4: PaymentType.COUNTER_PROVISION,
}

#: ``paymentMethod`` (tag 1214).
PAYMENT_METHOD: dict[str, PaymentMethod] = {
    "fullPrepayment": PaymentMethod.FULL_PREPAYMENT,
    "prepayment": PaymentMethod.PREPAYMENT,
    "advance": PaymentMethod.ADVANCE,
    "fullPayment": PaymentMethod.FULL_PAYMENT,
    "partialPayment": PaymentMethod.PARTIAL_PAYMENT,
    "credit": PaymentMethod.CREDIT,
    "creditPayment": PaymentMethod.CREDIT_PAYMENT,
}

#: ``paymentObject`` (tag 1212), canonical names first, then accepted alternatives.
PAYMENT_OBJECT: dict[str, ItemType] = {
    "commodity": ItemType.COMMODITY,
    "excise": ItemType.EXCISE,
    "job": ItemType.JOB,
    "service": ItemType.SERVICE,
    "gamblingBet": ItemType.GAMBLING_BET,
    "gamblingPrize": ItemType.GAMBLING_PRIZE,
    "lottery": ItemType.LOTTERY,
    "lotteryPrize": ItemType.LOTTERY_PRIZE,
    "intellectualActivity": ItemType.INTELLECTUAL_ACTIVITY,
    "payment": ItemType.PAYMENT,
    "agentCommission": ItemType.AGENT_COMMISSION,
    "composite": ItemType.COMPOSITE,
    "another": ItemType.ANOTHER,
    "proprietaryLaw": ItemType.PROPRIETARY_LAW,
    "nonOperatingIncome": ItemType.NON_OPERATING_INCOME,
    "otherContributions": ItemType.OTHER_CONTRIBUTIONS,
    "merchantTax": ItemType.MERCHANT_TAX,
    "resortFee": ItemType.RESORT_FEE,
    "deposit": ItemType.DEPOSIT,
    "consumption": ItemType.CONSUMPTION,
    "soleProprietorCPIContributions": ItemType.SOLE_PROPRIETOR_CPI_CONTRIBUTIONS,
    "cpiContributions": ItemType.CPI_CONTRIBUTIONS,
    "soleProprietorCMIContributions": ItemType.SOLE_PROPRIETOR_CMI_CONTRIBUTIONS,
    "cmiContributions": ItemType.CMI_CONTRIBUTIONS,
    "csiContributions": ItemType.CSI_CONTRIBUTIONS,
    "casinoPayment": ItemType.CASINO_PAYMENT,
    "fundsIssuance": ItemType.FUNDS_ISSUANCE,
    "exciseWithoutMarking": ItemType.EXCISE_WITHOUT_MARKING,
    "exciseWithMarking": ItemType.EXCISE_WITH_MARKING,
    "commodityWithoutMarking": ItemType.COMMODITY_WITHOUT_MARKING,
    "commodityWithMarking": ItemType.COMMODITY_WITH_MARKING,
    # alternative spellings seen in other sources (reference §3.3 [U])
    "touristTax": ItemType.RESORT_FEE,
    "soleProprietorCpiContributions": ItemType.SOLE_PROPRIETOR_CPI_CONTRIBUTIONS,
    "soleProprietorCmiContributions": ItemType.SOLE_PROPRIETOR_CMI_CONTRIBUTIONS,
}

#: ``measurementUnit`` (tag 2108, FFD 1.2).
MEASUREMENT_UNIT: dict[str, Measure] = {
    "piece": Measure.PIECE,
    "gram": Measure.GRAM,
    "kilogram": Measure.KILOGRAM,
    "ton": Measure.TON,
    "centimeter": Measure.CENTIMETER,
    "decimeter": Measure.DECIMETER,
    "meter": Measure.METER,
    "squareCentimeter": Measure.SQUARE_CENTIMETER,
    "squareDecimeter": Measure.SQUARE_DECIMETER,
    "squareMeter": Measure.SQUARE_METER,
    "milliliter": Measure.MILLILITER,
    "liter": Measure.LITER,
    "cubicMeter": Measure.CUBIC_METER,
    "kilowattHour": Measure.KILOWATT_HOUR,
    "gkal": Measure.GIGACALORIE,
    "day": Measure.DAY,
    "hour": Measure.HOUR,
    "minute": Measure.MINUTE,
    "second": Measure.SECOND,
    "kilobyte": Measure.KILOBYTE,
    "megabyte": Measure.MEGABYTE,
    "gigabyte": Measure.GIGABYTE,
    "terabyte": Measure.TERABYTE,
    "otherUnits": Measure.OTHER,
}

#: ``correctionType`` (tag 1173).
CORRECTION_TYPE: dict[str, CorrectionType] = {
    "self": CorrectionType.SELF,
    "instruction": CorrectionType.BY_ORDER,
}

#: ``agentInfo.agents[]`` / ``organization.agents[]`` (tags 1057/1222).
AGENT_TYPE: dict[str, AgentType] = {
    "bankPayingAgent": AgentType.BANK_PAYING_AGENT,
    "bankPayingSubagent": AgentType.BANK_PAYING_SUBAGENT,
    "payingAgent": AgentType.PAYING_AGENT,
    "payingSubagent": AgentType.PAYING_SUBAGENT,
    "attorney": AgentType.ATTORNEY,
    "commissionAgent": AgentType.COMMISSION_AGENT,
    "another": AgentType.ANOTHER,
}

#: FN life phase (``fnInfo.livePhase``).
FN_PHASE: dict[FNPhase, str] = {
    FNPhase.SETUP: "init",
    FNPhase.READY: "configured",
    FNPhase.FISCAL: "fiscalMode",
    FNPhase.POST_FISCAL: "postFiscalMode",
    FNPhase.ARCHIVE: "accessArchive",
}

#: ``device`` booleans of a registration task → work modes (FN 03h/A3h bytes, tag 1290 in 1.2).
DEVICE_MODES: dict[str, WorkMode] = {
    "encryption": WorkMode.ENCRYPTION, "offlineMode": WorkMode.AUTONOMOUS,
    "autoMode": WorkMode.AUTOMATIC, "service": WorkMode.SERVICES, "bso": WorkMode.BSO,
    "internet": WorkMode.INTERNET, "excise": WorkMode.EXCISE, "gambling": WorkMode.GAMBLING,
    "lottery": WorkMode.LOTTERY, "machineInstallation": WorkMode.PRINTER_IN_AUTOMAT,
    "marking": WorkMode.MARKING, "pawnShop": WorkMode.PAWNSHOP, "insurance": WorkMode.INSURANCE,
    "catering": WorkMode.CATERING, "wholesale": WorkMode.WHOLESALE,
    "vending": WorkMode.VENDING,
}

#: Receipt task types and their settlement sign (tag 1054).
RECEIPT_TASKS: dict[str, OperationType] = {
    "sell": OperationType.SELL,
    "sellReturn": OperationType.SELL_RETURN,
    "buy": OperationType.BUY,
    "buyReturn": OperationType.BUY_RETURN,
}


def lookup(table: Mapping[str, E], value: object, field: str) -> E:
    """The member for ``value`` in ``table``, or a ValidationError listing the valid names."""
    if isinstance(value, str) and value in table:
        return table[value]
    raise ValidationError(f"{value!r} is not one of: {', '.join(table)}", field)


def _first_name(table: Mapping[str, E], member: E) -> str:
    for name, m in table.items():
        if m == member:
            return name
    raise KeyError(member)


def tax_type_name(vat: VAT) -> str:
    """Canonical ``tax.type`` name of a VAT rate (never the legacy ``vat18``/``vat118``)."""
    return _first_name(TAX_TYPE, vat)


def payment_object_name(item_type: ItemType) -> str:
    """Canonical ``paymentObject`` name."""
    return _first_name(PAYMENT_OBJECT, item_type)


def agent_name(agent: AgentType) -> str:
    """ATOL name of one agent role."""
    return _first_name(AGENT_TYPE, agent)


def taxation_names(systems: TaxSystem) -> list[str]:
    """ATOL names of every tax system set in a tag 1062 mask, in bit order."""
    return [name for name, bit in TAXATION_TYPE.items() if bit in systems]


def phase_name(phase: FNPhase) -> str:
    """ATOL ``livePhase`` name of an FN phase."""
    return FN_PHASE[phase]


def measure_from_atol(value: object, field: str) -> Measure | str:
    """``measurementUnit`` as a :class:`Measure` (name or number) or a free-text unit (FFD 1.05)."""
    if isinstance(value, bool):
        raise ValidationError("a unit is a name, a number or a text, not a bool", field)
    if isinstance(value, int):
        try:
            return Measure(value)
        except ValueError:
            codes = ", ".join(str(int(m)) for m in Measure)
            raise ValidationError(f"{value} is not a tag 2108 unit code ({codes})",
                                  field) from None
    if isinstance(value, str):
        return MEASUREMENT_UNIT.get(value, value)
    raise ValidationError(f"{value!r} is not a unit name ({', '.join(MEASUREMENT_UNIT)})", field)
