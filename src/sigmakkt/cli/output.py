"""Turning results into output: JSON for scripts (``--json``) and labelled lines for people.

:func:`to_jsonable` maps the Register's result dataclasses to plain JSON values: Decimal money
becomes a string with two decimals ("179.80", never a float), datetimes ISO 8601, enums their
name (flags: a list of names), paths strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum, Flag
from pathlib import Path
from typing import Any, TextIO

from sigmakkt.cli.messages import label, text


def to_jsonable(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (dataclasses, enums, Decimal, dates, paths…)."""
    if value is None or (isinstance(value, bool | int | str) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Flag):
        return [m.name for m in type(value) if m.value and m in value and m.name]
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {(k.name if isinstance(k, Enum) else str(k)): to_jsonable(v)
                for k, v in value.items()}
    if isinstance(value, Iterable):
        return [to_jsonable(v) for v in value]
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    return str(value)


class Output:
    """Where a command writes: JSON (one document per command) or human lines in ``lang``."""

    def __init__(self, out: TextIO, err: TextIO, *, as_json: bool, lang: str) -> None:
        self.out = out
        self.err = err
        self.as_json = as_json
        self.lang = lang

    def t(self, key: str, **fields: object) -> str:
        """A catalogue message in this run's language."""
        return text(key, self.lang, **fields)

    def emit_json(self, obj: Any) -> None:
        """Write one JSON document."""
        json.dump(to_jsonable(obj), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def result(self, title_key: str, result: Any, extra: Mapping[str, Any] | None = None) -> None:
        """Print a result: as JSON, or as a title and ``label: value`` lines."""
        if self.as_json:
            data = to_jsonable(result)
            if extra:
                data = {**data, **to_jsonable(extra)} if isinstance(data, dict) else \
                    {"result": data, **to_jsonable(extra)}
            self.emit_json(data)
            return
        self.out.write(self.t(title_key) + "\n")
        data = to_jsonable(result)
        if extra:
            data = {**(data if isinstance(data, dict) else {"result": data}),
                    **to_jsonable(extra)}
        self.fields(data)

    def fields(self, data: Any, indent: int = 2) -> None:
        """Human ``label: value`` lines for a JSON-like mapping (nested ones indented)."""
        if not isinstance(data, dict):
            self.out.write(" " * indent + self.human(data) + "\n")
            return
        for key, value in data.items():
            if value is None or value == [] or value == {}:
                continue
            name = label(str(key), self.lang)
            if isinstance(value, dict):
                self.out.write(f"{' ' * indent}{name}:\n")
                self.fields(value, indent + 2)
            else:
                self.out.write(f"{' ' * indent}{name}: {self.human(value)}\n")

    def human(self, value: Any) -> str:
        """One value as people read it."""
        if value is True:
            return self.t("yes")
        if value is False:
            return self.t("no")
        if isinstance(value, list):
            return ", ".join(self.human(v) for v in value)
        return str(value)

    def table(self, headers: list[str], rows: list[list[Any]]) -> None:
        """A plain aligned text table."""
        cells = [[str(c) for c in row] for row in rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
        self.out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
                       .rstrip() + "\n")
        self.out.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            self.out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                           .rstrip() + "\n")

    def line(self, message: str) -> None:
        """One human line (suppressed in JSON mode)."""
        if not self.as_json:
            self.out.write(message + "\n")

    def error(self, exc: BaseException, code: int) -> None:
        """Report a failure: a JSON object on stdout in JSON mode, else a message on stderr."""
        advice = getattr(exc, "advice", "") or ""
        if self.as_json:
            self.emit_json({"error": {"type": type(exc).__name__, "message": str(exc),
                                      "field": getattr(exc, "field", None),
                                      "code": getattr(exc, "code", None),
                                      "advice": advice or None, "exit_code": code}})
            return
        self.err.write(f"{self.t('error')}: {exc}\n")
        if advice and advice not in str(exc):
            self.err.write(f"{self.t('what_to_do')}: {advice}\n")
