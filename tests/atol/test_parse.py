"""Task JSON → typed requests: field names, enums, strictness (unknown / unsupported fields)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from sigmakkt.atol import parse as P
from sigmakkt.errors import Unsupported, ValidationError
from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FFDVersion,
    ItemType,
    Measure,
    OperationType,
    PaymentMethod,
    PaymentType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)

from .sample_tasks import SELL_35


def sell() -> dict[str, Any]:
    task: dict[str, Any] = json.loads(SELL_35)
    return task


def test_sell_example_maps_to_register_values() -> None:
    req = P.parse_receipt(sell())
    assert req.operation is OperationType.SELL
    (item,) = req.items
    assert (item.name, item.price, item.quantity, item.vat) == (
        "Молоко 1 л", Decimal("89.90"), Decimal(2), VAT.VAT20)
    assert (item.measure, item.payment_method, item.item_type) == (
        Measure.PIECE, PaymentMethod.FULL_PAYMENT, ItemType.COMMODITY)
    assert [(p.type, p.sum) for p in req.payments] == [(PaymentType.ELECTRONIC,
                                                        Decimal("179.80"))]
    assert req.cashier is not None and req.cashier.name == "Иванов И.И."
    assert req.cashier.inn == "123654789507"
    assert req.customer == "+79001234567" and req.buyer is None
    assert req.tax_system is TaxSystem.OSN and req.electronically is False
    assert req.total == Decimal("179.80")
    assert req.print_items == (P.PrintItem("text", "Спасибо за покупку", "center", "items"),)


@pytest.mark.parametrize(("path", "value", "error", "match"), [
    (("items", 0, "discountX"), 1, ValidationError, "supported here:"),
    (("bogus",), 1, ValidationError, "supported here:"),
    (("items", 0, "markingCode"), {"mark": "x"}, Unsupported, "marking"),
    (("paymentsAddress",), "x", Unsupported, "registered"),
    (("items", 0, "tax", "type"), "vat19", ValidationError, "vat20"),
    (("items", 0, "paymentObject"), "goods", ValidationError, "commodity"),
    (("items", 0, "amount"), 179.70, ValidationError, "discounts are not supported"),
    (("items", 0, "price"), 89.901, ValidationError, "more than 2 decimals"),
    (("total",), 179.00, ValidationError, "sum of the items"),
    (("payments", 0, "type"), "bitcoin", ValidationError, "electronically"),
    (("payments", 0, "type"), 7, Unsupported, "0–4"),
    (("items", 1, "type"), "userAttribute", Unsupported, "position"),
    (("clientInfo", "birthDate"), "01.01.1990", Unsupported, "1256"),
    (("operator", "name"), None, ValidationError, "required"),
])
def test_bad_fields_are_refused_by_path(path: tuple[Any, ...], value: Any,
                                        error: type[Exception], match: str) -> None:
    task = sell()
    target: Any = task
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(error, match=match) as err:
        P.parse_receipt(task)
    assert isinstance(err.value, ValidationError)
    field = ".".join(str(k) for k in path).replace(".0.", "[0].").replace(".1.", "[1].")
    assert err.value.field is not None and err.value.field.startswith(field.split(".")[0])


def test_electronic_receipt_needs_a_contact() -> None:
    task = sell()
    task["electronically"] = True
    assert P.parse_receipt(copy.deepcopy(task)).electronically
    del task["clientInfo"]
    with pytest.raises(ValidationError, match="54-FZ"):
        P.parse_receipt(task)


def test_item_options_agent_supplier_and_numeric_units() -> None:
    task = sell()
    item = task["items"][0]
    item.update({"measurementUnit": 11, "paymentObject": "touristTax",
                 "paymentMethod": "advance", "tax": {"type": "vat118", "sum": 29.97},
                 "agentInfo": {"agents": ["commissionAgent"]},
                 "supplierInfo": {"name": "ООО Поставщик", "vatin": "7707083893",
                                  "phones": ["+79990000001"]}})
    task["clientInfo"] = {"emailOrPhone": "a@b.ru", "name": "ООО Покупатель",
                          "vatin": "7707083893"}
    req = P.parse_receipt(task)
    it = req.items[0]
    assert it.measure is Measure.KILOGRAM and it.item_type is ItemType.RESORT_FEE
    assert it.payment_method is PaymentMethod.ADVANCE and it.vat is VAT.VAT20_120
    assert it.agent is not None and it.agent.agent_type is AgentType.COMMISSION_AGENT
    assert it.supplier is not None and it.supplier.phones == ("+79990000001",)
    assert req.buyer is not None and req.buyer.name == "ООО Покупатель"


def test_other_receipt_types_and_missing_items() -> None:
    for kind, op in (("sellReturn", OperationType.SELL_RETURN), ("buy", OperationType.BUY),
                     ("buyReturn", OperationType.BUY_RETURN)):
        task = sell()
        task["type"] = kind
        assert P.parse_receipt(task).operation is op
    task = sell()
    task["items"] = task["items"][1:]
    with pytest.raises(ValidationError, match="at least one item"):
        P.parse_receipt(task)


def test_corrections_in_both_forms() -> None:
    task = sell()
    task.update(type="buyCorrection", correctionType="instruction",
                correctionBaseDate="2026.01.10", correctionBaseNumber="ЕД-7-1")
    req = P.parse_correction(task)
    assert req.operation is OperationType.BUY
    assert req.correction_type is CorrectionType.BY_ORDER
    assert req.basis is not None and req.basis.date == dt.date(2026, 1, 10)
    assert req.basis.number == "ЕД-7-1"
    old = sell()
    old.update(type="sellReturnCorrection",
               correctionInfo={"type": "self", "baseDate": "2026.02.01", "baseName": "акт"})
    req = P.parse_correction(old)
    assert req.operation is OperationType.SELL_RETURN
    assert req.basis is not None and req.basis.name == "акт" and req.basis.number is None
    del task["correctionBaseNumber"]
    with pytest.raises(ValidationError, match="order's number"):
        P.parse_correction(task)


def test_registration_fields() -> None:
    req = P.parse_registration({
        "type": "registration", "operator": {"name": "Иванов И.И."},
        "organization": {"name": "ООО Тест", "vatin": "7707083893", "email": "a@b.ru",
                         "taxationTypes": ["osn", "usnIncome"], "address": "Москва"},
        "device": {"registrationNumber": "0000000001023748", "paymentsAddress": "Магазин",
                   "fnsUrl": "www.nalog.gov.ru", "ffdVersion": "1.2", "internet": True,
                   "service": True, "serialNumber": "0000000000001234"},
        "ofd": {"name": "ОФД", "vatin": "7704358518", "host": "ofd.ru", "port": 7777}})
    assert (req.inn, req.rnm, req.org_name, req.address, req.place) == (
        "7707083893", "0000000001023748", "ООО Тест", "Москва", "Магазин")
    assert req.tax_systems == TaxSystem.OSN | TaxSystem.USN_INCOME
    assert req.ffd is FFDVersion.FFD_12 and req.kkt_serial == "0000000000001234"
    assert req.work_modes == {WorkMode.INTERNET, WorkMode.SERVICES}
    assert (req.ofd_inn, req.ofd_name, req.sender_email) == ("7704358518", "ОФД", "a@b.ru")
    change = P.parse_registration({"type": "changeRegistrationParameters",
                                   "reasons": ["addressChange", "ofdChange"],
                                   "organization": {"address": "Тверь"}}, change=True)
    assert change.reasons == (ReregistrationReason.ADDRESS_OR_PLACE_CHANGED
                              | ReregistrationReason.OFD_CHANGED)
    with pytest.raises(Unsupported, match="OFD channel"):
        P.parse_registration({"type": "registration", "device": {"ofdChannel": "usb"}})
    with pytest.raises(ValidationError, match="reasons"):
        P.parse_registration({"type": "registration", "reasons": []})
