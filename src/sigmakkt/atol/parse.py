"""ATOL Driver 10 JSON task → typed requests built from the Register's value types.

Field names and enums follow the atol-protocol reference §3.3–§3.5. Every object is checked
strictly: an unknown key, or an ATOL key sigmakkt does not implement, raises
:class:`~sigmakkt.ValidationError` naming the JSON path and what is supported. Nothing here talks
to a device; :mod:`sigmakkt.atol.execute` hands the requests to a Register.

Accepted without effect (documented in docs/atol-json.rst): ``ignoreNonFiscalPrintErrors`` (a
print failure after signing is reported as ``warnings.notPrinted`` anyway), ``department`` and
``piece`` (print-only on ATOL devices), ``tax.sum`` and receipt-level ``taxes`` (the Register
computes VAT sums from the items), ``validateMarkingCodes: false``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sigmakkt.atol import enums as E
from sigmakkt.atol.values import (
    check_fields,
    get_bool,
    get_list,
    get_object,
    get_str,
    parse_date,
    quantity,
    rubles,
)
from sigmakkt.errors import Unsupported, ValidationError
from sigmakkt.register.enums import (
    AgentType,
    CorrectionType,
    FFDVersion,
    OperationType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)
from sigmakkt.register.models import (
    AgentData,
    Buyer,
    Cashier,
    CorrectionBasis,
    Item,
    Payment,
    SupplierData,
)

__all__ = [
    "PRINT_ITEM_TYPES",
    "CorrectionRequest",
    "OperatorRequest",
    "PrintItem",
    "ReceiptRequest",
    "RegistrationRequest",
    "parse_correction",
    "parse_operator",
    "parse_receipt",
    "parse_registration",
]

#: Item types that only print (no fiscal data); sigmakkt accepts them and reports them skipped.
PRINT_ITEM_TYPES = frozenset({"text", "barcode", "pixels", "pictureFromMemory"})

_MARKING = "marked goods (FFD 1.2 marking) are not implemented yet"
_RECEIPT_FIELDS = ("type", "operator", "taxationType", "electronically",
                   "ignoreNonFiscalPrintErrors", "clientInfo", "items", "payments", "taxes",
                   "total", "preItems", "postItems", "validateMarkingCodes")
_RECEIPT_UNSUPPORTED = {
    "paymentsPlace": "the place of settlement is the registered one",
    "paymentsAddress": "the address of settlement is the registered one",
    "machineNumber": "the automat number is the registered one",
    "internet": "the internet flag is a registration parameter",
    "checkSize": "receipt size estimation is not implemented",
    "companyInfo": "the sender e-mail is a registration parameter (sender_email)",
    "agentInfo": "receipt-level agent data is not implemented; give it per item",
    "supplierInfo": "receipt-level supplier data is not implemented; give it per item",
    "operationInfo": "tag 1270 is not implemented",
    "industryInfo": "tag 1261 is not implemented",
    "customParameters": "custom parameters are not implemented",
    "salesNotice": "sales notices are not implemented",
    "paymentsAddInfo": "additional payment info is not implemented",
    "additionalAttribute": "tag 1192 is not implemented",
    "userAttribute": "tag 1084 is not implemented",
}
_POSITION_FIELDS = ("type", "name", "price", "quantity", "amount", "tax", "measurementUnit",
                    "paymentMethod", "paymentObject", "department", "piece", "agentInfo",
                    "supplierInfo")
_POSITION_UNSUPPORTED = {
    "markingCode": _MARKING, "imcParams": _MARKING, "nomenclatureCode": _MARKING,
    "productCodes": _MARKING, "industryInfo": "tag 1260 is not implemented",
    "infoDiscountAmount": "discounts are not implemented; give the discounted price",
    "additionalAttribute": "tag 1191 is not implemented",
    "additionalAttributePrint": "tag 1191 is not implemented",
    "exciseSum": "tag 1229 is not implemented", "countryCode": "tag 1230 is not implemented",
    "customsDeclaration": "tag 1231 is not implemented",
    "userParam3": "user parameters are not implemented",
    "userParam4": "user parameters are not implemented",
    "userParam5": "user parameters are not implemented",
    "userParam6": "user parameters are not implemented",
}
_TEXT_FIELDS = ("type", "text", "alignment", "wrap", "font", "doubleWidth", "doubleHeight",
                "linespacing", "brightness", "storeInJournal")


@dataclass(frozen=True)
class PrintItem:
    """A print-only item (``text``, ``barcode``, ``pixels``, ``pictureFromMemory``)."""

    kind: str
    text: str | None = None
    alignment: str = "left"
    where: str = "items"          # "preItems", "items" or "postItems"


@dataclass(frozen=True)
class ReceiptRequest:
    """A receipt task (sell, sellReturn, buy, buyReturn) in the Register's value types."""

    operation: OperationType
    items: tuple[Item, ...]
    payments: tuple[Payment, ...]
    cashier: Cashier | None = None
    customer: str | None = None
    buyer: Buyer | None = None
    tax_system: TaxSystem | None = None
    electronically: bool = False
    total: Decimal | None = None
    print_items: tuple[PrintItem, ...] = ()


