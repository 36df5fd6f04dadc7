"""Register results → ATOL Driver 10 result JSON (atol-protocol reference §3.6, §3.7).

Field names are ATOL's. Sums are ``Decimal`` rubles (JSON numbers: serialise with
:func:`sigmakkt.protocol.ffd.json_dumps`, which writes them digit for digit). Date-times are
ISO 8601 with an offset: the FN stores the KKT's wall-clock time without a zone, so the caller
says which zone that clock keeps (``tz``; default: the host's local offset).

``fiscalDocumentSign`` is the printed fiscal sign as a string of 10 digits, zero-padded: ATOL
returns it as a string that "may keep leading zeros" (reference §3.6); 10 digits is the width of
the Uint32 printed value [U: the padding width is our reading of that note].
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sigmakkt.atol import enums as E
from sigmakkt.register.enums import FNPhase, FNWarning
from sigmakkt.register.models import (
    FiscalResult,
    PaperStatus,
    ReceiptResult,
    RegistrationInfo,
    ReportResult,
    ShiftResult,
    Status,
)
from sigmakkt.register.validation import FNS_SITE

__all__ = [
    "SHIFT_DURATION",
    "device_status",
    "fiscal_params",
    "fn_info",
    "iso",
    "receipt_result",
    "registration_info",
    "report_result",
    "shift_result",
    "shift_status",
    "warnings",
]

#: A shift may stay open 24 hours (54-FZ art. 4.3; fn-protocol reference).
SHIFT_DURATION = dt.timedelta(hours=24)


def iso(moment: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """ISO 8601 with offset, seconds precision: ``2018-03-06T13:52:00+03:00``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
    return moment.replace(microsecond=0).isoformat()


def sign_text(sign: int) -> str:
    """The fiscal sign as ATOL returns it: a string of 10 digits."""
    return f"{sign:010d}"


def warnings(printed: bool, *, electronically: bool = False) -> dict[str, Any]:
    """``warnings``: ``notPrinted`` true = signed by the FN but not printed (send continuePrint);
    an electronic receipt is not meant to print, so it is never "not printed".
    ``dataForSendIsEmpty`` is always false: an electronic receipt without a contact is refused
    before anything is sent."""
    return {"notPrinted": not printed and not electronically, "dataForSendIsEmpty": False}


def fiscal_params(result: FiscalResult, info: RegistrationInfo | None,
                  tz: dt.tzinfo | None = None) -> dict[str, Any]:
    """``fiscalParams`` common to every fiscal document."""
    return {
        "fiscalDocumentDateTime": iso(result.datetime, tz),
        "fiscalDocumentNumber": result.fiscal_document_number,
        "fiscalDocumentSign": sign_text(result.fiscal_sign),
        "fnNumber": result.fn_number,
        "registrationNumber": info.rnm if info is not None else "",
        "fnsUrl": (info.fns_site if info is not None and info.fns_site else FNS_SITE),
    }


def receipt_result(result: ReceiptResult, info: RegistrationInfo | None,
                   tz: dt.tzinfo | None = None, *, electronically: bool = False
                   ) -> dict[str, Any]:
    """Result of a receipt or correction task (§3.6)."""
    params = fiscal_params(result, info, tz)
    params["fiscalReceiptNumber"] = result.receipt_number
    params["shiftNumber"] = result.shift_number
    params["total"] = result.total
    return {"fiscalParams": params,
            "warnings": warnings(result.printed, electronically=electronically)}


def shift_result(result: ShiftResult, info: RegistrationInfo | None,
                 tz: dt.tzinfo | None = None, *, close: bool = False) -> dict[str, Any]:
    """Result of openShift / closeShift (§3.7; closeShift adds ``receiptsCount``)."""
    params = fiscal_params(result, info, tz)
    params["shiftNumber"] = result.shift_number
    if close:
        params["receiptsCount"] = result.counters.receipts if result.counters else 0
    return {"fiscalParams": params, "warnings": warnings(result.printed)}


