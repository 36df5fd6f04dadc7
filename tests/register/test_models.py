"""Value types and results: enum codes pinned to the FFD, constructors, result dataclasses, QR."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from sigmakkt import DecodeError, ValidationError
from sigmakkt.protocol.ffd import ReceiptQR, values
from sigmakkt.protocol.ffd.values import VATRate
from sigmakkt.protocol.fn import enums as fn_enums
from sigmakkt.register import (
    VAT,
    CorrectionBasis,
    CorrectionResult,
    FFDVersion,
    FNWarning,
    Item,
    ItemType,
    Measure,
    OperationType,
    PaperStatus,
    Payment,
    PaymentMethod,
    PaymentType,
    ReceiptResult,
    ReregistrationReason,
    TaxSystem,
)
from sigmakkt.register.enums import tax_system_label, vat_is_calculated, vat_label, vat_percent


def test_vat_and_tax_system_are_the_protocol_enums() -> None:
    assert VAT is VATRate
    assert TaxSystem is fn_enums.TaxSystem


def test_one_definition_per_ffd_value_list() -> None:
    """The Register, the FN protocol and the tag values share each enum (no parallel copies)."""
    assert (OperationType, PaymentMethod, ItemType, Measure, FFDVersion, ReregistrationReason) == (
        values.OperationType, values.PaymentMethod, values.ItemType, values.Measure,
        values.FFDVersion, values.ReregistrationReason)
    assert (fn_enums.OperationType, fn_enums.FFDVersion, fn_enums.DocumentType,
            fn_enums.ReregistrationReason) == (values.OperationType, values.FFDVersion,
                                               values.DocumentType, values.ReregistrationReason)
    assert FFDVersion.FFD_105 == 2 and FFDVersion.FFD_12 == 4 and FFDVersion.NOT_SET == 0


def test_vat_codes_match_ffd_table() -> None:
    assert {m.name: m.value for m in VAT} == {
        "VAT20": 1, "VAT10": 2, "VAT20_120": 3, "VAT10_110": 4, "VAT0": 5, "NO_VAT": 6,
        "VAT5": 7, "VAT7": 8, "VAT5_105": 9, "VAT7_107": 10, "VAT22": 11, "VAT22_122": 12}
    assert vat_percent(VAT.VAT22_122) == 22 and vat_percent(VAT.NO_VAT) == 0
    assert vat_is_calculated(VAT.VAT5_105) and not vat_is_calculated(VAT.VAT5)
    assert vat_label(VAT.VAT20_120) == "НДС 20/120"


def test_other_codes_match_ffd_tables() -> None:
    assert [int(m) for m in OperationType] == [1, 2, 3, 4]
    assert [int(m) for m in PaymentMethod] == [1, 2, 3, 4, 5, 6, 7]
    assert ItemType.COMMODITY == 1 and ItemType.EXCISE == 2 and ItemType.SERVICE == 4
    assert ItemType.COMMODITY_WITH_MARKING == 33
    assert Measure.PIECE == 0 and Measure.KILOGRAM == 11 and Measure.OTHER == 255
    assert [p.value for p in PaymentType] == [1031, 1081, 1215, 1216, 1217]
    assert tax_system_label(TaxSystem.OSN | TaxSystem.USN_INCOME) == "ОСН, УСН доход"


def test_ffd_version_parse() -> None:
    assert FFDVersion.parse("1.2") is FFDVersion.FFD_12
    assert FFDVersion.parse("1.05") is FFDVersion.FFD_105
    assert FFDVersion.FFD_12.value == 4
    with pytest.raises(ValidationError) as exc:
        FFDVersion.parse("1.1")
    assert exc.value.field == "ffd"


def test_reregistration_reason_ffd105_byte() -> None:
    assert ReregistrationReason.FN_REPLACED.ffd105_code() == 1
    assert ReregistrationReason.OFD_CHANGED.ffd105_code() == 2
    assert ReregistrationReason.ADDRESS_OR_PLACE_CHANGED.ffd105_code() == 3
    assert ReregistrationReason.KKT_VERSION_CHANGED.ffd105_code() == 4


def test_item_is_frozen_and_keeps_normalised_values() -> None:
    item = Item("Сыр", "500", "0.250", vat=VAT.VAT10, measure=Measure.KILOGRAM,
                payment_method=PaymentMethod.ADVANCE, item_type=ItemType.SERVICE)
    assert (item.price, item.quantity, item.measure_label) == (Decimal("500.00"),
                                                               Decimal("0.25"), "кг")
    assert item.total == Decimal("125.00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.price = Decimal(1)  # type: ignore[misc]
    assert Item("Доска", "1", vat=VAT.NO_VAT, measure="пог.м").measure_label == "пог.м"
    assert item == Item("Сыр", Decimal("500.00"), Decimal("0.25"), vat=2,
                        measure=Measure.KILOGRAM, payment_method=PaymentMethod.ADVANCE,
                        item_type=ItemType.SERVICE)


def test_item_refuses_wrong_enum_types() -> None:
    with pytest.raises(ValidationError) as exc:
        Item("Сыр", "1", vat=VAT.VAT10, payment_method=4)  # type: ignore[arg-type]
    assert exc.value.field == "payment_method"
    with pytest.raises(ValidationError) as exc:
        Item("Сыр", "1", vat=VAT.VAT10, measure=11)  # type: ignore[arg-type]
    assert exc.value.field == "measure"


def test_payment_constructors() -> None:
    assert [p.type for p in (Payment.cash(1), Payment.electronic(1), Payment.prepaid(1),
                             Payment.credit(1), Payment.counter_provision(1))] == list(PaymentType)
    assert Payment.electronic("10.5").sum == Decimal("10.50")


def test_correction_basis_accepts_datetime_and_checks_number() -> None:
    basis = CorrectionBasis(dt.datetime(2026, 11, 30, 10, 0), number="1")
    assert basis.date == dt.date(2026, 11, 30)
    with pytest.raises(ValidationError):
        CorrectionBasis("2026-11-30")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        CorrectionBasis(dt.date(2026, 1, 1), number="N" * 33)


def test_results_are_typed_dataclasses() -> None:
    when = dt.datetime(2026, 12, 4, 16, 30)
    r = ReceiptResult(fiscal_document_number=71, fiscal_sign=1494325660, datetime=when,
                      fn_number="9999078900000961", printed=True, receipt_number=12,
                      shift_number=3, total=Decimal("179.80"), qr="t=…")
    assert r.print_error is None and r.operation is OperationType.SELL
    c = CorrectionResult(fiscal_document_number=72, fiscal_sign=1, datetime=when,
                         fn_number="9999078900000961", printed=False, print_error="paper out")
    assert isinstance(c, ReceiptResult) and not c.printed
    assert PaperStatus(paper_present=True).ready
    assert not PaperStatus(paper_present=True, cover_open=True).ready
    assert FNWarning.OFD_TIMEOUT in FNWarning(8)


def test_qr_payload_round_trip_and_seconds() -> None:
    payload = ReceiptQR(dt.datetime(2015, 7, 20, 16, 38), 999999900, "000110000105", 12345678,
                        123456, OperationType.SELL_RETURN).build()
    # the example of the tax-service requirements, item 62
    assert payload == "t=20150720T1638&s=9999999.00&fn=000110000105&i=12345678&fp=123456&n=2"
    parsed = ReceiptQR.parse("t=20220315T123045&s=1250.5&fn=9999078900004312&i=1&fp=7&n=1")
    assert parsed.when == dt.datetime(2022, 3, 15, 12, 30, 45)
    assert parsed.total == 125050
    with pytest.raises(DecodeError):
        ReceiptQR.parse("t=2022&s=x")


def test_work_modes_map_to_fn_bytes() -> None:
    from sigmakkt.register import WorkMode
    from sigmakkt.register.enums import work_mode_flags
    mode, ext = work_mode_flags({WorkMode.INTERNET, WorkMode.SERVICES, WorkMode.MARKING,
                                 WorkMode.EXCISE}, FFDVersion.FFD_12)
    assert (int(mode), int(ext)) == (0x20 | 0x08, 0x10 | 0x01)   # S2 Tables 38, 51
    mode, ext = work_mode_flags({WorkMode.AUTONOMOUS, WorkMode.LOTTERY}, FFDVersion.FFD_105)
    assert (int(mode), int(ext)) == (0x02, 0x04)
    with pytest.raises(ValidationError, match=r"FFD 1\.2"):
        work_mode_flags({WorkMode.CATERING}, FFDVersion.FFD_105)
