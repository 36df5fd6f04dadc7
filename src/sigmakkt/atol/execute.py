"""Run an ATOL Driver 10 JSON task on a :class:`sigmakkt.Register`.

``execute(register, task)`` parses the task (:mod:`.parse`), calls the Register and shapes its
typed result as ATOL's result JSON (:mod:`.results`). Bad or unsupported input raises
:class:`~sigmakkt.ValidationError` / :class:`~sigmakkt.errors.Unsupported` before anything is
sent; device errors propagate as sigmakkt errors. ``execute_safe`` returns
``{"error": {"code", "description"}}`` instead of raising (codes: :mod:`.error_codes`).

Print-only items: ``text`` items of a receipt are printed after the QR as the receipt's notes
(in task order; their alignment is not kept); ``barcode``, ``pixels`` and ``pictureFromMemory``
are accepted but not printed, and their count is returned as ``warnings.printItemsSkipped`` (a
sigmakkt addition; absent when zero).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from sigmakkt.atol import parse as P
from sigmakkt.atol import results as R
from sigmakkt.atol.compat import COMPATIBILITY, Support
from sigmakkt.atol.error_codes import atol_error
from sigmakkt.atol.values import check_fields
from sigmakkt.errors import SigmaKKTError, Unsupported, ValidationError
from sigmakkt.register.enums import OperationType
from sigmakkt.register.models import (
    PaperStatus,
    ReceiptResult,
    RegistrationInfo,
    RegistrationResult,
    ReportResult,
    ShiftResult,
    Status,
)

__all__ = ["SUPPORTED_TASKS", "RegisterLike", "execute", "execute_safe"]


class RegisterLike(Protocol):
    """The part of :class:`sigmakkt.Register` that tasks use."""

    @property
    def registration(self) -> RegistrationInfo | None: ...
    def status(self) -> Status: ...
    def paper_status(self) -> PaperStatus: ...


Handler = Callable[[Any, dict[str, Any], "dt.tzinfo | None", "str | None"], dict[str, Any]]

_METHOD = {OperationType.SELL: "sell", OperationType.SELL_RETURN: "sell_return",
           OperationType.BUY: "buy", OperationType.BUY_RETURN: "buy_return"}


def _notes(req: P.ReceiptRequest) -> list[str]:
    """The ``text`` items, printed as the receipt's notes."""
    return [item.text for item in req.print_items if item.kind == "text" and item.text]


def _skipped(out: dict[str, Any], req: P.ReceiptRequest) -> dict[str, Any]:
    skipped = len(req.print_items) - len(_notes(req))
    if skipped:
        out["warnings"]["printItemsSkipped"] = skipped
    return out


def _receipt(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
             serial: str | None) -> dict[str, Any]:
    req = P.parse_receipt(task)
    result: ReceiptResult = getattr(reg, _METHOD[req.operation])(
        list(req.items), list(req.payments), cashier=req.cashier, customer=req.customer,
        buyer=req.buyer, tax_system=req.tax_system, electronically=req.electronically,
        notes=_notes(req))
    return _skipped(R.receipt_result(result, reg.registration, tz,
                                     electronically=req.electronically), req)


def _correction(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                serial: str | None) -> dict[str, Any]:
    req = P.parse_correction(task)
    if req.electronically:
        raise Unsupported("electronic correction receipts are not supported; print them",
                          "electronically")
    result = reg.correction(list(req.items), list(req.payments),
                            correction_type=req.correction_type, basis=req.basis,
                            operation=req.operation, cashier=req.cashier,
                            customer=req.customer, buyer=req.buyer, tax_system=req.tax_system,
                            notes=_notes(req))
    return _skipped(R.receipt_result(result, reg.registration, tz), req)


def _no_electronic(req: P.OperatorRequest) -> None:
    if req.electronically:
        raise Unsupported("reports are always printed", "electronically")


