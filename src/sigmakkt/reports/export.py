"""CSV and JSON export of report rows (any of the report dataclasses).

CSV: a header of the dataclass field names, then one line per row; Decimal as its exact text,
datetimes ISO 8601, enums by name, booleans ``true``/``false``. JSON: a list of objects with the
same conversions, but sums and quantities as exact JSON numbers (via
:func:`sigmakkt.protocol.ffd.json_dumps`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from typing import IO, Any

from sigmakkt.protocol.ffd import json_dumps

__all__ = ["row_dict", "to_csv", "to_json"]


def _cell(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.name.lower()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def row_dict(row: object) -> dict[str, Any]:
    """One report row as a flat dict (enums by lower-case name, datetimes ISO)."""
    if not is_dataclass(row) or isinstance(row, type):
        raise TypeError(f"expected a report row dataclass, got {type(row).__name__}")
    return {f.name: _cell(getattr(row, f.name)) for f in fields(row)}


def to_csv(rows: Sequence[object] | Iterable[object], out: IO[str]) -> int:
    """Write ``rows`` as CSV to ``out``; return the number of rows written."""
    writer: Any = None
    n = 0
    for row in rows:
        d = row_dict(row)
        if writer is None:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(d)
        writer.writerow(["true" if v is True else "false" if v is False
                         else format(v, "f") if isinstance(v, Decimal) else v
                         for v in d.values()])
        n += 1
    return n


def to_json(rows: Iterable[object], **kwargs: Any) -> str:
    """``rows`` as a JSON array of objects (exact decimals)."""
    return json_dumps([row_dict(r) for r in rows], **kwargs)