@dataclass(frozen=True)
class CorrectionRequest(ReceiptRequest):
    """A correction receipt task (sellCorrection …): a receipt plus type and basis."""

    correction_type: CorrectionType = CorrectionType.SELF
    basis: CorrectionBasis | None = None


@dataclass(frozen=True)
class OperatorRequest:
    """A task that carries only the optional ``operator`` (openShift, closeShift, reportX …)."""

    cashier: Cashier | None = None
    electronically: bool = False


@dataclass(frozen=True)
class RegistrationRequest:
    """A registration or changeRegistrationParameters task."""

    inn: str | None = None
    rnm: str | None = None
    org_name: str | None = None
    address: str | None = None
    place: str | None = None
    tax_systems: TaxSystem | None = None
    ofd_inn: str | None = None
    ofd_name: str | None = None
    ffd: FFDVersion | None = None
    work_modes: frozenset[WorkMode] = field(default_factory=frozenset)
    fns_site: str | None = None
    sender_email: str | None = None
    kkt_serial: str | None = None
    agents: AgentType = AgentType(0)  # noqa: RUF009 (an immutable flag)
    cashier: Cashier | None = None
    reasons: ReregistrationReason | None = None


# --- receipts --------------------------------------------------------------------------------


def parse_operator(task: dict[str, Any], path: str = "") -> Cashier | None:
    """``operator{name, vatin}`` → :class:`Cashier` (tags 1021/1203)."""
    op = get_object(task, "operator", path)
    if op is None:
        return None
    check_fields(op, f"{path}operator.", ("name", "vatin"))
    name = get_str(op, "name", f"{path}operator.", required=True)
    assert name is not None
    return Cashier(name, get_str(op, "vatin", f"{path}operator."))


def _tax_system(task: dict[str, Any]) -> TaxSystem | None:
    value = task.get("taxationType")
    return None if value is None else E.lookup(E.TAXATION_TYPE, value, "taxationType")


def _agent(obj: dict[str, Any], path: str) -> AgentData:
    check_fields(obj, path, ("agents", "payingAgent", "receivePaymentsOperator",
                             "moneyTransferOperator"))
    names = get_list(obj, "agents", path)
    if len(names) != 1:
        raise ValidationError("an item has exactly one agent role", f"{path}agents")
    role = E.lookup(E.AGENT_TYPE, names[0], f"{path}agents[0]")
    paying = get_object(obj, "payingAgent", path) or {}
    check_fields(paying, f"{path}payingAgent.", ("operation", "phones"))
    receive = get_object(obj, "receivePaymentsOperator", path) or {}
    check_fields(receive, f"{path}receivePaymentsOperator.", ("phones",))
    transfer = get_object(obj, "moneyTransferOperator", path) or {}
    tpath = f"{path}moneyTransferOperator."
    check_fields(transfer, tpath, ("phones", "name", "address", "vatin"))
    return AgentData(
        role, operation=get_str(paying, "operation", f"{path}payingAgent."),
        phones=get_list(paying, "phones", f"{path}payingAgent."),
        receiver_phones=get_list(receive, "phones", f"{path}receivePaymentsOperator."),
        transfer_operator_phones=get_list(transfer, "phones", tpath),
        transfer_operator_name=get_str(transfer, "name", tpath),
        transfer_operator_address=get_str(transfer, "address", tpath),
        transfer_operator_inn=get_str(transfer, "vatin", tpath))


