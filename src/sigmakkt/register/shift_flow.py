"""Shift and state reports through the Register: check the state, sign, print.

The shift-open and shift-close reports (the latter with the shift's counters), the
current-state report (a fiscal document) and the non-fiscal X report (printed only).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd import encode_fields
from sigmakkt.protocol.fn.command import NO_DATA
from sigmakkt.protocol.fn.commands import (
    BEGIN_CLOSE_SHIFT,
    BEGIN_OPEN_SHIFT,
    BEGIN_STATE_REPORT,
    CLOSE_SHIFT,
    COMPLETE_STATE_REPORT,
    GET_SHIFT_PARAMETERS,
    OPEN_SHIFT,
    DateTimeRequest,
    FoundDocument,
)
from sigmakkt.protocol.fn.enums import DocumentType
from sigmakkt.register.enums import FNWarning
from sigmakkt.register.fiscal_documents import org_from_registration, report_fields
from sigmakkt.register.layout import (
    PrintableShiftReport,
    PrintableStateReport,
    PrintableXReport,
    layout_shift_report,
    layout_state_report,
    layout_x_report,
)
from sigmakkt.register.models import (
    Cashier,
    ReportKind,
    ReportResult,
    ShiftCounters,
    ShiftResult,
)
from sigmakkt.register.validation import check_cashier

if TYPE_CHECKING:
    from sigmakkt.register.register import Register


def open_shift(kkt: Register, cashier: Cashier) -> ShiftResult:
    """The shift-open report (see :meth:`Register.open_shift`); the caller holds the lock."""
    info = kkt._require_registered()
    checked_cashier = check_cashier(cashier, required=True)
    assert checked_cashier is not None
    cashier = checked_cashier
    data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
    st = kkt._state()
    if st.shift_open:
        raise ValidationError("a shift is already open; close it first", "shift")
    now = kkt._document_time(st)
    answer = kkt._run("shift-open report",
                      (BEGIN_OPEN_SHIFT, DateTimeRequest(now)), data,
                      (OPEN_SHIFT, NO_DATA), st.last_fd,
                      lambda f: f.document_type == DocumentType.SHIFT_OPEN)
    if isinstance(answer, FoundDocument):
        shift_no = kkt._fn.execute(GET_SHIFT_PARAMETERS).shift_number
        warnings = FNWarning(0)
    else:
        shift_no = answer.shift_number
        warnings = FNWarning(int(answer.warnings or 0))
    kkt._cashier = cashier
    kkt._shift_opened[shift_no] = now
    kkt._after_signed(now)
    printable = PrintableShiftReport(
        org=kkt._org_info(info), opening=True, shift_number=shift_no, datetime=now,
        fd_number=answer.fd, fiscal_sign=answer.fpd, cashier=cashier,
        warnings=warnings, ffd=info.ffd)
    outcome = kkt._print_document(answer.fd, layout_shift_report(printable),
                                  printable=printable)
    return ShiftResult(
        fiscal_document_number=answer.fd, fiscal_sign=answer.fpd, datetime=now,
        fn_number=kkt._fn_number, printed=outcome.printed, print_error=outcome.error,
        shift_number=shift_no, warnings=warnings)


def close_shift(kkt: Register, cashier: Cashier | None) -> ShiftResult:
    """The shift-close report (see :meth:`Register.close_shift`); the caller holds the lock."""
    info = kkt._require_registered()
    cashier = check_cashier(cashier, required=False) or kkt._cashier
    data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
    st = kkt._state()
    if not st.shift_open:
        raise ValidationError("no shift is open", "shift")
    now = kkt._document_time(st)
    counters = kkt._shift_counters()
    unsent, oldest = kkt._unsent()
    answer = kkt._run("shift-close report",
                      (BEGIN_CLOSE_SHIFT, DateTimeRequest(now)), data,
                      (CLOSE_SHIFT, NO_DATA), st.last_fd,
                      lambda f: f.document_type == DocumentType.SHIFT_CLOSE)
    if isinstance(answer, FoundDocument):
        shift_no = kkt._fn.execute(GET_SHIFT_PARAMETERS).shift_number
        warnings = FNWarning(0)
    else:
        shift_no = answer.shift_number
        warnings = FNWarning(int(answer.warnings or 0))
    kkt._after_signed(now)
    printable = PrintableShiftReport(
        org=kkt._org_info(info), opening=False, shift_number=shift_no, datetime=now,
        fd_number=answer.fd, fiscal_sign=answer.fpd, cashier=cashier,
        counters=counters, unsent_documents=unsent, oldest_unsent=oldest,
        warnings=warnings, ffd=info.ffd)
    outcome = kkt._print_document(answer.fd, layout_shift_report(printable),
                                  printable=printable, counters=counters)
    return ShiftResult(
        fiscal_document_number=answer.fd, fiscal_sign=answer.fpd, datetime=now,
        fn_number=kkt._fn_number, printed=outcome.printed, print_error=outcome.error,
        shift_number=shift_no, warnings=warnings, counters=counters,
        unsent_documents=unsent, oldest_unsent=oldest)


def x_report(kkt: Register) -> ReportResult:
    """The X report (see :meth:`Register.x_report`); the caller holds the lock."""
    info = kkt._require_registered()
    shift = kkt._fn.execute(GET_SHIFT_PARAMETERS)
    counters = kkt._shift_counters() or ShiftCounters()
    unsent, oldest = kkt._unsent()
    now = kkt.clock.now().replace(microsecond=0)
    printable = PrintableXReport(
        org=kkt._org_info(info), datetime=now, shift_number=shift.shift_number,
        shift_open=shift.shift_open, counters=counters, unsent_documents=unsent,
        oldest_unsent=oldest, cashier=kkt._cashier)
    outcome = kkt._print.print_layout(layout_x_report(printable))
    return ReportResult(
        kind=ReportKind.X, datetime=now, fn_number=kkt._fn_number,
        printed=outcome.printed, print_error=outcome.error,
        shift_number=shift.shift_number, unsent_documents=unsent, oldest_unsent=oldest,
        counters=counters)


def state_report(kkt: Register, cashier: Cashier | None) -> ReportResult:
    """The current-state report (see :meth:`Register.state_report`); the caller holds the
    lock."""
    info = kkt._require_registered()
    cashier = check_cashier(cashier, required=False) or kkt._cashier
    data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
    st = kkt._state()
    shift = kkt._fn.execute(GET_SHIFT_PARAMETERS)
    now = kkt._document_time(st)
    answer = kkt._run("current-state report",
                      (BEGIN_STATE_REPORT, DateTimeRequest(now)), data,
                      (COMPLETE_STATE_REPORT, NO_DATA), st.last_fd,
                      lambda f: f.document_type == DocumentType.STATE_REPORT)
    if isinstance(answer, FoundDocument):
        unsent, first = kkt._unsent()
        oldest = first
    else:
        unsent = answer.unconfirmed
        first_day = answer.first_unconfirmed
        oldest = (dt.datetime(first_day.year, first_day.month, first_day.day)
                  if first_day is not None else None)
    kkt._after_signed(now)
    printable = PrintableStateReport(
        org=kkt._org_info(info), datetime=now, fd_number=answer.fd,
        fiscal_sign=answer.fpd, shift_number=shift.shift_number,
        shift_open=shift.shift_open, unsent_documents=unsent, oldest_unsent=oldest,
        cashier=cashier, warnings=FNWarning(int(st.warnings)))
    outcome = kkt._print_document(answer.fd, layout_state_report(printable),
                                  printable=printable)
    return ReportResult(
        kind=ReportKind.STATE, datetime=now, fn_number=kkt._fn_number,
        printed=outcome.printed, print_error=outcome.error,
        fiscal_document_number=answer.fd, fiscal_sign=answer.fpd,
        shift_number=shift.shift_number, unsent_documents=unsent,
        oldest_unsent=oldest)