def _open_shift(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                serial: str | None) -> dict[str, Any]:
    req = P.parse_operator_task(task)
    _no_electronic(req)
    if req.cashier is None:
        raise ValidationError("is required: the shift-open report names the cashier", "operator")
    result: ShiftResult = reg.open_shift(req.cashier)
    return R.shift_result(result, reg.registration, tz)


def _close_shift(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                 serial: str | None) -> dict[str, Any]:
    req = P.parse_operator_task(task)
    _no_electronic(req)
    result: ShiftResult = reg.close_shift(req.cashier)
    return R.shift_result(result, reg.registration, tz, close=True)


def _report_x(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
              serial: str | None) -> dict[str, Any]:
    req = P.parse_operator_task(task)
    _no_electronic(req)
    result: ReportResult = reg.x_report()
    return R.report_result(result, reg.registration, tz)


def _report_ofd(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                serial: str | None) -> dict[str, Any]:
    req = P.parse_operator_task(task)
    _no_electronic(req)
    result: ReportResult = reg.state_report(req.cashier)
    return R.report_result(result, reg.registration, tz)


def _no_agents(req: P.RegistrationRequest) -> None:
    if req.agents:
        raise Unsupported("agent roles at registration (tag 1057) are not implemented",
                          "organization.agents")


def _registration(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                  serial: str | None) -> dict[str, Any]:
    req = P.parse_registration(task)
    _no_agents(req)
    missing = [name for name, value in (
        ("organization.vatin", req.inn), ("device.registrationNumber", req.rnm),
        ("organization.name", req.org_name), ("organization.address", req.address),
        ("organization.taxationTypes", req.tax_systems)) if value is None]
    if missing:
        raise ValidationError("is required", missing[0])
    kkt_serial = req.kkt_serial or serial
    if kkt_serial is None:
        raise ValidationError(
            "is required: ATOL devices know their serial, sigmakkt needs it given — "
            "execute(..., kkt_serial=...) or device.serialNumber", "device.serialNumber")
    kwargs: dict[str, Any] = {"ofd_name": req.ofd_name, "work_modes": req.work_modes,
                              "sender_email": req.sender_email, "cashier": req.cashier}
    if req.ffd is not None:
        kwargs["ffd"] = req.ffd
    if req.fns_site is not None:
        kwargs["fns_site"] = req.fns_site
    result: RegistrationResult = reg.register(
        req.inn, req.rnm, kkt_serial, req.org_name, req.address, req.place, req.tax_systems,
        req.ofd_inn, **kwargs)
    return {"fiscalParams": R.fiscal_params(result, result.registration or reg.registration, tz),
            "warnings": R.warnings(result.printed)}


def _reregistration(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                    serial: str | None) -> dict[str, Any]:
    req = P.parse_registration(task, change=True)
    _no_agents(req)
    if not req.reasons:
        raise ValidationError(f"is required: one or more of {', '.join(P.REASONS)}", "reasons")
    changes: dict[str, Any] = {}
    for key in ("inn", "rnm", "kkt_serial", "org_name", "address", "place", "tax_systems",
                "ofd_inn", "ofd_name", "fns_site", "sender_email"):
        value = getattr(req, key)
        if value is not None:
            changes[key] = value
    if req.work_modes or "device" in task:
        changes["work_modes"] = req.work_modes
    if req.ffd is not None:
        raise Unsupported("the FFD version cannot change by re-registration", "device.ffdVersion")
    result: RegistrationResult = reg.reregister(req.reasons, cashier=req.cashier, **changes)
    return {"fiscalParams": R.fiscal_params(result, result.registration or reg.registration, tz),
            "warnings": R.warnings(result.printed)}


def _close_archive(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                   serial: str | None) -> dict[str, Any]:
    req = P.parse_operator_task(task)
    _no_electronic(req)
    info = reg.registration
    result: RegistrationResult = reg.close_fn(req.cashier)
    return {"fiscalParams": R.fiscal_params(result, info, tz),
            "warnings": R.warnings(result.printed)}


