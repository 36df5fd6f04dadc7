"""The CLI on device URLs (``--fn``/``--printer``/``--ofd``), here an emulator served in-process on
``emu://`` endpoints: the same results as ``--emulated``, the archive read over the FN link."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sigmakkt_emulator.emulator import Emulator

from .conftest import REGISTER_ARGS, SALE, run


@pytest.fixture
def device(tmp_path: Path) -> Iterator[list[str]]:
    with Emulator(tmp_path / "state", "emu") as emu:
        assert emu.ofd_address is not None
        host, port = emu.ofd_address
        yield ["--fn", emu.fn_url, "--printer", emu.printer_url, "--ofd", f"{host}:{port}",
               "--lang", "en"]


def test_device_urls_and_archive_over_the_link(device: list[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(*device, *REGISTER_ARGS).code == 0
    assert run(*device, "shift", "open", "--cashier", "Иванова А.А.").code == 0
    (tmp_path / "sale.json").write_text(json.dumps(SALE, ensure_ascii=False), "utf-8")
    sale = run(*device, "sell", str(tmp_path / "sale.json"), "--json")
    assert sale.code == 0, sale.out
    assert sale.json()["fiscal_document_number"] == 3
    rows = list(csv.DictReader(io.StringIO(run(*device, "archive", "export").out)))
    assert [r["number"] for r in rows] == ["1", "2", "3"]
    assert rows[2]["total"] == "224.80"
    top = run(*device, "report", "top-items", "--json").json()["rows"]
    assert [(r["name"], r["revenue"]) for r in top] == [("Молоко 3,2% 1 л", "179.80"),
                                                        ("Хлеб", "45.00")]
    sent = run(*device, "ofd", "send", "--json")
    assert sent.code == 0 and sent.json()["sent"] == 3
    # the environment variable works like the flag
    monkeypatch.setenv("SIGMAKKT_FN", device[1])
    status = run("status", "--json")
    assert status.code == 0 and status.json()["last_document_number"] == 3
