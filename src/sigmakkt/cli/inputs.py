"""Reading the CLI's input files: sigmakkt's simple sale JSON and registration TOML/JSON.

Sale file (``sigmakkt sell FILE`` / ``refund FILE``)::

    {"cashier": {"name": "Иванова А.А.", "inn": null},
     "items": [{"name": "Молоко 3,2% 1 л", "price": "89.90", "quantity": 2, "vat": "VAT20"}],
     "payments": [{"type": "cash", "sum": "200.00"}],
     "customer": "+79990000000", "tax_system": "OSN"}

Money is a string ("89.90") or a JSON number, read exactly as Decimal (never through float);
enum values are the sigmakkt
member names, case-insensitive (``"vat20"``, ``"cash"``, ``"full_payment"``) or their codes.
Registration file keys are the keyword arguments of ``Register.register`` (``inn``, ``rnm``,
``kkt_serial``, ``org_name``, ``address``, ``place``, ``tax_systems``, ``work_modes``,
``ofd_inn``, ``ofd_name``, ``fns_site``, ``sender_email``, ``ffd``).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import reduce
from operator import or_
from pathlib import Path
from typing import Any, TypeVar

from sigmakkt.cli.exitcodes import UsageError
from sigmakkt.errors import ValidationError
from sigmakkt.register import (
    VAT,
    Cashier,
    FFDVersion,
    Item,
    ItemType,
    Measure,
    Payment,
    PaymentMethod,
    PaymentType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)

E = TypeVar("E", bound=Enum)


def read_structured(path: str | Path) -> dict[str, Any]:
    """Load a JSON or TOML file (by extension; ``-`` is not supported) as a mapping.

    JSON numbers with a fraction are read as Decimal so that money never passes through float.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {p}: {exc}") from exc
    try:
        data: Any = tomllib.loads(raw) if p.suffix.lower() == ".toml" \
            else json.loads(raw, parse_float=Decimal)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{p} is not valid {p.suffix.lstrip('.').upper() or 'JSON'}: {exc}") \
            from exc
    if not isinstance(data, dict):
        raise UsageError(f"{p}: the top level must be an object")
    return data


