"""Helpers for the CLI tests: run ``sigmakkt`` in-process on an emulator kept in a state folder."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sigmakkt.cli.main import main
from sigmakkt.register.validation import make_rnm

INN = "7707083893"
SERIAL = "0000000000001234"
OFD_INN = "7704211201"  # the emulated OFD server's INN: it acknowledges only its own KKTs


@dataclass
class Run:
    """One finished ``sigmakkt`` run."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str) -> Run:
    """``sigmakkt ARGV…`` in this process; stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


REGISTER_ARGS = ("register", "--inn", INN, "--rnm", make_rnm(1, INN, SERIAL), "--kkt-serial",
                 SERIAL, "--org-name", "ООО Тест", "--address", "г. Москва, ул. Тестовая, 1",
                 "--place", "Магазин", "--tax-system", "osn", "--ofd-inn", OFD_INN)

SALE = {"cashier": {"name": "Иванова А.А."},
        "items": [{"name": "Молоко 3,2% 1 л", "price": "89.90", "quantity": 2, "vat": "vat20"},
                  {"name": "Хлеб", "price": "45.00", "vat": "VAT10"}],
        "payments": [{"type": "cash", "sum": "300.00"}],
        "customer": "+79990000000"}
REFUND = {"items": [{"name": "Хлеб", "price": "45.00", "vat": "vat10"}],
          "payments": [{"type": "card", "sum": "45.00"}]}


@pytest.fixture
def state(tmp_path: Path) -> list[str]:
    """Global options for a fresh emulator whose state lives in ``tmp_path/state``."""
    return ["--emulated", "--state", str(tmp_path / "state"), "--lang", "en"]


@pytest.fixture
def shop(state: list[str], tmp_path: Path) -> list[str]:
    """A registered emulated register with an open shift; returns the global options."""
    reg = run(*state, *REGISTER_ARGS, "--json")
    assert reg.code == 0, reg.err + reg.out
    opened = run(*state, "shift", "open", "--cashier", "Иванова А.А.", "--json")
    assert opened.code == 0, opened.err + opened.out
    (tmp_path / "sale.json").write_text(json.dumps(SALE, ensure_ascii=False), "utf-8")
    (tmp_path / "refund.json").write_text(json.dumps(REFUND), "utf-8")
    return state
