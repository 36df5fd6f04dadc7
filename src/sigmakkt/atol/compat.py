"""Which ATOL Driver 10 JSON task types sigmakkt runs: every type of the atol-protocol reference
§3.2, as data. ``docs/atol-json.rst`` holds this table; ``tests/atol/test_compat.py`` checks the
two are equal, so they cannot drift."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["COMPATIBILITY", "Compat", "Support", "rst_table"]


class Support(Enum):
    """How far a task type is supported."""

    SUPPORTED = "supported"
    PARTLY = "partly"
    NOT = "not"


@dataclass(frozen=True)
class Compat:
    """Support level of one task type and, unless fully supported, what is missing."""

    group: str
    support: Support
    note: str = ""


_S, _P, _N = Support.SUPPORTED, Support.PARTLY, Support.NOT
_RECEIPT_NOTE = ("no marking (markingCode, imcParams), discounts, receipt-level agent/supplier, "
                 "industry/operation info, custom or user attributes; text items print after "
                 "the QR (alignment not kept); barcode and pixels items are accepted but not "
                 "printed")

#: Every ATOL task type (reference §3.2) → support level and what is missing.
COMPATIBILITY: dict[str, Compat] = {
    # shift / reports
    "openShift": Compat("Shift / reports", _S),
    "closeShift": Compat("Shift / reports", _S),
    "reportX": Compat("Shift / reports", _S),
    "reportOfdExchangeStatus": Compat("Shift / reports", _P,
                                      "fiscalParams and status only; no fnQuantityCounters, "
                                      "fnTotals, fnUnsentDocsCounters"),
    "reportDepartments": Compat("Shift / reports", _N, "departments are not kept"),
    "reportFnRegistrations": Compat("Shift / reports", _N),
    "printLastReceiptCopy": Compat("Shift / reports", _N),
    "printFnDocument": Compat("Shift / reports", _N, "use Register.document(n) and the CLI"),
    "printDocumentsFromJournal": Compat("Shift / reports", _N),
    "continuePrint": Compat("Shift / reports", _S),
    # receipts
    "sell": Compat("Receipts", _P, _RECEIPT_NOTE),
    "sellReturn": Compat("Receipts", _P, _RECEIPT_NOTE),
    "buy": Compat("Receipts", _P, _RECEIPT_NOTE),
    "buyReturn": Compat("Receipts", _P, _RECEIPT_NOTE),
    "sellCorrection": Compat("Receipts", _P, _RECEIPT_NOTE),
    "sellReturnCorrection": Compat("Receipts", _P, _RECEIPT_NOTE),
    "buyCorrection": Compat("Receipts", _P, _RECEIPT_NOTE),
    "buyReturnCorrection": Compat("Receipts", _P, _RECEIPT_NOTE),
    "nonFiscal": Compat("Receipts", _N, "non-fiscal documents are not implemented"),
    # cash
    "cashIn": Compat("Cash", _N, "the register keeps no cash-drawer counters"),
    "cashOut": Compat("Cash", _N, "the register keeps no cash-drawer counters"),
    "openCashDrawer": Compat("Cash", _N, "no cash drawer"),
    "getCashDrawerStatus": Compat("Cash", _N, "no cash drawer"),
    # queries
    "getDeviceStatus": Compat("Queries", _P,
                              "blocked and cashDrawerOpened are always false; "
                              "currentDateTime is the host clock"),
    "getDeviceInfo": Compat("Queries", _N),
    "getShiftStatus": Compat("Queries", _S),
    "getShiftTotals": Compat("Queries", _N, "use reportX or the archive reports"),
    "getOverallTotals": Compat("Queries", _N),
    "getDepartmentSum": Compat("Queries", _N),
    "getFnInfo": Compat("Queries", _P,
                        "serial, livePhase, validityDate, ffdVersion and warnings; no version, "
                        "execution or registration counts"),
    "getFnStatus": Compat("Queries", _N),
    "ofdExchangeStatus": Compat("Queries", _N, "use reportOfdExchangeStatus or Register.status()"),
    "ismExchangeStatus": Compat("Queries", _N, "no marking (ISM)"),
    "getRegistrationInfo": Compat("Queries", _P,
                                  "organization, device and ofd from the FN's registration; "
                                  "no ism, ofd host/port"),
    "getFnDocument": Compat("Queries", _N, "use Register.document(n)"),
    "getLicenses": Compat("Queries", _N),
    "getMcu": Compat("Queries", _N),
    "getDeviceParameters": Compat("Queries", _N),
    # setup
    "registration": Compat("Setup", _P,
                           "no ofdChannel, machineNumber, defaultTaxationType or ism; "
                           "ofd host/port/dns are ignored"),
    "fnChange": Compat("Setup", _N, "FN replacement needs a new FN"),
    "changeRegistrationParameters": Compat("Setup", _P,
                                           "as registration; reasons[] use sigmakkt names"),
    "closeArchive": Compat("Setup", _S),
    "setDateTime": Compat("Setup", _N, "the FN clock is the host's"),
    "setDeviceParameters": Compat("Setup", _N),
    "uploadPictureCliche": Compat("Setup", _N),
    # marking
    **{name: Compat("Marking (FFD 1.2)", _N, "marking is not implemented") for name in (
        "beginMarkingCodeValidation", "getMarkingCodeValidationStatus", "acceptMarkingCode",
        "declineMarkingCode", "cancelMarkingCodeValidation", "clearMarkingCodeValidationResult",
        "checkMarkingCodeValidationsReady", "validateMarks", "addMarksToBuffer", "pingIsm",
        "checkImcWorkState", "checkImcTime")},
}


def rst_table() -> str:
    """The compatibility table as a reStructuredText list-table (what docs/atol-json.rst holds)."""
    lines = [".. list-table:: ATOL Driver 10 task types",
             "   :header-rows: 1",
             "   :widths: 18 28 12 42",
             "",
             "   * - Group",
             "     - Task type",
             "     - Support",
             "     - Missing"]
    for name, c in COMPATIBILITY.items():
        lines += [f"   * - {c.group}",
                  f"     - ``{name}``",
                  f"     - {c.support.value}",
                  f"     - {c.note or '—'}"]
    return "\n".join(lines) + "\n"
