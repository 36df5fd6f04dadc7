"""Scalar values of ATOL JSON tasks: money, quantities, dates, strings, booleans, and the strict
object-field check. Each raises :class:`~sigmakkt.ValidationError` naming the JSON path.

Money in a task is a JSON number in rubles. A number that ``json.loads`` made a ``float`` is
converted through its shortest decimal text (``repr``: ``89.9`` → ``"89.9"``), which is the text
the task carried, so no binary-float arithmetic ever touches a sum; more than 2 decimals is
refused. ``Decimal`` (from ``json.loads(..., parse_float=Decimal)``), ``int`` and numeric strings
are accepted too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sigmakkt.errors import Unsupported, ValidationError
from sigmakkt.register.money import parse_money, parse_quantity

__all__ = [
    "check_fields",
    "get_bool",
    "get_list",
    "get_object",
    "get_str",
    "number_text",
    "parse_date",
    "quantity",
    "rubles",
]


def number_text(value: object, field: str) -> Decimal:
    """The exact decimal value of a JSON number (int, float via ``repr``, Decimal or str)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValidationError(f"expected a number, got {value!r}", field)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"{value!r} is not a finite number", field)
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    try:
        result = Decimal(value.strip()) if isinstance(value, str) else value
    except InvalidOperation:
        raise ValidationError(f"{value!r} is not a number", field) from None
    if not result.is_finite():
        raise ValidationError(f"{value!r} is not a finite number", field)
    return result


def rubles(value: object, field: str, *, allow_zero: bool = False) -> Decimal:
    """A sum in rubles with at most 2 decimals, as a two-decimal Decimal."""
    amount = number_text(value, field)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValidationError(f"{value!r} has more than 2 decimals; sums are in rubles with "
                              "kopecks at most", field)
    return parse_money(amount, field, allow_zero=allow_zero)


def quantity(value: object, field: str) -> Decimal:
    """A positive quantity with at most 6 decimals."""
    return parse_quantity(number_text(value, field), field)


def parse_date(value: object, field: str) -> dt.date:
    """A task date ``yyyy.mm.dd`` (ATOL's form; ISO ``yyyy-mm-dd`` is accepted too)."""
    if isinstance(value, str):
        for fmt in ("%Y.%m.%d", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
    raise ValidationError(f"{value!r} is not a date; write it as yyyy.mm.dd", field)


def get_str(obj: Mapping[str, Any], key: str, path: str, *,
            required: bool = False) -> str | None:
    """``obj[key]`` as a string (None when absent and not required)."""
    value = obj.get(key)
    if value is None:
        if required:
            raise ValidationError("is required", f"{path}{key}")
        return None
    if not isinstance(value, str):
        raise ValidationError(f"expected a string, got {value!r}", f"{path}{key}")
    return value


def get_bool(obj: Mapping[str, Any], key: str, path: str, default: bool = False) -> bool:
    """``obj[key]`` as a bool."""
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise ValidationError(f"expected true or false, got {value!r}", f"{path}{key}")
    return value


def get_object(obj: Mapping[str, Any], key: str, path: str) -> dict[str, Any] | None:
    """``obj[key]`` as a JSON object (None when absent)."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError(f"expected an object, got {type(value).__name__}", f"{path}{key}")
    return value


def get_list(obj: Mapping[str, Any], key: str, path: str) -> list[Any]:
    """``obj[key]`` as a JSON array (empty when absent)."""
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(f"expected an array, got {type(value).__name__}", f"{path}{key}")
    return value


def check_fields(obj: Mapping[str, Any], path: str, supported: Iterable[str],
                 unsupported: Mapping[str, str] | None = None) -> None:
    """Refuse keys of ``obj`` that are unknown, or known to ATOL but not supported here.

    ``path`` is the JSON path prefix (``"items[0]."``); ``unsupported`` maps an ATOL field name
    to the reason sigmakkt does not take it.
    """
    allowed = set(supported)
    for key in obj:
        if key in allowed:
            continue
        if unsupported and key in unsupported:
            raise Unsupported(f"is an ATOL field sigmakkt does not support: "
                                  f"{unsupported[key]}", f"{path}{key}")
        raise ValidationError(f"unknown field; supported here: {', '.join(sorted(allowed))}",
                              f"{path}{key}")