def report_result(result: ReportResult, info: RegistrationInfo | None,
                  tz: dt.tzinfo | None = None) -> dict[str, Any]:
    """Result of reportOfdExchangeStatus (a fiscal current-state report) or reportX."""
    out: dict[str, Any] = {"warnings": warnings(result.printed)}
    if result.fiscal_document_number is not None and result.fiscal_sign is not None:
        out["fiscalParams"] = {
            "fiscalDocumentDateTime": iso(result.datetime, tz),
            "fiscalDocumentNumber": result.fiscal_document_number,
            "fiscalDocumentSign": sign_text(result.fiscal_sign),
            "fnNumber": result.fn_number,
            "registrationNumber": info.rnm if info is not None else "",
            "shiftNumber": result.shift_number,
            "fnsUrl": (info.fns_site if info is not None and info.fns_site else FNS_SITE),
        }
        out["status"] = {
            "notSentCount": result.unsent_documents,
            "notSentFirstDocDateTime": (iso(result.oldest_unsent, tz)
                                        if result.oldest_unsent else None),
        }
    return out


def shift_state(status: Status) -> str:
    """``closed`` / ``opened`` / ``expired`` (open for more than 24 hours)."""
    if not status.shift_open:
        return "closed"
    return "expired" if status.shift_expired else "opened"


def shift_status(status: Status, tz: dt.tzinfo | None = None) -> dict[str, Any]:
    """``shiftStatus{state, number, expiredTime}`` (getShiftStatus)."""
    out: dict[str, Any] = {"state": shift_state(status), "number": status.shift_number}
    if status.shift_open and status.shift_opened_at is not None:
        out["expiredTime"] = iso(status.shift_opened_at + SHIFT_DURATION, tz)
    return {"shiftStatus": out}


def device_status(status: Status, paper: PaperStatus, now: dt.datetime,
                  tz: dt.tzinfo | None = None) -> dict[str, Any]:
    """``deviceStatus{…}`` (getDeviceStatus)."""
    fiscal = status.phase is FNPhase.FISCAL
    return {"deviceStatus": {
        "currentDateTime": iso(now, tz),
        "shift": shift_state(status),
        "blocked": False,
        "coverOpened": paper.cover_open,
        "paperPresent": paper.paper_present,
        "paperNearEnd": paper.paper_near_end,
        "fiscal": fiscal,
        "fnFiscal": fiscal,
        "fnPresent": True,
        "cashDrawerOpened": False,
    }}


def fn_info(status: Status) -> dict[str, Any]:
    """``fnInfo{…}`` (getFnInfo): what the Register's status knows."""
    w = status.warnings
    info: dict[str, Any] = {
        "serial": status.fn_number,
        "livePhase": E.phase_name(status.phase),
        "warnings": {
            "memoryOverflow": FNWarning.MEMORY_FULL in w,
            "needReplacement": FNWarning.URGENT_REPLACEMENT in w,
            "ofdTimeout": FNWarning.OFD_TIMEOUT in w,
            "resourceExhausted": FNWarning.RESOURCE_EXHAUSTION in w,
            "criticalError": FNWarning.CRITICAL in w,
        },
    }
    if status.fn_expiry is not None:
        info["validityDate"] = status.fn_expiry.isoformat()
    if status.registration is not None:
        info["ffdVersion"] = status.registration.ffd.label
    return {"fnInfo": info}


def registration_info(info: RegistrationInfo) -> dict[str, Any]:
    """``organization`` / ``device`` / ``ofd`` of getRegistrationInfo."""
    device: dict[str, Any] = {
        "registrationNumber": info.rnm,
        "fnsUrl": info.fns_site or FNS_SITE,
        "paymentsAddress": info.place or "",
        "ffdVersion": info.ffd.label,
    }
    device.update({name: mode in info.work_modes for name, mode in E.DEVICE_MODES.items()})
    return {
        "organization": {
            "name": info.org_name or "",
            "vatin": info.inn,
            "email": info.sender_email or "",
            "taxationTypes": E.taxation_names(info.tax_systems),
            "address": info.address or "",
        },
        "device": device,
        "ofd": {"name": info.ofd_name or "", "vatin": info.ofd_inn or ""},
    }

