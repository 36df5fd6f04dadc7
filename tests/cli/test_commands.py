"""Every ``sigmakkt`` command on the in-process emulator: results, ``--json`` shapes, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import zxingcpp
from PIL import Image

from sigmakkt.cli.exitcodes import ExitCode

from .conftest import INN, REGISTER_ARGS, run


def test_status_of_a_fresh_fn_as_json(state: list[str]) -> None:
    result = run(*state, "status", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["phase"] == "READY"
    assert data["fn_number"] == "9999078900000001"
    assert data["shift_open"] is False
    assert data["last_document_number"] == 0
    assert data["paper"]["paper_present"] is True


def test_register_from_flags_prints_fd_1(state: list[str]) -> None:
    result = run(*state, *REGISTER_ARGS, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["fiscal_document_number"] == 1
    assert data["registration"]["inn"] == INN
    assert data["registration"]["tax_systems"] == ["OSN"]
    assert data["printed"] is True
    # registering twice is refused before anything is sent
    again = run(*state, *REGISTER_ARGS, "--json")
    assert again.code == ExitCode.VALIDATION
    assert again.json()["error"]["type"] == "ValidationError"


def test_register_from_toml_file_with_flag_override(state: list[str], tmp_path: Path) -> None:
    reg = dict(zip(REGISTER_ARGS[1::2], REGISTER_ARGS[2::2], strict=True))
    toml = "\n".join(f'{k.lstrip("-").replace("-", "_")} = "{v}"' for k, v in reg.items()
                     if k not in ("--tax-system", "--place"))
    (tmp_path / "reg.toml").write_text(toml + '\ntax_systems = ["usn_income"]\n'
                                       'place = "old"\n', "utf-8")
    result = run(*state, "register", "--file", str(tmp_path / "reg.toml"), "--place", "Киоск",
                 "--json")
    assert result.code == 0, result.err
    info = result.json()["registration"]
    assert info["tax_systems"] == ["USN_INCOME"]
    assert info["place"] == "Киоск"


def test_shift_sell_refund_xreport_close(shop: list[str], tmp_path: Path) -> None:
    sale = run(*shop, "sell", str(tmp_path / "sale.json"), "--json")
    assert sale.code == 0, sale.err
    s = sale.json()
    assert s["total"] == "224.80" and s["change"] == "75.20"
    assert s["operation"] == "SELL" and s["fiscal_document_number"] == 3
    assert "s=224.80" in s["qr"] and "fn=9999078900000001" in s["qr"]
    refund = run(*shop, "refund", str(tmp_path / "refund.json"), "--json").json()
    assert refund["operation"] == "SELL_RETURN" and refund["total"] == "45.00"
    x = run(*shop, "x-report", "--json")
    assert x.code == 0 and x.json()["kind"] == "X"
    closed = run(*shop, "shift", "close", "--json")
    assert closed.code == 0, closed.err
    counters = closed.json()["counters"]["operations"]
    assert counters["SELL"]["total"] == "224.80"
    assert counters["SELL_RETURN"]["by_payment"] == {"ELECTRONIC": "45.00"}
    # no shift open now: a sale is refused before anything is sent
    after = run(*shop, "sell", str(tmp_path / "sale.json"), "--json")
    assert after.code == ExitCode.VALIDATION
    assert after.json()["error"]["field"] == "shift"


def test_document_as_text_json_and_png(shop: list[str], tmp_path: Path) -> None:
    sale = run(*shop, "sell", str(tmp_path / "sale.json"), "--json").json()
    text = run(*shop, "document", "3")
    assert text.code == 0
    assert text.out.startswith("receipt\n")
    assert "1030 name: Молоко 3,2% 1 л" in text.out
    assert "1020 totalSum: 22480" in text.out
    doc = run(*shop, "document", "3", "--json").json()
    assert doc["number"] == 3
    assert doc["receipt"]["totalSum"] == 22480
    assert doc["receipt"]["fiscalDocumentNumber"] == 3
    png = run(*shop, "document", "3", "--format", "png", "--output", str(tmp_path), "--json")
    assert png.code == 0, png.err
    path = Path(png.json()["png"])
    assert path == tmp_path / "document-3.png"
    with Image.open(path) as image:
        assert image.width == 384          # CAPD245: 384 dots a line
        assert image.height > 200
        # the re-rendered receipt carries the same QR payload as the original sale
        codes = zxingcpp.read_barcodes(image.convert("L"))
    assert [c.text for c in codes] == [sale["qr"]]
    registration = run(*shop, "document", "1", "--format", "png", "--output", str(tmp_path))
    assert registration.code == 0
    assert (tmp_path / "document-1.png").exists()
    missing = run(*shop, "document", "999", "--json")
    assert missing.code == ExitCode.DEVICE_REFUSED
    assert missing.json()["error"]["code"] == 0x08          # FN answer NO_DATA


def test_archive_export_csv_and_json(shop: list[str], tmp_path: Path) -> None:
    assert run(*shop, "sell", str(tmp_path / "sale.json")).code == 0
    assert run(*shop, "refund", str(tmp_path / "refund.json")).code == 0
    out = run(*shop, "archive", "export", "--format", "csv")
    assert out.code == 0, out.err
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [r["doc_type"] for r in rows] == ["REGISTRATION", "SHIFT_OPEN", "RECEIPT", "RECEIPT"]
    assert rows[2]["total"] == "224.80" and rows[2]["cash"] == "224.80"
    assert rows[3]["operation"] == "2" and rows[3]["electronic"] == "45.00"
    target = tmp_path / "archive.jsonl"
    saved = run(*shop, "archive", "export", "--format", "json", "--output", str(target),
                "--json")
    assert saved.json() == {"exported": 4, "path": str(target), "format": "json"}
    lines = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [line["number"] for line in lines] == [1, 2, 3, 4]
    assert "receipt" in lines[2]
    # a period in the future selects nothing
    none = run(*shop, "archive", "export", "--since", "2999-01-01")
    assert none.out.splitlines()[1:] == []
    bad = run(*shop, "archive", "export", "--since", "yesterday")
    assert bad.code == ExitCode.USAGE


def test_reports(shop: list[str], tmp_path: Path) -> None:
    assert run(*shop, "sell", str(tmp_path / "sale.json")).code == 0
    assert run(*shop, "sell", str(tmp_path / "sale.json")).code == 0
    assert run(*shop, "refund", str(tmp_path / "refund.json")).code == 0
    top = run(*shop, "report", "top-items", "--by", "quantity", "--json").json()
    assert top["report"] == "top-items"
    assert top["rows"][0]["name"] == "Молоко 3,2% 1 л"
    assert top["rows"][0]["quantity"] == "4"     # Decimal as exact text
    pay = {r["payment_type"]: r for r in run(*shop, "report", "payments", "--json")
           .json()["rows"]}
    assert pay["cash"]["income"] == "449.60"
    assert pay["electronic"]["returns"] == "45.00"
    cashiers = run(*shop, "report", "cashiers", "--json").json()["rows"]
    assert cashiers[0]["cashier"] == "Иванова А.А." and cashiers[0]["receipts"] == 2
    found = run(*shop, "report", "receipts", "--search", "2", "--json").json()["rows"]
    assert [r["receipt_number"] for r in found] == [2]
    returns = run(*shop, "report", "receipts", "--operation", "sell_return", "--json")
    assert [r["operation"] for r in returns.json()["rows"]] == ["sell_return"]
    table = run(*shop, "report", "top-items", "--csv", str(tmp_path / "top.csv"))
    assert table.code == 0
    assert table.out.splitlines()[1].split()[0] == "name"
    assert (tmp_path / "top.csv").read_text("utf-8").startswith("name,quantity,revenue")


def test_ofd_status_and_send(shop: list[str], tmp_path: Path) -> None:
    assert run(*shop, "sell", str(tmp_path / "sale.json")).code == 0
    before = run(*shop, "ofd", "status", "--json").json()
    assert before["unsent_documents"] == 3
    assert before["oldest_unsent"] is not None
    sent = run(*shop, "ofd", "send", "--json")
    assert sent.code == 0, sent.out + sent.err
    report = sent.json()
    assert report["sent"] == 3 and report["rejected"] == [] and report["remaining"] == 0
    after = run(*shop, "ofd", "status", "--json").json()
    assert after == {"unsent_documents": 0, "oldest_unsent": None}


def test_paper_and_close_fn(shop: list[str]) -> None:
    paper = run(*shop, "paper", "--json")
    assert paper.code == 0
    assert paper.json()["ready"] is True
    refused = run(*shop, "close-fn")
    assert refused.code == ExitCode.USAGE and "--yes" in refused.err
    assert run(*shop, "shift", "close").code == 0
    assert run(*shop, "ofd", "send").code == 0
    closed = run(*shop, "close-fn", "--yes", "--json")
    assert closed.code == 0, closed.out + closed.err
    assert run(*shop, "status", "--json").json()["phase"] != "FISCAL"


def test_demo_runs_the_whole_tour(tmp_path: Path) -> None:
    result = run("demo", "--out", str(tmp_path), "--json")
    assert result.code == 0, result.out + result.err
    summary = result.json()
    assert summary["registration_fd"] == 1 and summary["shift_number"] == 1
    assert [(r["operation"], r["fd"], r["total"]) for r in summary["receipts"]] == [
        ("sell", 3, "224.80"), ("sell_return", 4, "45.00")]
    assert all(r["printed"] for r in summary["receipts"])
    assert summary["ofd_sent"] == 5 and summary["unsent_documents"] == 0
    pngs = [Path(p) for p in summary["pngs"]]
    assert len(pngs) == 5 and all(p.parent == tmp_path / "receipts" for p in pngs)
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_demo_in_russian(tmp_path: Path) -> None:
    result = run("--lang", "ru", "demo", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert result.out.startswith("Демонстрация sigmakkt на эмуляторе\n")
    assert "• смена 1 закрыта" in result.out
    assert "Итог: 2 чека, ФН 9999078900000001, в ОФД отправлено 5, неотправленных 0" in result.out
    assert result.out.count("  напечатано: ") == 5