def _supplier(obj: dict[str, Any], path: str) -> SupplierData:
    check_fields(obj, path, ("phones", "name", "vatin"))
    return SupplierData(get_str(obj, "vatin", path), get_str(obj, "name", path),
                        get_list(obj, "phones", path))


def _position(obj: dict[str, Any], path: str) -> Item:
    check_fields(obj, path, _POSITION_FIELDS, _POSITION_UNSUPPORTED)
    name = get_str(obj, "name", path, required=True)
    assert name is not None
    for key in ("price", "quantity", "tax"):
        if key not in obj:
            raise ValidationError("is required", f"{path}{key}")
    price = rubles(obj["price"], f"{path}price", allow_zero=True)
    qty = quantity(obj["quantity"], f"{path}quantity")
    tax = obj["tax"]
    if not isinstance(tax, dict):
        raise ValidationError("expected an object {type, sum?}", f"{path}tax")
    check_fields(tax, f"{path}tax.", ("type", "sum"))
    vat = E.lookup(E.TAX_TYPE, tax.get("type"), f"{path}tax.type")
    if "sum" in tax:
        rubles(tax["sum"], f"{path}tax.sum", allow_zero=True)   # checked, then recomputed
    kwargs: dict[str, Any] = {}
    if "measurementUnit" in obj:
        kwargs["measure"] = E.measure_from_atol(obj["measurementUnit"],
                                                f"{path}measurementUnit")
    if "paymentMethod" in obj:
        kwargs["payment_method"] = E.lookup(E.PAYMENT_METHOD, obj["paymentMethod"],
                                            f"{path}paymentMethod")
    if "paymentObject" in obj:
        kwargs["item_type"] = E.lookup(E.PAYMENT_OBJECT, obj["paymentObject"],
                                       f"{path}paymentObject")
    agent = get_object(obj, "agentInfo", path)
    if agent is not None:
        kwargs["agent"] = _agent(agent, f"{path}agentInfo.")
    supplier = get_object(obj, "supplierInfo", path)
    if supplier is not None:
        kwargs["supplier"] = _supplier(supplier, f"{path}supplierInfo.")
    if "department" in obj and (isinstance(obj["department"], bool)
                                or not isinstance(obj["department"], int)):
        raise ValidationError("expected an integer", f"{path}department")
    get_bool(obj, "piece", path)
    item = Item(name, price, qty, vat=vat, **kwargs)
    if "amount" in obj:
        amount = rubles(obj["amount"], f"{path}amount", allow_zero=True)
        if amount != item.total:
            raise ValidationError(
                f"{amount} differs from price × quantity = {item.total}; discounts are not "
                "supported, give the discounted price", f"{path}amount")
    return item


def _print_item(obj: dict[str, Any], path: str, where: str) -> PrintItem:
    kind = obj.get("type")
    if kind == "text":
        check_fields(obj, path, _TEXT_FIELDS)
        text = get_str(obj, "text", path, required=True)
        align = get_str(obj, "alignment", path) or "left"
        if align not in ("left", "center", "right"):
            raise ValidationError(f"{align!r} is not one of: left, center, right",
                                  f"{path}alignment")
        return PrintItem("text", text, align, where)
    return PrintItem(str(kind), None, "left", where)