def enum_value(cls: type[E], value: Any, name: str) -> E:
    """A member of ``cls`` from its name (any case) or its value."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        member = cls.__members__.get(value.upper())
        if member is not None:
            return member
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return cls(value)
        except ValueError:
            pass
    choices = ", ".join(m.lower() for m in cls.__members__)
    raise ValidationError(f"{value!r} is not one of: {choices}", name)


_PAYMENT_ALIASES = {"card": PaymentType.ELECTRONIC}


@dataclass
class SaleInput:
    """A parsed sale file: what ``Register.sell``/``sell_return`` take."""

    items: list[Item]
    payments: list[Payment]
    cashier: Cashier | None = None
    options: dict[str, Any] = field(default_factory=dict)


def _money(value: Any, name: str) -> Any:
    if isinstance(value, float):
        raise ValidationError("give money as a string such as \"89.90\", not a float", name)
    return value


def parse_item(obj: Any, index: int) -> Item:
    """One item of a sale file."""
    where = f"items[{index}]"
    if not isinstance(obj, dict):
        raise ValidationError("each item must be an object", where)
    unknown = set(obj) - {"name", "price", "quantity", "vat", "measure", "payment_method",
                          "item_type"}
    if unknown:
        raise ValidationError(f"unknown keys {sorted(unknown)}", where)
    for key in ("name", "price", "vat"):
        if key not in obj:
            raise ValidationError(f"missing {key!r}", f"{where}.{key}")
    measure: Measure | str = Measure.PIECE
    if "measure" in obj:
        m = obj["measure"]
        measure = Measure.__members__.get(m.upper(), m) if isinstance(m, str) \
            else enum_value(Measure, m, f"{where}.measure")
    try:
        return _item(obj, where, measure)
    except ValidationError as exc:
        if exc.field is None or exc.field.startswith(where):
            raise
        raise ValidationError(str(exc).removeprefix(f"{exc.field}: "),
                              f"{where}.{exc.field}") from exc


def _item(obj: dict[str, Any], where: str, measure: Measure | str) -> Item:
    return Item(
        obj["name"], _money(obj["price"], f"{where}.price"),
        _money(obj.get("quantity", 1), f"{where}.quantity"),
        vat=enum_value(VAT, obj["vat"], f"{where}.vat"),
        measure=measure,
        payment_method=enum_value(PaymentMethod, obj.get("payment_method", "full_payment"),
                                  f"{where}.payment_method"),
        item_type=enum_value(ItemType, obj.get("item_type", "commodity"), f"{where}.item_type"),
    )


def parse_cashier(obj: Any, name: str = "cashier") -> Cashier:
    """``"Name"`` or ``{"name": ..., "inn": ...}``."""
    if isinstance(obj, str):
        return Cashier(obj)
    if isinstance(obj, dict) and "name" in obj:
        return Cashier(obj["name"], obj.get("inn"))
    raise ValidationError("give the cashier as a name or {\"name\", \"inn\"}", name)


def parse_sale(data: Mapping[str, Any]) -> SaleInput:
    """A sale/refund file's contents as typed inputs."""
    unknown = set(data) - {"items", "payments", "cashier", "customer", "tax_system"}
    if unknown:
        raise ValidationError(f"unknown keys {sorted(unknown)}; allowed: items, payments, "
                              "cashier, customer, tax_system")
    items_raw = data.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        raise ValidationError("a sale needs a non-empty list of items", "items")
    items = [parse_item(obj, i) for i, obj in enumerate(items_raw)]
    payments: list[Payment] = []
    for i, obj in enumerate(data.get("payments") or []):
        where = f"payments[{i}]"
        if not isinstance(obj, dict) or "sum" not in obj:
            raise ValidationError("each payment is {\"type\": ..., \"sum\": ...}", where)
        kind = obj.get("type", "cash")
        ptype = _PAYMENT_ALIASES.get(kind) if isinstance(kind, str) else None
        payments.append(Payment(ptype or enum_value(PaymentType, kind, f"{where}.type"),
                                _money(obj["sum"], f"{where}.sum")))
    if not payments:
        raise ValidationError("a sale needs at least one payment", "payments")
    options: dict[str, Any] = {}
    if data.get("customer"):
        options["customer"] = str(data["customer"])
    if data.get("tax_system"):
        options["tax_system"] = enum_value(TaxSystem, data["tax_system"], "tax_system")
    cashier = parse_cashier(data["cashier"]) if data.get("cashier") else None
    return SaleInput(items, payments, cashier, options)


_REG_KEYS = {"inn", "rnm", "kkt_serial", "org_name", "address", "place", "tax_systems",
             "work_modes", "ofd_inn", "ofd_name", "fns_site", "sender_email", "ffd", "reason",
             "cashier"}


def parse_registration(data: Mapping[str, Any]) -> dict[str, Any]:
    """Registration parameters as keyword arguments of ``Register.register``/``reregister``."""
    unknown = set(data) - _REG_KEYS
    if unknown:
        raise ValidationError(f"unknown keys {sorted(unknown)}; allowed: {sorted(_REG_KEYS)}")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if key == "tax_systems":
            values = value if isinstance(value, list) else [value]
            out[key] = {enum_value(TaxSystem, v, key) for v in values}
        elif key == "work_modes":
            values = value if isinstance(value, list) else [value]
            out[key] = {enum_value(WorkMode, v.lower() if isinstance(v, str) else v, key)
                        if not isinstance(v, str) or v.upper() not in WorkMode.__members__
                        else WorkMode[v.upper()] for v in values}
        elif key == "ffd":
            out[key] = FFDVersion.parse(str(value)).label
        elif key == "reason":
            values = value if isinstance(value, list) else [value]
            out[key] = reduce(or_, (enum_value(ReregistrationReason, v, key) for v in values))
        elif key == "cashier":
            out[key] = parse_cashier(value)
        else:
            out[key] = str(value)
    return out