def _shift_status(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                  serial: str | None) -> dict[str, Any]:
    check_fields(task, "", ("type",))
    return R.shift_status(reg.status(), tz)


def _device_status(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                   serial: str | None) -> dict[str, Any]:
    check_fields(task, "", ("type",))
    clock = getattr(reg, "clock", None)
    now = clock.now() if clock is not None else dt.datetime.now()
    return R.device_status(reg.status(), reg.paper_status(), now, tz)


def _fn_info(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
             serial: str | None) -> dict[str, Any]:
    check_fields(task, "", ("type",))
    return R.fn_info(reg.status())


def _registration_info(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                       serial: str | None) -> dict[str, Any]:
    check_fields(task, "", ("type",))
    info = reg.registration
    if info is None:
        raise ValidationError("the KKT is not registered yet; run a registration task first",
                              "type")
    return R.registration_info(info)


def _continue_print(reg: Any, task: dict[str, Any], tz: dt.tzinfo | None,
                    serial: str | None) -> dict[str, Any]:
    check_fields(task, "", ("type",))
    reg.continue_print()
    pending = getattr(reg, "pending_prints", ())      # a property of Register: FD numbers
    left = pending() if callable(pending) else pending
    return {"warnings": {"notPrinted": len(left) > 0}}


#: Task type → handler, for every type this module runs.
_HANDLERS: dict[str, Handler] = {
    **{name: _receipt for name in ("sell", "sellReturn", "buy", "buyReturn")},
    **{name: _correction for name in P.CORRECTION_TASKS},
    "openShift": _open_shift,
    "closeShift": _close_shift,
    "reportX": _report_x,
    "reportOfdExchangeStatus": _report_ofd,
    "registration": _registration,
    "changeRegistrationParameters": _reregistration,
    "closeArchive": _close_archive,
    "getShiftStatus": _shift_status,
    "getDeviceStatus": _device_status,
    "getFnInfo": _fn_info,
    "getRegistrationInfo": _registration_info,
    "continuePrint": _continue_print,
}

#: The task types :func:`execute` runs.
SUPPORTED_TASKS = tuple(_HANDLERS)


def execute(register: Any, task: dict[str, Any], *, tz: dt.tzinfo | None = None,
            kkt_serial: str | None = None) -> dict[str, Any]:
    """Run one ATOL JSON task on ``register`` and return ATOL's result JSON as a dict.

    ``tz`` is the zone of the KKT clock for the result's date-times (default: the host's local
    offset); ``kkt_serial`` is the KKT serial for a ``registration`` task that does not carry
    ``device.serialNumber``. Sums in the result are ``Decimal`` (dump with
    :func:`sigmakkt.protocol.ffd.json_dumps`).
    """
    if not isinstance(task, dict):
        raise ValidationError(f"a task is a JSON object, not {type(task).__name__}")
    kind = task.get("type")
    handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        supported = ", ".join(SUPPORTED_TASKS)
        entry = COMPATIBILITY.get(kind) if isinstance(kind, str) else None
        if entry is not None and entry.support is Support.NOT:
            why = f" ({entry.note})" if entry.note else ""
            raise Unsupported(f"ATOL task {kind!r} is not supported by sigmakkt{why}; "
                              f"supported: {supported}", "type")
        raise ValidationError(f"unknown task type {kind!r}; supported: {supported}", "type")
    return handler(register, task, tz, kkt_serial)


def execute_safe(register: Any, task: dict[str, Any], *, tz: dt.tzinfo | None = None,
                 kkt_serial: str | None = None) -> dict[str, Any]:
    """Like :func:`execute`, but a sigmakkt error becomes ``{"error": {code, description}}``."""
    try:
        return execute(register, task, tz=tz, kkt_serial=kkt_serial)
    except SigmaKKTError as exc:
        return atol_error(exc).to_json()