def _items(task: dict[str, Any]) -> tuple[list[Item], list[PrintItem]]:
    items: list[Item] = []
    prints: list[PrintItem] = []
    for where in ("preItems", "items", "postItems"):
        for i, obj in enumerate(get_list(task, where, "")):
            path = f"{where}[{i}]."
            if not isinstance(obj, dict):
                raise ValidationError("expected an object", path.rstrip("."))
            kind = obj.get("type")
            if kind == "position" and where == "items":
                items.append(_position(obj, path))
            elif kind in PRINT_ITEM_TYPES:
                prints.append(_print_item(obj, path, where))
            else:
                allowed = (["position"] if where == "items" else []) + sorted(PRINT_ITEM_TYPES)
                raise Unsupported(f"item type {kind!r} is not supported here; supported: "
                                      f"{', '.join(allowed)}", f"{path}type")
    if not items:
        raise ValidationError("a receipt needs at least one item of type 'position'", "items")
    return items, prints


def _payments(task: dict[str, Any]) -> list[Payment]:
    out: list[Payment] = []
    for i, obj in enumerate(get_list(task, "payments", "")):
        path = f"payments[{i}]."
        if not isinstance(obj, dict):
            raise ValidationError("expected an object {type, sum}", path.rstrip("."))
        check_fields(obj, path, ("type", "sum"), {"printItems": "not implemented"})
        kind = obj.get("type")
        if isinstance(kind, int) and not isinstance(kind, bool):
            if kind not in E.PAYMENT_TYPE_NUMBERS:
                raise Unsupported(f"payment type {kind} is not supported; use 0–4 or "
                                      f"one of: {', '.join(E.PAYMENT_TYPE)}", f"{path}type")
            ptype = E.PAYMENT_TYPE_NUMBERS[kind]
        else:
            ptype = E.lookup(E.PAYMENT_TYPE, kind, f"{path}type")
        if "sum" not in obj:
            raise ValidationError("is required", f"{path}sum")
        out.append(Payment(ptype, rubles(obj["sum"], f"{path}sum")))
    if not out:
        raise ValidationError("a receipt needs at least one payment", "payments")
    return out


def _client(task: dict[str, Any]) -> tuple[str | None, Buyer | None]:
    info = get_object(task, "clientInfo", "")
    if info is None:
        return None, None
    check_fields(info, "clientInfo.", ("emailOrPhone", "name", "vatin"), {
        k: "buyer identity documents (FFD 1.2 tag 1256) are not implemented"
        for k in ("birthDate", "citizenship", "identityDocumentCode", "identityDocumentData",
                  "address")})
    contact = get_str(info, "emailOrPhone", "clientInfo.")
    name = get_str(info, "name", "clientInfo.")
    inn = get_str(info, "vatin", "clientInfo.")
    buyer = Buyer(name, inn) if name is not None or inn is not None else None
    return contact, buyer


def _receipt_fields(task: dict[str, Any], operation: OperationType) -> dict[str, Any]:
    if task.get("validateMarkingCodes") not in (None, False):
        raise Unsupported(_MARKING, "validateMarkingCodes")
    for i, tax in enumerate(get_list(task, "taxes", "")):
        if not isinstance(tax, dict):
            raise ValidationError("expected an object {type, sum}", f"taxes[{i}]")
        check_fields(tax, f"taxes[{i}].", ("type", "sum"))
        E.lookup(E.TAX_TYPE, tax.get("type"), f"taxes[{i}].type")
        rubles(tax.get("sum", 0), f"taxes[{i}].sum", allow_zero=True)
    get_bool(task, "ignoreNonFiscalPrintErrors", "")
    items, prints = _items(task)
    customer, buyer = _client(task)
    electronically = get_bool(task, "electronically", "")
    if electronically and not customer:
        raise ValidationError("an electronic receipt needs the buyer's phone or e-mail "
                              "(54-FZ)", "clientInfo.emailOrPhone")
    total = None
    if "total" in task:
        total = rubles(task["total"], "total", allow_zero=True)
        computed = sum((item.total for item in items), Decimal("0.00"))
        if total != computed:
            raise ValidationError(f"{total} differs from the sum of the items, {computed}",
                                  "total")
    return {"operation": operation, "items": tuple(items), "payments": tuple(_payments(task)),
            "cashier": parse_operator(task), "customer": customer, "buyer": buyer,
            "tax_system": _tax_system(task), "electronically": electronically, "total": total,
            "print_items": tuple(prints)}


