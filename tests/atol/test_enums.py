"""ATOL enum tables pinned to the FFD codes (atol-protocol reference §3.3, FFD tag tables)."""

from __future__ import annotations

import pytest

from sigmakkt.atol import enums as E
from sigmakkt.errors import ValidationError
from sigmakkt.register.enums import VAT, FNPhase, ItemType, Measure, PaymentType, TaxSystem


def test_tax_types_map_to_tag_1199_codes() -> None:
    codes = {name: int(vat) for name, vat in E.TAX_TYPE.items()}
    assert codes == {"vat20": 1, "vat10": 2, "vat120": 3, "vat110": 4, "vat0": 5, "none": 6,
                     "vat5": 7, "vat7": 8, "vat105": 9, "vat107": 10, "vat22": 11,
                     "vat122": 12, "vat18": 1, "vat118": 3}
    # results never use the legacy names
    assert [E.tax_type_name(v) for v in VAT] == [
        "vat20", "vat10", "vat120", "vat110", "vat0", "none", "vat5", "vat7", "vat105",
        "vat107", "vat22", "vat122"]


def test_payment_objects_are_tag_1212_codes_with_both_spellings() -> None:
    canonical = list(E.PAYMENT_OBJECT)[:31]
    assert [int(E.PAYMENT_OBJECT[n]) for n in canonical] == [*range(1, 28), 30, 31, 32, 33]
    assert E.PAYMENT_OBJECT["touristTax"] is E.PAYMENT_OBJECT["resortFee"] is ItemType(18)
    assert E.PAYMENT_OBJECT["soleProprietorCpiContributions"] is ItemType(21)
    assert E.PAYMENT_OBJECT["soleProprietorCMIContributions"] is ItemType(23)
    assert E.payment_object_name(ItemType.RESORT_FEE) == "resortFee"


def test_payment_methods_types_and_taxation() -> None:
    assert [int(E.PAYMENT_METHOD[n]) for n in (
        "fullPrepayment", "prepayment", "advance", "fullPayment", "partialPayment", "credit",
        "creditPayment")] == [1, 2, 3, 4, 5, 6, 7]
    assert {n: p.value for n, p in E.PAYMENT_TYPE.items()} == {
        "cash": 1031, "electronically": 1081, "prepaid": 1215, "credit": 1216, "other": 1217}
    assert E.PAYMENT_TYPE_NUMBERS[1] is PaymentType.ELECTRONIC
    assert {n: int(t) for n, t in E.TAXATION_TYPE.items()} == {
        "osn": 1, "usnIncome": 2, "usnIncomeOutcome": 4, "envd": 8, "esn": 16, "patent": 32}
    assert E.taxation_names(TaxSystem.OSN | TaxSystem.PATENT) == ["osn", "patent"]


def test_measurement_units_by_name_number_or_free_text() -> None:
    assert {n: int(m) for n, m in E.MEASUREMENT_UNIT.items()} == {
        "piece": 0, "gram": 10, "kilogram": 11, "ton": 12, "centimeter": 20, "decimeter": 21,
        "meter": 22, "squareCentimeter": 30, "squareDecimeter": 31, "squareMeter": 32,
        "milliliter": 40, "liter": 41, "cubicMeter": 42, "kilowattHour": 50, "gkal": 51,
        "day": 70, "hour": 71, "minute": 72, "second": 73, "kilobyte": 80, "megabyte": 81,
        "gigabyte": 82, "terabyte": 83, "otherUnits": 255}
    assert E.measure_from_atol("kilogram", "u") is Measure.KILOGRAM
    assert E.measure_from_atol(11, "u") is Measure.KILOGRAM
    assert E.measure_from_atol("шт", "u") == "шт"
    with pytest.raises(ValidationError, match="unit code"):
        E.measure_from_atol(5, "u")
    with pytest.raises(ValidationError):
        E.measure_from_atol(True, "u")


def test_phase_correction_and_lookup_errors() -> None:
    assert [E.phase_name(p) for p in FNPhase] == [
        "init", "configured", "fiscalMode", "postFiscalMode", "accessArchive"]
    assert int(E.CORRECTION_TYPE["self"]) == 0 and int(E.CORRECTION_TYPE["instruction"]) == 1
    with pytest.raises(ValidationError) as err:
        E.lookup(E.TAX_TYPE, "vat21", "items[0].tax.type")
    assert err.value.field == "items[0].tax.type"
    assert "vat20" in str(err.value) and "vat122" in str(err.value)
