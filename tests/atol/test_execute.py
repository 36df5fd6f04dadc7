"""ATOL tasks end to end on ``Register.emulated()``: the §3.5 sell example runs unchanged and
returns a result shaped as §3.6; every supported task type runs at least once."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from sigmakkt.atol import SUPPORTED_TASKS, execute, execute_safe
from sigmakkt.errors import Unsupported, ValidationError
from sigmakkt.protocol.ffd import json_dumps
from sigmakkt.register.models import ReceiptResult, RegistrationInfo
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm

from .sample_tasks import FISCAL_PARAMS_36, SELL_35

INN, SERIAL = "7707083893", "0000000000001234"
MSK = dt.timezone(dt.timedelta(hours=3))
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$")


def registration_task() -> dict[str, Any]:
    return {"type": "registration", "operator": {"name": "Иванов И.И."},
            "organization": {"name": "ООО Тест", "vatin": INN, "taxationTypes": ["osn"],
                             "address": "г. Москва, ул. Тестовая, д. 1"},
            "device": {"registrationNumber": make_rnm(1, INN, SERIAL),
                       "paymentsAddress": "Магазин", "ffdVersion": "1.2",
                       "serialNumber": SERIAL},
            "ofd": {"name": "ОФД", "vatin": "7704211201"}}  # the emulated OFD's INN


@pytest.fixture
def kkt() -> Iterator[Register]:
    with Register.emulated() as reg:
        result = execute(reg, registration_task(), tz=MSK)
        assert result["fiscalParams"]["fiscalDocumentNumber"] == 1
        yield reg


def test_sell_example_unchanged_gives_the_36_result(kkt: Register) -> None:
    kkt.execute({"type": "openShift", "operator": {"name": "Иванов И.И."}})
    result = kkt.execute(json.loads(SELL_35))          # through Register.execute, unchanged
    params = result["fiscalParams"]
    assert set(params) == FISCAL_PARAMS_36
    assert params["fiscalDocumentNumber"] == 3 and params["fiscalReceiptNumber"] == 1
    assert params["shiftNumber"] == 1
    assert params["total"] == Decimal("179.80")
    assert re.fullmatch(r"\d{10}", params["fiscalDocumentSign"])
    assert re.fullmatch(r"\d{16}", params["fnNumber"]) and params["fnNumber"] == kkt.fn_number
    assert params["registrationNumber"] == make_rnm(1, INN, SERIAL)
    assert params["fnsUrl"] == "www.nalog.gov.ru"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d",
                        params["fiscalDocumentDateTime"])
    assert result["warnings"] == {"notPrinted": False, "dataForSendIsEmpty": False}
    # the text item ("Спасибо за покупку") is printed after the QR
    printed = [line.strip() for line in kkt.emulator.receipts[-1].lines if line.strip()]
    assert printed[-1] == "Спасибо за покупку"
    assert '"total": 179.80' in json_dumps(result)
    # the FN archive holds what the task asked for
    doc = kkt.document(3)
    assert doc.fiscal_sign == int(params["fiscalDocumentSign"])
    assert (doc.get(1020), doc.get(1081), doc.get(1031)) == (17980, 17980, 0)
    assert (doc.get(1054), doc.get(1055), doc.get(1008)) == (1, 1, "+79001234567")
    assert (doc.get(1021), doc.get(1203)) == ("Иванов И.И.", "123654789507")
    (item,) = doc.items
    assert (item.get(1030), item.get(1079), item.get(1023), item.get(1043), item.get(1199),
            item.get(1214), item.get(1212), item.get(2108)) == (
        "Молоко 1 л", 8990, Decimal(2), 17980, 1, 4, 1, 0)


def _receipt(kind: str, **extra: Any) -> dict[str, Any]:
    task = {"type": kind, "operator": {"name": "Петрова А.А."},
            "items": [{"type": "position", "name": "Хлеб", "price": 45.5, "quantity": 1,
                       "tax": {"type": "vat10"}}],
            "payments": [{"type": "cash", "sum": 45.5}]}
    task.update(extra)
    return task


def test_every_supported_task_type(kkt: Register) -> None:
    seen = {"registration"}

    def run(task: dict[str, Any]) -> dict[str, Any]:
        seen.add(task["type"])
        return execute(kkt, task, tz=MSK)

    assert run({"type": "getShiftStatus"}) == {"shiftStatus": {"state": "closed", "number": 0}}
    opened = run({"type": "openShift", "operator": {"name": "Петрова А.А."}})
    assert opened["fiscalParams"]["shiftNumber"] == 1
    assert ISO.match(opened["fiscalParams"]["fiscalDocumentDateTime"])
    status = run({"type": "getShiftStatus"})["shiftStatus"]
    assert status["state"] == "opened" and status["number"] == 1
    assert ISO.match(status["expiredTime"])
    numbers = []
    for kind in ("sell", "sellReturn", "buy", "buyReturn"):
        numbers.append(run(_receipt(kind))["fiscalParams"]["fiscalReceiptNumber"])
    for kind in ("sellCorrection", "sellReturnCorrection", "buyCorrection",
                 "buyReturnCorrection"):
        res = run(_receipt(kind, correctionType="self", correctionBaseDate="2026.01.10"))
        numbers.append(res["fiscalParams"]["fiscalReceiptNumber"])
        assert kkt.document(res["fiscalParams"]["fiscalDocumentNumber"]).doc_type == 31
    assert numbers == list(range(1, 9))
    dev = run({"type": "getDeviceStatus"})["deviceStatus"]
    assert (dev["shift"], dev["paperPresent"], dev["fiscal"]) == ("opened", True, True)
    fn = run({"type": "getFnInfo"})["fnInfo"]
    assert fn["serial"] == kkt.fn_number and fn["livePhase"] == "fiscalMode"
    info = run({"type": "getRegistrationInfo"})
    assert info["organization"]["vatin"] == INN
    assert info["organization"]["taxationTypes"] == ["osn"]
    assert info["device"]["paymentsAddress"] == "Магазин"
    assert run({"type": "reportX"})["warnings"]["notPrinted"] is False
    ofd = run({"type": "reportOfdExchangeStatus"})
    assert ofd["status"]["notSentCount"] >= 10 and "fiscalDocumentNumber" in ofd["fiscalParams"]
    assert run({"type": "continuePrint"}) == {"warnings": {"notPrinted": False}}
    closed = run({"type": "closeShift"})["fiscalParams"]
    assert closed["shiftNumber"] == 1 and "receiptsCount" in closed
    change = run({"type": "changeRegistrationParameters", "reasons": ["addressChange"],
                  "organization": {"address": "г. Тверь, ул. Новая, д. 2"}})
    assert "fiscalDocumentNumber" in change["fiscalParams"]
    assert kkt.registration is not None
    assert kkt.registration.address == "г. Тверь, ул. Новая, д. 2"
    kkt.ofd_exchange()                      # the FN closes only with everything delivered
    run({"type": "closeArchive"})
    assert run({"type": "getFnInfo"})["fnInfo"]["livePhase"] == "postFiscalMode"
    assert seen == set(SUPPORTED_TASKS)


def test_unknown_and_unsupported_task_types(kkt: Register) -> None:
    with pytest.raises(ValidationError) as err:
        kkt.execute({"type": "sellSomething"})
    assert not isinstance(err.value, Unsupported)
    assert "supported: sell, sellReturn" in str(err.value) and "getFnInfo" in str(err.value)
    with pytest.raises(Unsupported, match="cash-drawer"):
        kkt.execute({"type": "cashIn", "cashSum": 100})
    with pytest.raises(ValidationError):
        execute(kkt, [])  # type: ignore[arg-type]


def test_errors_as_atol_codes(kkt: Register) -> None:
    assert execute_safe(kkt, {"type": "cashIn"})["error"]["code"] == 11
    assert execute_safe(kkt, {"type": "nope"})["error"]["code"] == 13
    bad = json.loads(SELL_35)
    del bad["items"][0]["price"]
    error = execute_safe(kkt, bad)["error"]
    assert error["code"] == 8 and "items[0].price" in error["description"]
    # a sale with the shift closed: refused by the Register, reported as an error JSON
    error = execute_safe(kkt, json.loads(SELL_35))["error"]
    assert error["code"] in (13, 68, 73, 141) and error["description"]


class _PaperOutRegister:
    """A stand-in whose receipt was signed but not printed."""

    registration = RegistrationInfo(inn=INN, rnm="0000000001023748", tax_systems=1,  # type: ignore[arg-type]
                                    work_modes=frozenset(), ffd=None, fns_site=None)  # type: ignore[arg-type]

    def sell(self, items: Any, payments: Any, **kwargs: Any) -> ReceiptResult:
        return ReceiptResult(fiscal_document_number=7, fiscal_sign=42,
                             datetime=dt.datetime(2018, 3, 6, 13, 52), fn_number="9" * 16,
                             printed=False, print_error="paper out", receipt_number=1,
                             shift_number=12, total=Decimal("179.80"))


def test_signed_but_not_printed_sets_not_printed() -> None:
    result = execute(_PaperOutRegister(), json.loads(SELL_35), tz=MSK)
    assert result["warnings"]["notPrinted"] is True
    assert result["fiscalParams"]["fiscalDocumentDateTime"] == "2018-03-06T13:52:00+03:00"
    assert result["fiscalParams"]["fiscalDocumentSign"] == "0000000042"
    assert result["fiscalParams"]["fnsUrl"] == "www.nalog.gov.ru"


def test_cover_open_then_continue_print(kkt: Register) -> None:
    """§3.6 warnings.notPrinted: signed but not printed → continuePrint prints it."""
    kkt.execute({"type": "openShift", "operator": {"name": "Иванов И.И."}})
    kkt.emulator.printer.open_cover()
    result = kkt.execute(json.loads(SELL_35))
    assert result["warnings"]["notPrinted"] is True
    assert kkt.execute({"type": "getDeviceStatus"})["deviceStatus"]["coverOpened"] is True
    assert kkt.execute({"type": "continuePrint"}) == {"warnings": {"notPrinted": True}}
    kkt.emulator.printer.close_cover()
    assert kkt.execute({"type": "continuePrint"}) == {"warnings": {"notPrinted": False}}
    assert "179.80" in kkt.emulator.receipts[-1].text


def test_electronic_receipt_is_not_reported_unprinted(kkt: Register) -> None:
    kkt.execute({"type": "openShift", "operator": {"name": "Иванов И.И."}})
    task = json.loads(SELL_35)
    task["electronically"] = True
    result = kkt.execute(task)
    assert result["warnings"]["notPrinted"] is False
    assert kkt.document(result["fiscalParams"]["fiscalDocumentNumber"]).get(1008) == (
        "+79001234567")