def parse_receipt(task: dict[str, Any]) -> ReceiptRequest:
    """A ``sell`` / ``sellReturn`` / ``buy`` / ``buyReturn`` task."""
    operation = E.lookup(E.RECEIPT_TASKS, task.get("type"), "type")
    check_fields(task, "", _RECEIPT_FIELDS, _RECEIPT_UNSUPPORTED)
    return ReceiptRequest(**_receipt_fields(task, operation))


#: Correction task types and the operation they correct.
CORRECTION_TASKS: dict[str, OperationType] = {
    "sellCorrection": OperationType.SELL,
    "sellReturnCorrection": OperationType.SELL_RETURN,
    "buyCorrection": OperationType.BUY,
    "buyReturnCorrection": OperationType.BUY_RETURN,
}


def parse_correction(task: dict[str, Any]) -> CorrectionRequest:
    """A correction task: FFD 1.2 form (``correctionType``, ``correctionBaseDate``,
    ``correctionBaseNumber``) or the FFD 1.05 ``correctionInfo{type, baseDate, baseNumber,
    baseName}`` object."""
    operation = E.lookup(CORRECTION_TASKS, task.get("type"), "type")
    check_fields(task, "", (*_RECEIPT_FIELDS, "correctionType", "correctionBaseDate",
                            "correctionBaseNumber", "correctionInfo"), _RECEIPT_UNSUPPORTED)
    info = get_object(task, "correctionInfo", "")
    if info is not None:
        check_fields(info, "correctionInfo.", ("type", "baseDate", "baseNumber", "baseName"))
        ctype = E.lookup(E.CORRECTION_TYPE, info.get("type"), "correctionInfo.type")
        date = parse_date(info.get("baseDate"), "correctionInfo.baseDate")
        basis = CorrectionBasis(date, get_str(info, "baseNumber", "correctionInfo."),
                                get_str(info, "baseName", "correctionInfo."))
    else:
        ctype = E.lookup(E.CORRECTION_TYPE, task.get("correctionType"), "correctionType")
        date = parse_date(task.get("correctionBaseDate"), "correctionBaseDate")
        basis = CorrectionBasis(date, get_str(task, "correctionBaseNumber", ""))
    if ctype is CorrectionType.BY_ORDER and not basis.number:
        raise ValidationError("a correction by instruction needs the order's number",
                              "correctionBaseNumber")
    return CorrectionRequest(**_receipt_fields(task, operation), correction_type=ctype,
                             basis=basis)


def parse_operator_task(task: dict[str, Any], extra: tuple[str, ...] = ()) -> OperatorRequest:
    """A task that takes only ``operator`` (and ``electronically``) besides ``type``."""
    check_fields(task, "", ("type", "operator", "electronically", *extra))
    return OperatorRequest(parse_operator(task), get_bool(task, "electronically", ""))


# --- registration ----------------------------------------------------------------------------

