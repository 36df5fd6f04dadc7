"""Exit codes, ``--lang``, device resolution, input files, the ATOL task command, progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sigmakkt.cli.config import parse_hostport, resolve
from sigmakkt.cli.exitcodes import EXIT_CODES, ExitCode, UsageError, exit_code_for
from sigmakkt.cli.main import build_parser
from sigmakkt.cli.messages import CATALOGUE, default_lang, text
from sigmakkt.cli.progress import ProgressBar
from sigmakkt.errors import (
    AnswerLost,
    CRCError,
    Disconnected,
    FNError,
    MissingDependency,
    PaperOut,
    ValidationError,
)

from .conftest import run

# --- exit codes ---------------------------------------------------------------------------------


def test_exit_code_table_is_stable() -> None:
    assert {c.name: int(c) for c in ExitCode} == {
        "OK": 0, "FAILURE": 1, "USAGE": 2, "VALIDATION": 3, "DEVICE_REFUSED": 4, "LINK": 5,
        "OUTCOME_UNKNOWN": 6, "PROTOCOL": 7, "MISSING_DEPENDENCY": 8, "NOT_IMPLEMENTED": 9}
    assert set(EXIT_CODES) == set(ExitCode)
    assert "exit codes:" in build_parser().format_help()


@pytest.mark.parametrize(("exc", "code"), [
    (UsageError("x"), ExitCode.USAGE),
    (ValidationError("bad", "price"), ExitCode.VALIDATION),
    (FNError(0x02, "WRONG_STATE", "other state"), ExitCode.DEVICE_REFUSED),
    (PaperOut("paper out"), ExitCode.DEVICE_REFUSED),
    (Disconnected("gone"), ExitCode.LINK),
    (AnswerLost("lost"), ExitCode.OUTCOME_UNKNOWN),   # a TransportError too: unknown wins
    (CRCError("crc"), ExitCode.PROTOCOL),
    (MissingDependency("usb", "pyusb"), ExitCode.MISSING_DEPENDENCY),
    (NotImplementedError("later"), ExitCode.NOT_IMPLEMENTED),
    (RuntimeError("bug"), ExitCode.FAILURE),
])
def test_exceptions_map_to_exit_codes(exc: BaseException, code: ExitCode) -> None:
    assert exit_code_for(exc) is code


def test_help_version_and_usage_errors() -> None:
    assert run("--help").code == 0
    assert run("--version").code == 0
    assert run("frobnicate").code == ExitCode.USAGE
    assert run().code == ExitCode.USAGE
    assert run("document", "not-a-number").code == ExitCode.USAGE


def test_no_device_is_a_usage_error_in_both_languages(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    for var in ("SIGMAKKT_FN", "SIGMAKKT_PRINTER", "SIGMAKKT_OFD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    en = run("status", "--lang", "en")
    assert en.code == ExitCode.USAGE
    assert en.err.startswith("Error: no device given")
    ru = run("--lang", "ru", "status")
    assert ru.code == ExitCode.USAGE
    assert ru.err.startswith("Ошибка: Не указано устройство")
    js = run("status", "--json")
    assert js.json()["error"] == {"type": "UsageError", "message": text("no_device", "en"),
                                  "field": None, "code": None, "advice": None, "exit_code": 2}


def test_unreachable_device_is_a_link_error() -> None:
    result = run("--fn", "tcp://127.0.0.1:1", "status", "--json")
    assert result.code == ExitCode.LINK
    assert result.json()["error"]["type"] in ("TransportError", "Disconnected", "PortBusy")


# --- language -----------------------------------------------------------------------------------


def test_default_language_follows_the_locale() -> None:
    assert default_lang({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "ru_RU.UTF-8"}) == "en"
    assert default_lang({}) == "en"


def test_catalogue_is_complete_in_both_languages() -> None:
    for key, (ru, en) in CATALOGUE.items():
        assert ru and en, key
        assert ru.count("{") == en.count("{"), key


def test_human_output_in_russian_and_english(state: list[str]) -> None:
    en = run(*state, "status")
    ru = run(*[a if a != "en" else "ru" for a in state], "status")
    assert en.code == ru.code == 0
    assert en.out.startswith("Register status\n") and "  FN phase: READY" in en.out
    assert ru.out.startswith("Состояние ККТ\n") and "  Фаза ФН: READY" in ru.out
    assert "  Смена открыта: нет" in ru.out


# --- device resolution --------------------------------------------------------------------------


def test_flags_beat_environment_beat_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[device]\nfn = "tcp://cfg:1"\nprinter = "tcp://cfg:2"\nofd = "cfg:3"\n'
                   'lang = "ru"\n', "utf-8")
    env = {"SIGMAKKT_FN": "tcp://env:1"}
    got = resolve(fn=None, printer=None, ofd=None, emulated=False, state=None,
                  config=str(cfg), environ=env)
    assert (got.fn, got.printer, got.ofd, got.lang) == ("tcp://env:1", "tcp://cfg:2",
                                                        ("cfg", 3), "ru")
    got = resolve(fn="tcp://flag:1", printer=None, ofd="tcp://o:7777", emulated=False,
                  state=None, config=str(cfg), environ=env)
    assert got.fn == "tcp://flag:1" and got.ofd == ("o", 7777)


def test_bad_config_and_ofd_address_are_usage_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("fn = [", "utf-8")
    with pytest.raises(UsageError):
        resolve(fn=None, printer=None, ofd=None, emulated=False, state=None,
                config=str(cfg), environ={})
    with pytest.raises(UsageError):
        parse_hostport("no-port")
    assert run("--config", str(cfg), "status").code == ExitCode.USAGE


def test_config_file_can_select_the_emulator(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'emulated = true\nstate = "{tmp_path / "st"}"\n', "utf-8")
    result = run("--config", str(cfg), "status", "--json")
    assert result.code == 0, result.out
    assert result.json()["phase"] == "READY"
    assert (tmp_path / "st" / "fn.sqlite3").exists()


# --- input files --------------------------------------------------------------------------------


@pytest.mark.parametrize(("sale", "field"), [
    ({"items": [{"name": "A", "price": "1,5", "vat": "vat20"}],
      "payments": [{"sum": "1.50"}]}, "items[0].price"),
    ({"items": [{"name": "A", "price": "1.00", "vat": "vat20"}]}, "payments"),
    ({"items": [{"name": "A", "price": "1.00", "vat": "vat99"}]}, "items[0].vat"),
    ({"items": [{"name": "A", "price": "1.00"}]}, "items[0].vat"),
    ({"items": []}, "items"),
    ({"items": [{"name": "A", "price": "1.00", "vat": "vat20"}],
      "payments": [{"type": "bitcoin", "sum": "1.00"}]}, "payments[0].type"),
])
def test_bad_sale_files_are_validation_errors(shop: list[str], tmp_path: Path,
                                              sale: dict[str, object], field: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(sale), "utf-8")
    before = run(*shop, "status", "--json").json()["last_document_number"]
    result = run(*shop, "sell", str(path), "--json")
    assert result.code == ExitCode.VALIDATION, result.out
    assert result.json()["error"]["field"] == field
    assert run(*shop, "status", "--json").json()["last_document_number"] == before


def test_unreadable_files_are_usage_errors(shop: list[str], tmp_path: Path) -> None:
    assert run(*shop, "sell", str(tmp_path / "missing.json")).code == ExitCode.USAGE
    (tmp_path / "broken.json").write_text("{", "utf-8")
    assert run(*shop, "sell", str(tmp_path / "broken.json")).code == ExitCode.USAGE
    assert run(*shop, "reregister").code == ExitCode.USAGE   # no --reason


def test_reregister_changes_the_address(shop: list[str]) -> None:
    assert run(*shop, "shift", "close").code == 0
    result = run(*shop, "reregister", "--address", "г. Москва, ул. Новая, 2", "--reason",
                 "address_or_place_changed", "--json")
    assert result.code == 0, result.out
    assert result.json()["registration"]["address"] == "г. Москва, ул. Новая, 2"
    assert result.json()["reason"] == ["ADDRESS_OR_PLACE_CHANGED"]


# --- ATOL JSON task -----------------------------------------------------------------------------

#: The sell task of atol-protocol reference §3.5, unchanged (JSON numbers with fractions).
ATOL_SELL = """{
  "type": "sell", "taxationType": "osn", "electronically": false,
  "ignoreNonFiscalPrintErrors": false,
  "operator": {"name": "Иванов И.И.", "vatin": "123654789507"},
  "clientInfo": {"emailOrPhone": "+79001234567"},
  "items": [
    {"type": "position", "name": "Молоко 1 л", "price": 89.90, "quantity": 2, "amount": 179.80,
     "measurementUnit": "piece", "paymentMethod": "fullPayment", "paymentObject": "commodity",
     "tax": {"type": "vat20"}},
    {"type": "text", "text": "Спасибо за покупку", "alignment": "center"}],
  "payments": [{"type": "electronically", "sum": 179.80}],
  "total": 179.80
}"""


def test_atol_sell_task_runs_unchanged(shop: list[str], tmp_path: Path) -> None:
    path = tmp_path / "task.json"
    path.write_text(ATOL_SELL, "utf-8")
    result = run(*shop, "task", str(path), "--json")
    assert result.code == 0, result.out + result.err
    assert '"total": 179.80' in result.out          # a JSON number, as §3.6 shows
    params = result.json()["fiscalParams"]
    assert params["fiscalDocumentNumber"] == 3
    assert params["fiscalReceiptNumber"] == 1
    assert params["fnNumber"] == "9999078900000001"
    assert isinstance(params["fiscalDocumentSign"], str) and params["fiscalDocumentSign"]
    assert result.json()["warnings"]["notPrinted"] is False
    (tmp_path / "bad.json").write_text('{"type": "frobnicate"}', "utf-8")
    bad = run(*shop, "task", str(tmp_path / "bad.json"), "--json")
    assert bad.code == ExitCode.VALIDATION
    assert "sell" in bad.json()["error"]["message"]


# --- progress bar -------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    with ProgressBar(10, "export", stream=quiet) as bar:
        bar.update(10)
    assert quiet.getvalue() == ""
    tty = _Tty()
    with ProgressBar(4, "export", stream=tty) as bar:
        bar.update(2)
        assert "[###############---------------] 2/4  50%" in bar.render()
        bar.update(2)
    assert tty.getvalue().endswith("\n")
    assert "4/4 100%" in tty.getvalue()