#: Accepted spellings of ``device.ffdVersion`` [U: ATOL docs not at hand; "1.05"/"1.2" and the
#: driver's numeric forms 105/120 are all accepted].
FFD_NAMES: dict[str, FFDVersion] = {
    "1.05": FFDVersion.FFD_105, "105": FFDVersion.FFD_105, "ffd105": FFDVersion.FFD_105,
    "1.2": FFDVersion.FFD_12, "120": FFDVersion.FFD_12, "ffd120": FFDVersion.FFD_12,
}
#: ``reasons[]`` of changeRegistrationParameters (tag 1205 bits). sigmakkt's own names: the
#: reference gives no ATOL spelling for them [U].
REASONS: dict[str, ReregistrationReason] = {
    "ofdChange": ReregistrationReason.OFD_CHANGED,
    "userNameChange": ReregistrationReason.USER_NAME_CHANGED,
    "addressChange": ReregistrationReason.ADDRESS_OR_PLACE_CHANGED,
    "autonomousToOnline": ReregistrationReason.AUTONOMOUS_TO_ONLINE,
    "onlineToAutonomous": ReregistrationReason.ONLINE_TO_AUTONOMOUS,
    "kktVersionChange": ReregistrationReason.KKT_VERSION_CHANGED,
    "taxationTypesChange": ReregistrationReason.TAX_SYSTEMS_CHANGED,
    "machineNumberChange": ReregistrationReason.AUTOMAT_NUMBER_CHANGED,
    "other": ReregistrationReason.OTHER,
}


def parse_registration(task: dict[str, Any], *, change: bool = False) -> RegistrationRequest:
    """A ``registration`` (or, with ``change``, ``changeRegistrationParameters``) task."""
    top = ("type", "operator", "organization", "device", "ofd") + (("reasons",) if change else ())
    check_fields(task, "", top, {"ism": "marking (ISM) settings are not implemented"})
    org = get_object(task, "organization", "") or {}
    check_fields(org, "organization.", ("name", "vatin", "email", "taxationTypes", "address",
                                        "agents"))
    dev = get_object(task, "device", "") or {}
    check_fields(dev, "device.", ("registrationNumber", "fnsUrl", "paymentsAddress",
                                  "ffdVersion", "serialNumber", *E.DEVICE_MODES),
                 {"ofdChannel": "the OFD channel is chosen by the connection, not the FN",
                  "machineNumber": "the automat number is not implemented",
                  "defaultTaxationType": "no default tax system is stored"})
    ofd = get_object(task, "ofd", "") or {}
    check_fields(ofd, "ofd.", ("name", "vatin", "host", "port", "dns"))
    systems = None
    names = get_list(org, "taxationTypes", "organization.")
    if names:
        systems = TaxSystem(0)
        for i, name in enumerate(names):
            systems |= E.lookup(E.TAXATION_TYPE, name, f"organization.taxationTypes[{i}]")
    ffd = None
    if "ffdVersion" in dev:
        raw = dev["ffdVersion"]
        ffd = E.lookup(FFD_NAMES, str(raw) if isinstance(raw, int | str) else raw,
                       "device.ffdVersion")
    modes = frozenset(mode for key, mode in E.DEVICE_MODES.items()
                      if get_bool(dev, key, "device."))
    agents = AgentType(0)
    for i, a in enumerate(get_list(org, "agents", "organization.")):
        agents |= E.lookup(E.AGENT_TYPE, a, f"organization.agents[{i}]")
    reasons = None
    if change:
        reasons = ReregistrationReason(0)
        for i, name in enumerate(get_list(task, "reasons", "")):
            reasons |= E.lookup(REASONS, name, f"reasons[{i}]")
    return RegistrationRequest(
        inn=get_str(org, "vatin", "organization."),
        rnm=get_str(dev, "registrationNumber", "device."),
        org_name=get_str(org, "name", "organization."),
        address=get_str(org, "address", "organization."),
        place=get_str(dev, "paymentsAddress", "device."),
        tax_systems=systems, ofd_inn=get_str(ofd, "vatin", "ofd."),
        ofd_name=get_str(ofd, "name", "ofd."), ffd=ffd, work_modes=modes,
        fns_site=get_str(dev, "fnsUrl", "device."),
        sender_email=get_str(org, "email", "organization."), agents=agents,
        kkt_serial=get_str(dev, "serialNumber", "device."),
        cashier=parse_operator(task), reasons=reasons)


def task_date(value: dt.date) -> str:
    """A date in the task form ``yyyy.mm.dd``."""
    return value.strftime("%Y.%m.%d")
