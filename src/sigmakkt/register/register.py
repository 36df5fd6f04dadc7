"""The cash register: builds each fiscal document, has the FN sign it, prints it.

:class:`Register` is the public API of DESIGN.md ("Product surface"). It talks to the FN through
:class:`~sigmakkt.fn.client.FiscalStorage` and to the printer through
:class:`~sigmakkt.printer.Printer`; what it does for every fiscal operation:

1. validate the caller's data (:mod:`.validation`) — nothing is sent when this fails;
2. read the FN state (30h, 10h) and check the state rules: registered, shift open and not older
   than 24 hours, the clock rule (below);
3. note the last FD number, then Begin → 07h (whole TLVs, ≤ 1536 bytes a frame) → Complete
   (:mod:`.session`); a lost answer is resolved by asking the FN (:mod:`.recovery`), so a sale
   is never signed twice;
4. print the layout (:mod:`.layout`); a failure after signing gives ``printed=False`` and puts
   the document on the pending list for :meth:`Register.continue_print` (:mod:`.print_job`).

Clock rule. The FN keeps its own timer but exposes no clock; the only FN time the KKT can read
is the date of the last document (30h). The Register therefore refuses a document when (a) the
KKT clock is before the FN's last document (minute resolution), or (b) since the last document
this Register signed, the KKT clock advanced more than 5 minutes more or less than the
monotonic timer did — the same comparison the FN makes between the KKT's date and its own timer
(FN answer 17h "time difference", fn-protocol reference §4).

One operation at a time: every public method holds an ``RLock``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from sigmakkt.errors import (
    FNError,
    OutcomeUnknown,
    SigmaKKTError,
    ValidationError,
)
from sigmakkt.fn.client import CommandCodec, FiscalStorage
from sigmakkt.protocol.ffd import Document, ReceiptQR, encode_fields
from sigmakkt.protocol.fn.command import NO_DATA
from sigmakkt.protocol.fn.commands import (
    AUTONOMOUS_OFD_INN,
    BEGIN_CLOSE_FN,
    BEGIN_CLOSE_SHIFT,
    BEGIN_CORRECTION_RECEIPT,
    BEGIN_OPEN_SHIFT,
    BEGIN_RECEIPT,
    BEGIN_REGISTRATION,
    BEGIN_REGISTRATION_V2,
    BEGIN_STATE_REPORT,
    CLOSE_FN,
    CLOSE_SHIFT,
    COMPLETE_RECEIPT,
    COMPLETE_REGISTRATION,
    COMPLETE_REGISTRATION_V2,
    COMPLETE_STATE_REPORT,
    GET_COUNTERS,
    GET_EXPIRY,
    GET_OFD_STATUS,
    GET_REGISTRATION_RESULTS,
    GET_SHIFT_PARAMETERS,
    GET_STATUS,
    OPEN_SHIFT,
    BeginRegistration,
    BeginRegistrationV2,
    CloseFN,
    CompleteReceipt,
    CompleteRegistration,
    CompleteRegistrationV2,
    CountersRequest,
    DateTimeRequest,
    FNStatus,
    FoundDocument,
    RegistrationResultsRequest,
    ShiftParameters,
)
from sigmakkt.protocol.fn.commands.archive import ReceiptDetails
from sigmakkt.protocol.fn.commands.status import FNCounters
from sigmakkt.protocol.fn.commands.status import OperationCounters as FNOperationCounters
from sigmakkt.protocol.fn.enums import (
    CounterScope,
    DocumentCode,
    DocumentType,
    RegistrationType,
)
from sigmakkt.register import archive, from_archive, recovery
from sigmakkt.register.enums import (
    VAT,
    CorrectionType,
    FFDVersion,
    FNPhase,
    FNWarning,
    OperationType,
    PaymentType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
    work_mode_flags,
)
from sigmakkt.register.fiscal_documents import (
    CorrectionData,
    OrgData,
    check_automat_number,
    org_from_registration,
    receipt_fields,
    registration_fields,
    report_fields,
)
from sigmakkt.register.layout import (
    CorrectionInfo,
    OrgInfo,
    PrintableFNClose,
    PrintableReceipt,
    PrintableRegistration,
    PrintableShiftReport,
    PrintableStateReport,
    PrintableXReport,
    layout_fn_close,
    layout_receipt,
    layout_registration,
    layout_shift_report,
    layout_state_report,
    layout_x_report,
)
from sigmakkt.register.lines import Align, Layout, TextLine
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionResult,
    Item,
    OperationCounters,
    PaperStatus,
    Payment,
    ReceiptResult,
    RegistrationInfo,
    RegistrationResult,
    ReportKind,
    ReportResult,
    ShiftCounters,
    ShiftResult,
    Status,
)
from sigmakkt.register.money import to_rubles
from sigmakkt.register.print_job import PrintOutcome, PrintQueue
from sigmakkt.register.session import DocumentSession
from sigmakkt.register.validation import (
    FNS_SITE,
    CheckedReceipt,
    check_document_time,
    check_notes,
    check_shift,
    validate_correction,
    validate_receipt,
    validate_registration,
)

log = logging.getLogger("sigmakkt.register")

#: File name of the pending-print journal that ``Register.emulated`` keeps in its state dir.
JOURNAL_NAME = "register-pending.json"
#: Options of ``Register.emulated`` that configure the Register rather than the emulator.
_EMULATED_REGISTER_OPTIONS = ("legible_text", "ofd_warning_days", "copy_mark_on_continue")

Ans = TypeVar("Ans")

#: How many receipts' change amounts are remembered for reprints.
CHANGE_MEMORY = 1000

#: Largest disagreement between the KKT clock and the monotonic timer between two documents.
MAX_CLOCK_DRIFT = dt.timedelta(minutes=5)


class ClockLike(Protocol):
    """Anything with ``now() -> datetime`` (naive, the KKT's wall clock)."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The computer's local wall clock."""

    def now(self) -> dt.datetime:
        """Local time, naive, whole seconds."""
        return dt.datetime.now().replace(microsecond=0)


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


class Register:
    """A cash register made of an FN (and optionally a printer); see the module docstring.

    Build it with :meth:`connect` (device URLs) or :meth:`emulated` (an in-process emulator);
    use it as a context manager or call :meth:`close`.
    """

    def __init__(self, fn: FiscalStorage, printer: Any = None, *,
                 clock: ClockLike | None = None,
                 monotonic: Callable[[], float] | None = None,
                 ofd: tuple[str, int] | None = None,
                 emulator: Any = None, copy_mark_on_continue: bool = False,
                 ofd_warning_days: float = 5,
                 journal: str | os.PathLike[str] | None = None,
                 legible_text: bool = True) -> None:
        self._fn = fn
        #: ``journal``: a file that keeps the signed-but-unprinted documents across restarts.
        #: ``legible_text``: double-height text so lowercase letters are ≥ 2 mm (FNS order
        #: ЕД-7-20/236@); turn it off only for a printer whose own font already meets the rule.
        self._print = PrintQueue(printer, journal, legible=legible_text)
        self.clock: ClockLike = clock if clock is not None else SystemClock()
        self._monotonic = monotonic if monotonic is not None else time.monotonic
        self.ofd_address = ofd
        #: ``status()`` warns when fewer than this many days remain before the 30-day block.
        self.ofd_warning_days = ofd_warning_days
        self._ofd_sender: Any = None
        self.emulator = emulator
        self.copy_mark_on_continue = copy_mark_on_continue
        self._lock = threading.RLock()
        self._registration: RegistrationInfo | None = None
        self._fn_number = ""
        self._cashier: Cashier | None = None
        self._shift_opened: dict[int, dt.datetime] = {}
        self._last_signed: tuple[dt.datetime, float] | None = None
        self._last_signed_fd = 0
        #: Change given per receipt FD (the FN does not store it), for reprints; bounded.
        self._change: dict[int, int] = {}
        self._closed = False
        with self._lock:
            self._startup()

    # --- construction --------------------------------------------------------------------------

    @classmethod
    def connect(cls, fn: str, printer: str | None = None, *, clock: ClockLike | None = None,
                ofd: tuple[str, int] | None = None, fn_options: dict[str, Any] | None = None,
                printer_options: dict[str, Any] | None = None, **options: Any) -> Register:
        """Open the FN at URL ``fn`` and the printer at URL ``printer`` (or none).

        ``fn_options`` go to :class:`~sigmakkt.fn.client.FiscalStorage` (``deadlines``,
        ``enq_retries`` …), ``printer_options`` to :class:`~sigmakkt.printer.Printer`;
        ``ofd`` is the default (host, port) of :meth:`ofd_exchange`.
        """
        from sigmakkt.printer import Printer
        from sigmakkt.transport.url import open_transport

        storage = FiscalStorage.open(fn, **(fn_options or {}))
        device = None
        try:
            if printer is not None:
                device = Printer(open_transport(printer), **(printer_options or {}))
            return cls(storage, device, clock=clock, ofd=ofd, **options)
        except BaseException:
            storage.close()
            if device is not None:
                device.transport.close()
            raise

    @classmethod
    def emulated(cls, state_dir: str | None = None, transport: str = "emu", *,
                 clock: ClockLike | None = None, emulator_clock: Any = None,
                 fn_options: dict[str, Any] | None = None,
                 printer_options: dict[str, Any] | None = None,
                 **emulator_options: Any) -> Register:
        """A Register on a fresh :class:`sigmakkt_emulator.Emulator` it owns (``.emulator``).

        ``emulator_clock`` is the devices' clock (a ``sigmakkt_emulator.clock.Clock``; default
        a running one). The KKT clock is that clock unless ``clock`` is given; the monotonic
        timer of the clock rule follows the devices' clock, so ``emulator.clock.advance`` moves
        both. Keyword arguments the Register takes (``legible_text``, ``ofd_warning_days``,
        ``copy_mark_on_continue``) go to it; the others go to the ``Emulator``.
        """
        from sigmakkt_emulator.emulator import Emulator

        own = {k: emulator_options.pop(k) for k in _EMULATED_REGISTER_OPTIONS
               if k in emulator_options}
        emu = Emulator(state_dir, transport, clock=emulator_clock, **emulator_options).start()
        try:
            base = emu.clock
            journal = None if state_dir is None else os.path.join(state_dir, JOURNAL_NAME)
            kkt = cls.connect(
                emu.fn_url, emu.printer_url, clock=clock if clock is not None else base,
                ofd=emu.ofd_address, fn_options=fn_options, printer_options=printer_options,
                monotonic=lambda: base.now().timestamp(), emulator=emu, journal=journal, **own)
        except BaseException:
            emu.close()
            raise
        return kkt

    def _startup(self) -> None:
        """Read the FN's identity and registration; cancel a document a crash left open."""
        recovery.cancel_open_document(self._fn)
        status = self._fn.execute(GET_STATUS)
        self._fn_number = status.fn_number
        if status.phase != FNPhase.READY and status.phase != FNPhase.SETUP:
            self._registration = self._read_registration()

    def close(self) -> None:
        """Close the device links (and the owned emulator)."""
        # Stop the sender first, outside the lock: its pass may be waiting for the lock.
        self.stop_ofd_sender()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._fn.close()
            finally:
                printer = self._print.printer
                if printer is not None:
                    printer.transport.close()
                if self.emulator is not None:
                    self.emulator.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Register FN {self._fn_number or '?'}>"

    # --- state ---------------------------------------------------------------------------------

    @property
    def fn_number(self) -> str:
        """The FN's serial number."""
        return self._fn_number

    @property
    def registration(self) -> RegistrationInfo | None:
        """The registration data (``None`` before registration)."""
        return self._registration

    def status(self) -> Status:
        """The FN and printer state (see :class:`~sigmakkt.register.models.Status`)."""
        with self._lock:
            st = self._fn.execute(GET_STATUS)
            shift = self._fn.execute(GET_SHIFT_PARAMETERS)
            unsent, oldest = self._unsent()
            ofd_warning = self._ofd_warning(unsent, oldest)
            expiry = None
            try:
                expiry = self._fn.execute(GET_EXPIRY).expiry
            except FNError:
                pass
            opened = self._shift_opened_at(shift, st) if shift.shift_open else None
            now = self.clock.now()
            paper = self._print.paper_status() if self._print.printer is not None else None
            phase = st.phase if isinstance(st.phase, FNPhase) else FNPhase(st.phase)
            return Status(
                phase=phase, fn_number=st.fn_number, shift_open=shift.shift_open,
                shift_number=shift.shift_number, last_document_number=st.last_fd,
                unsent_documents=unsent, oldest_unsent=oldest,
                warnings=FNWarning(int(st.warnings)), registration=self._registration,
                shift_opened_at=opened,
                shift_expired=opened is not None and now - opened > dt.timedelta(hours=24),
                receipt_number=shift.receipt_number, fn_expiry=expiry, paper=paper,
                ofd_days_left=None if ofd_warning is None else ofd_warning.days_left,
                ofd_warning=None if ofd_warning is None else ofd_warning.message)

    def paper_status(self) -> PaperStatus:
        """The printer's paper, cover and cutter state."""
        with self._lock:
            return self._print.paper_status()

    @property
    def pending_prints(self) -> list[int]:
        """FD numbers of signed documents not printed yet."""
        with self._lock:
            return [p.fd for p in self._print.pending]

    # --- registration --------------------------------------------------------------------------

    def register(self, inn: str, rnm: str, kkt_serial: str, org_name: str, address: str,
                 place: str | None, tax_systems: Iterable[TaxSystem] | TaxSystem,
                 ofd_inn: str | None, ofd_name: str | None = None, ffd: FFDVersion | str = "1.2",
                 work_modes: Iterable[WorkMode] = (), fns_site: str = FNS_SITE,
                 sender_email: str | None = None, cashier: Cashier | None = None,
                 automat_number: str | None = None) -> RegistrationResult:
        """Fiscalise the FN (registration report); prints the report."""
        with self._lock:
            info = validate_registration(
                inn=inn, rnm=rnm, kkt_serial=kkt_serial, org_name=org_name, address=address,
                tax_systems=tax_systems, ffd=ffd, place=place, work_modes=work_modes,
                ofd_inn=ofd_inn, ofd_name=ofd_name, fns_site=fns_site,
                sender_email=sender_email)
            self._check_cashier(cashier, required=False)
            if automat_number is not None:
                check_automat_number(automat_number)
            fields = registration_fields(info, cashier=cashier, automat_number=automat_number)
            data = encode_fields(fields)
            st = self._state()
            if st.phase != FNPhase.READY:
                raise ValidationError(
                    f"the FN is in phase {getattr(st.phase, 'name', st.phase)}, not ready for "
                    "registration; use reregister() to change the data of a registered KKT",
                    "phase")
            return self._registration_document(info, RegistrationType.REGISTRATION, None,
                                               data, st, cashier)

    def reregister(self, reasons: ReregistrationReason, *, cashier: Cashier | None = None,
                   automat_number: str | None = None, **changes: Any) -> RegistrationResult:
        """Change the registration data (report on changed parameters); prints the report.

        ``changes`` are :meth:`register`'s keyword arguments that change (``address=…``,
        ``ofd_inn=…``, ``tax_systems=…`` …); the others keep their registered values.
        """
        with self._lock:
            current = self._require_registered()
            if not isinstance(reasons, ReregistrationReason) or not reasons:
                raise ValidationError("give the reasons as sigmakkt ReregistrationReason flags",
                                      "reasons")
            allowed = {"inn", "rnm", "kkt_serial", "org_name", "address", "place",
                       "tax_systems", "ofd_inn", "ofd_name", "work_modes", "fns_site",
                       "sender_email"}
            unknown = set(changes) - allowed
            if unknown:
                raise ValidationError(f"cannot change {sorted(unknown)}", sorted(unknown)[0])
            args: dict[str, Any] = {
                "inn": current.inn, "rnm": current.rnm, "kkt_serial": current.kkt_serial,
                "org_name": current.org_name, "address": current.address,
                "place": current.place, "tax_systems": current.tax_systems,
                "ofd_inn": current.ofd_inn, "ofd_name": current.ofd_name,
                "work_modes": current.work_modes, "fns_site": current.fns_site or FNS_SITE,
                "sender_email": current.sender_email,
            }
            args.update(changes)
            info = validate_registration(ffd=current.ffd, **args)
            self._check_cashier(cashier, required=False)
            if automat_number is not None:
                check_automat_number(automat_number)
            data = encode_fields(registration_fields(info, cashier=cashier,
                                                     automat_number=automat_number))
            st = self._state()
            shift = self._fn.execute(GET_SHIFT_PARAMETERS)
            if shift.shift_open:
                raise ValidationError("close the shift before changing the registration",
                                      "shift")
            kind = (RegistrationType.REREGISTRATION_FN_REPLACEMENT
                    if ReregistrationReason.FN_REPLACED in reasons
                    else RegistrationType.REREGISTRATION)
            return self._registration_document(info, kind, reasons, data, st, cashier)

    def _registration_document(self, info: RegistrationInfo, kind: RegistrationType,
                               reasons: ReregistrationReason | None, data: bytes,
                               st: FNStatus, cashier: Cashier | None) -> RegistrationResult:
        now = self._document_time(st)
        mode, ext = work_mode_flags(info.work_modes, info.ffd)
        begin: tuple[CommandCodec[Any, Any], Any]
        complete: tuple[CommandCodec[Any, Any], Any]
        if info.ffd is FFDVersion.FFD_12:
            begin = (BEGIN_REGISTRATION_V2, BeginRegistrationV2(kind, FFDVersion.FFD_12))
            complete = (COMPLETE_REGISTRATION_V2, CompleteRegistrationV2(
                now, info.inn, info.rnm, info.tax_systems, mode, ext,
                info.ofd_inn or AUTONOMOUS_OFD_INN, reasons))
        else:
            begin = (BEGIN_REGISTRATION, BeginRegistration(kind))
            reason = (reasons.ffd105_code()
                      if reasons is not None and kind is RegistrationType.REREGISTRATION
                      else None)
            complete = (COMPLETE_REGISTRATION, CompleteRegistration(
                now, info.inn, info.rnm, info.tax_systems, mode, reason))
        types = {DocumentType.REGISTRATION, DocumentType.REREGISTRATION}
        what = "registration report" if reasons is None else "re-registration report"
        answer = self._run(what, begin, data, complete, st.last_fd,
                           lambda f: f.document_type in types)
        fd, sign = answer.fd, answer.fpd
        self._registration = info
        self._after_signed(now)
        org = self._org_info(info)
        printable = PrintableRegistration(
            org=org, datetime=now, fd_number=fd, fiscal_sign=sign, tax_systems=info.tax_systems,
            work_modes=info.work_modes, ffd=info.ffd, ofd_name=info.ofd_name,
            ofd_inn=info.ofd_inn, cashier=cashier, reason=reasons)
        outcome = self._print_document(fd, layout_registration(printable), printable=printable)
        return RegistrationResult(
            fiscal_document_number=fd, fiscal_sign=sign, datetime=now,
            fn_number=self._fn_number, printed=outcome.printed, print_error=outcome.error,
            registration=info, reason=reasons)

    def close_fn(self, cashier: Cashier | None = None) -> RegistrationResult:
        """Close the FN's fiscal mode (FN-close report); prints the report."""
        with self._lock:
            info = self._require_registered()
            cashier = self._check_cashier(cashier, required=False)
            data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
            st = self._state()
            if self._fn.execute(GET_SHIFT_PARAMETERS).shift_open:
                raise ValidationError("close the shift before closing the FN", "shift")
            now = self._document_time(st)
            answer = self._run("FN-close report", (BEGIN_CLOSE_FN, NO_DATA), data,
                               (CLOSE_FN, CloseFN(now, info.rnm)), st.last_fd,
                               lambda f: f.document_type == DocumentType.FN_CLOSE)
            fd, sign = answer.fd, answer.fpd
            self._after_signed(now)
            printable = PrintableFNClose(org=self._org_info(info), datetime=now, fd_number=fd,
                                         fiscal_sign=sign, cashier=cashier)
            outcome = self._print_document(fd, layout_fn_close(printable), printable=printable)
            return RegistrationResult(
                fiscal_document_number=fd, fiscal_sign=sign, datetime=now,
                fn_number=self._fn_number, printed=outcome.printed, print_error=outcome.error,
                registration=info)

    # --- shifts and reports --------------------------------------------------------------------

    def open_shift(self, cashier: Cashier) -> ShiftResult:
        """Open a shift (shift-open report, printed); ``cashier`` becomes the default."""
        with self._lock:
            info = self._require_registered()
            checked_cashier = self._check_cashier(cashier, required=True)
            assert checked_cashier is not None
            cashier = checked_cashier
            data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
            st = self._state()
            if st.shift_open:
                raise ValidationError("a shift is already open; close it first", "shift")
            now = self._document_time(st)
            answer = self._run("shift-open report",
                               (BEGIN_OPEN_SHIFT, DateTimeRequest(now)), data,
                               (OPEN_SHIFT, NO_DATA), st.last_fd,
                               lambda f: f.document_type == DocumentType.SHIFT_OPEN)
            if isinstance(answer, FoundDocument):
                shift_no = self._fn.execute(GET_SHIFT_PARAMETERS).shift_number
                warnings = FNWarning(0)
            else:
                shift_no = answer.shift_number
                warnings = FNWarning(int(answer.warnings or 0))
            self._cashier = cashier
            self._shift_opened[shift_no] = now
            self._after_signed(now)
            printable = PrintableShiftReport(
                org=self._org_info(info), opening=True, shift_number=shift_no, datetime=now,
                fd_number=answer.fd, fiscal_sign=answer.fpd, cashier=cashier,
                warnings=warnings, ffd=info.ffd)
            outcome = self._print_document(answer.fd, layout_shift_report(printable),
                                           printable=printable)
            return ShiftResult(
                fiscal_document_number=answer.fd, fiscal_sign=answer.fpd, datetime=now,
                fn_number=self._fn_number, printed=outcome.printed, print_error=outcome.error,
                shift_number=shift_no, warnings=warnings)

    def close_shift(self, cashier: Cashier | None = None) -> ShiftResult:
        """Close the shift (shift-close report with the shift's counters, printed).

        A shift older than 24 hours can (and must) still be closed.
        """
        with self._lock:
            info = self._require_registered()
            cashier = self._check_cashier(cashier, required=False) or self._cashier
            data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
            st = self._state()
            if not st.shift_open:
                raise ValidationError("no shift is open", "shift")
            now = self._document_time(st)
            counters = self._shift_counters()
            unsent, oldest = self._unsent()
            answer = self._run("shift-close report",
                               (BEGIN_CLOSE_SHIFT, DateTimeRequest(now)), data,
                               (CLOSE_SHIFT, NO_DATA), st.last_fd,
                               lambda f: f.document_type == DocumentType.SHIFT_CLOSE)
            if isinstance(answer, FoundDocument):
                shift_no = self._fn.execute(GET_SHIFT_PARAMETERS).shift_number
                warnings = FNWarning(0)
            else:
                shift_no = answer.shift_number
                warnings = FNWarning(int(answer.warnings or 0))
            self._after_signed(now)
            printable = PrintableShiftReport(
                org=self._org_info(info), opening=False, shift_number=shift_no, datetime=now,
                fd_number=answer.fd, fiscal_sign=answer.fpd, cashier=cashier,
                counters=counters, unsent_documents=unsent, oldest_unsent=oldest,
                warnings=warnings, ffd=info.ffd)
            outcome = self._print_document(answer.fd, layout_shift_report(printable),
                                           printable=printable, counters=counters)
            return ShiftResult(
                fiscal_document_number=answer.fd, fiscal_sign=answer.fpd, datetime=now,
                fn_number=self._fn_number, printed=outcome.printed, print_error=outcome.error,
                shift_number=shift_no, warnings=warnings, counters=counters,
                unsent_documents=unsent, oldest_unsent=oldest)

    def x_report(self) -> ReportResult:
        """Print the non-fiscal X report: the open shift's counters (FN 36h/37h), no FD."""
        with self._lock:
            info = self._require_registered()
            shift = self._fn.execute(GET_SHIFT_PARAMETERS)
            counters = self._shift_counters() or ShiftCounters()
            unsent, oldest = self._unsent()
            now = self.clock.now().replace(microsecond=0)
            printable = PrintableXReport(
                org=self._org_info(info), datetime=now, shift_number=shift.shift_number,
                shift_open=shift.shift_open, counters=counters, unsent_documents=unsent,
                oldest_unsent=oldest, cashier=self._cashier)
            outcome = self._print.print_layout(layout_x_report(printable))
            return ReportResult(
                kind=ReportKind.X, datetime=now, fn_number=self._fn_number,
                printed=outcome.printed, print_error=outcome.error,
                shift_number=shift.shift_number, unsent_documents=unsent, oldest_unsent=oldest,
                counters=counters)

    def state_report(self, cashier: Cashier | None = None) -> ReportResult:
        """Make and print the current-state report (a fiscal document, FN 18h/19h)."""
        with self._lock:
            info = self._require_registered()
            cashier = self._check_cashier(cashier, required=False) or self._cashier
            data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
            st = self._state()
            shift = self._fn.execute(GET_SHIFT_PARAMETERS)
            now = self._document_time(st)
            answer = self._run("current-state report",
                               (BEGIN_STATE_REPORT, DateTimeRequest(now)), data,
                               (COMPLETE_STATE_REPORT, NO_DATA), st.last_fd,
                               lambda f: f.document_type == DocumentType.STATE_REPORT)
            if isinstance(answer, FoundDocument):
                unsent, first = self._unsent()
                oldest = first
            else:
                unsent = answer.unconfirmed
                first_day = answer.first_unconfirmed
                oldest = (dt.datetime(first_day.year, first_day.month, first_day.day)
                          if first_day is not None else None)
            self._after_signed(now)
            printable = PrintableStateReport(
                org=self._org_info(info), datetime=now, fd_number=answer.fd,
                fiscal_sign=answer.fpd, shift_number=shift.shift_number,
                shift_open=shift.shift_open, unsent_documents=unsent, oldest_unsent=oldest,
                cashier=cashier, warnings=FNWarning(int(st.warnings)))
            outcome = self._print_document(answer.fd, layout_state_report(printable),
                                           printable=printable)
            return ReportResult(
                kind=ReportKind.STATE, datetime=now, fn_number=self._fn_number,
                printed=outcome.printed, print_error=outcome.error,
                fiscal_document_number=answer.fd, fiscal_sign=answer.fpd,
                shift_number=shift.shift_number, unsent_documents=unsent,
                oldest_unsent=oldest)

    # --- receipts ------------------------------------------------------------------------------

    def sell(self, items: Sequence[Item], payments: Sequence[Payment], *,
             cashier: Cashier | None = None, customer: str | None = None,
             buyer: Buyer | None = None, tax_system: TaxSystem | None = None,
             electronically: bool = False, notes: Sequence[str] = ()) -> ReceiptResult:
        """A sale ("приход"). ``notes``: text printed after the QR, not stored in the FN."""
        return self._receipt(OperationType.SELL, items, payments, cashier=cashier,
                             customer=customer, buyer=buyer, tax_system=tax_system,
                             electronically=electronically, notes=notes)

    def sell_return(self, items: Sequence[Item], payments: Sequence[Payment], *,
                    cashier: Cashier | None = None, customer: str | None = None,
                    buyer: Buyer | None = None, tax_system: TaxSystem | None = None,
                    electronically: bool = False, notes: Sequence[str] = ()) -> ReceiptResult:
        """A return of a sale ("возврат прихода")."""
        return self._receipt(OperationType.SELL_RETURN, items, payments, cashier=cashier,
                             customer=customer, buyer=buyer, tax_system=tax_system,
                             electronically=electronically, notes=notes)

    def buy(self, items: Sequence[Item], payments: Sequence[Payment], *,
            cashier: Cashier | None = None, customer: str | None = None,
            buyer: Buyer | None = None, tax_system: TaxSystem | None = None,
            electronically: bool = False, notes: Sequence[str] = ()) -> ReceiptResult:
        """A purchase ("расход")."""
        return self._receipt(OperationType.BUY, items, payments, cashier=cashier,
                             customer=customer, buyer=buyer, tax_system=tax_system,
                             electronically=electronically, notes=notes)

    def buy_return(self, items: Sequence[Item], payments: Sequence[Payment], *,
                   cashier: Cashier | None = None, customer: str | None = None,
                   buyer: Buyer | None = None, tax_system: TaxSystem | None = None,
                   electronically: bool = False, notes: Sequence[str] = ()) -> ReceiptResult:
        """A return of a purchase ("возврат расхода")."""
        return self._receipt(OperationType.BUY_RETURN, items, payments, cashier=cashier,
                             customer=customer, buyer=buyer, tax_system=tax_system,
                             electronically=electronically, notes=notes)

    def correction(self, items: Sequence[Item], payments: Sequence[Payment], *,
                   correction_type: CorrectionType, basis: CorrectionBasis,
                   operation: OperationType = OperationType.SELL,
                   cashier: Cashier | None = None, customer: str | None = None,
                   buyer: Buyer | None = None,
                   tax_system: TaxSystem | None = None,
                   notes: Sequence[str] = ()) -> CorrectionResult:
        """A correction receipt (17h … 16h): type 1173, basis 1174 (1178 date, 1179 number);
        ``operation`` is its settlement sign (1054)."""
        result = self._receipt(operation, items, payments, cashier=cashier, customer=customer,
                               buyer=buyer, tax_system=tax_system, electronically=False,
                               correction=(correction_type, basis), notes=notes)
        assert isinstance(result, CorrectionResult)
        return result

    def _receipt(self, operation: OperationType, items: Sequence[Item],
                 payments: Sequence[Payment], *, cashier: Cashier | None,
                 customer: str | None, buyer: Buyer | None, tax_system: TaxSystem | None,
                 electronically: bool,
                 correction: tuple[CorrectionType, CorrectionBasis] | None = None,
                 notes: Sequence[str] = (),
                 ) -> ReceiptResult:
        with self._lock:
            info = self._require_registered()
            notes = check_notes(notes)
            cashier = self._check_cashier(cashier, required=False) or self._cashier
            common: dict[str, Any] = {
                "operation": operation, "ffd": info.ffd, "customer": customer, "buyer": buyer,
                "cashier": cashier, "tax_system": tax_system,
                "registered_tax_systems": info.tax_systems,
                "excise_registered": WorkMode.EXCISE in info.work_modes,
            }
            checked: CheckedReceipt
            corr: CorrectionData | None = None
            if correction is None:
                checked = validate_receipt(items, payments, **common)
            else:
                checked = validate_correction(items, payments, correction[0], correction[1],
                                              **common)
                basis = correction[1]
                if info.ffd is FFDVersion.FFD_12 and basis.name is not None:
                    basis = CorrectionBasis(basis.date, basis.number)   # 1177 is FFD 1.05 only
                corr = CorrectionData(correction[0], basis)
            if electronically and customer is None:
                raise ValidationError("a receipt sent electronically needs customer= (phone "
                                      "or e-mail)", "customer")
            org = org_from_registration(info)
            if not customer:
                org = dataclasses.replace(org, sender_email=None)
            fields = receipt_fields(org=org, ffd=info.ffd, operation=operation, items=items,
                                    totals=checked.totals, tax_system=checked.tax_system,
                                    cashier=cashier, customer=customer, buyer=buyer,
                                    correction=corr)
            data = encode_fields(fields)
            # state rules: read the FN (nothing that changes it is sent before they pass)
            st = self._state()
            now = self._document_time(st)
            shift = self._fn.execute(GET_SHIFT_PARAMETERS)
            check_shift(shift.shift_open, self._shift_opened_at(shift, st), now)
            total = checked.totals.total
            what = "correction receipt" if corr else "receipt"
            types = {DocumentType.CORRECTION_RECEIPT} if corr else {DocumentType.RECEIPT}

            def matches(found: FoundDocument) -> bool:
                d = found.details
                return (found.document_type in types and isinstance(d, ReceiptDetails)
                        and int(d.operation) == int(operation) and d.total == total)

            begin = BEGIN_CORRECTION_RECEIPT if corr else BEGIN_RECEIPT
            complete = CompleteReceipt(now, OperationType(int(operation)), total)
            answer = self._run(what, (begin, DateTimeRequest(now)), data,
                               (COMPLETE_RECEIPT, complete), st.last_fd, matches)
            if isinstance(answer, FoundDocument):
                number = self._fn.execute(GET_SHIFT_PARAMETERS).receipt_number
            else:
                number = answer.receipt_number
            fd, sign = answer.fd, answer.fpd
            self._after_signed(now)
            qr = ReceiptQR(now, total, self._fn_number, fd, sign,
                           OperationType(int(operation))).build()
            change = checked.totals.change
            if change:
                self._change[fd] = change
                if len(self._change) > CHANGE_MEMORY:
                    del self._change[next(iter(self._change))]
            if electronically:
                outcome = PrintOutcome(False, "sent electronically (customer=…); not printed")
            else:
                printable = PrintableReceipt.build(
                    self._org_info(info, org), operation, items, payments,
                    receipt_number=number, shift_number=shift.shift_number, datetime=now,
                    fd_number=fd, fiscal_sign=sign, qr=qr, tax_system=checked.tax_system,
                    cashier=cashier, customer=customer, buyer=buyer,
                    correction=None if corr is None else CorrectionInfo(corr.correction_type,
                                                                        corr.basis),
                    notes=notes)
                outcome = self._print_document(fd, layout_receipt(printable), change=change)
            result: dict[str, Any] = {
                "fiscal_document_number": fd, "fiscal_sign": sign, "datetime": now,
                "fn_number": self._fn_number, "printed": outcome.printed,
                "print_error": outcome.error, "receipt_number": number,
                "shift_number": shift.shift_number, "total": to_rubles(total), "qr": qr,
                "operation": operation, "change": to_rubles(change),
            }
            if corr is not None:
                return CorrectionResult(correction_type=corr.correction_type, **result)
            return ReceiptResult(**result)

    # --- printing ------------------------------------------------------------------------------

    def continue_print(self, *, copy: bool | None = None) -> list[int]:
        """Print every signed document still pending (from the FN archive), oldest first.

        Stops at the first printer failure (the rest stay pending). Returns the FD numbers it
        printed. ``copy`` adds a "КОПИЯ" mark (default: ``copy_mark_on_continue``).
        """
        mark = self.copy_mark_on_continue if copy is None else copy
        done: list[int] = []
        with self._lock:
            info = self._registration
            while self._print.pending:
                entry = self._print.pending[0]
                layout = self._layout_from_archive(entry.fd, entry.extras, mark, info)
                outcome = self._print.print_layout(layout)
                if not outcome.printed:
                    entry.reason = outcome.error or entry.reason
                    break
                self._print.printed(entry)
                done.append(entry.fd)
        return done

    def reprint(self, number: int) -> bool:
        """Print a copy ("КОПИЯ") of document ``number`` from the FN archive."""
        with self._lock:
            extras = {"change": self._change.get(number, 0)}
            layout = self._layout_from_archive(number, extras, True, self._registration)
            return self._print.print_layout(layout).printed

    def _layout_from_archive(self, fd: int, extras: dict[str, Any], copy: bool,
                             info: RegistrationInfo | None) -> Layout:
        doc = archive.read_document(self._fn, fd)
        ffd = info.ffd if info is not None else FFDVersion.FFD_12
        if doc.doc_type in (DocumentType.RECEIPT, DocumentType.CORRECTION_RECEIPT):
            return layout_receipt(from_archive.receipt_from_document(
                doc, change=int(extras.get("change", 0)), copy=copy, ffd=ffd))
        printable = extras.get("printable")
        if printable is not None:
            return _layout_of(dataclasses.replace(printable, copy=copy))
        saved = extras.get("layout")
        if isinstance(saved, Layout):   # restored from the journal: print what failed to print
            mark = (TextLine("КОПИЯ", Align.CENTER, bold=True),) if copy else ()
            return Layout(mark + saved.lines, saved.width)
        if doc.doc_type in (DocumentType.SHIFT_OPEN, DocumentType.SHIFT_CLOSE):
            return layout_shift_report(from_archive.shift_report_from_document(
                doc, counters=extras.get("counters"), ffd=ffd, copy=copy))
        raise NotImplementedError(
            f"reprinting document type {doc.doc_type} from the archive alone is not supported")

    def _print_document(self, fd: int, layout: Layout, **extras: Any) -> PrintOutcome:
        outcome = self._print.print_layout(layout)
        if not outcome.printed:
            self._print.add_pending(fd, outcome.error or "not printed", layout=layout,
                                    **extras)
        return outcome

    # --- archive and OFD -----------------------------------------------------------------------

    def document(self, number: int) -> Document:
        """Fiscal document ``number`` read from the FN archive and decoded."""
        with self._lock:
            return archive.read_document(self._fn, number)

    def documents(self, since: dt.datetime | None = None,
                  until: dt.datetime | None = None) -> Iterator[Document]:
        """The archive's documents dated in [since, until], oldest first (read lazily)."""
        with self._lock:
            last = self._fn.execute(GET_STATUS).last_fd
        for fd in range(1, last + 1):
            with self._lock:
                if since is not None or until is not None:
                    when = archive.find_document(self._fn, fd).datetime
                    if since is not None and when < since:
                        continue
                    if until is not None and when > until:
                        return
                doc = archive.read_document(self._fn, fd)
            yield doc

    def ofd_exchange(self, host: str | None = None, port: int | None = None, *,
                     progress: Callable[[int, int], None] | None = None) -> Any:
        """Deliver the FN's queued documents to the OFD (one pass of
        :class:`sigmakkt.ofd.OFDExchange`); returns its :class:`~sigmakkt.ofd.ExchangeReport`.

        ``progress(done, total)`` is called after each document (e.g. to draw a progress bar).
        """
        from sigmakkt.ofd import OFDExchange

        with self._lock:
            address = self.ofd_address
            if host is None or port is None:
                if address is None:
                    raise ValidationError("give the OFD's host and port (or ofd= to connect)",
                                          "host")
                host = host or address[0]
                port = port or address[1]
            with OFDExchange(self._fn, host, port) as exchange:
                return exchange.run_once(progress)

    def start_ofd_sender(self, interval: float = 60.0, host: str | None = None,
                         port: int | None = None, **options: Any) -> Any:
        """Deliver documents to the OFD in the background every ``interval`` seconds.

        The sender is a daemon thread owned by this Register: each pass takes the Register's
        lock, so it never interleaves with a document being built, and :meth:`close` stops it.
        Returns the :class:`sigmakkt.ofd.BackgroundSender` (``last_report``, ``last_error``,
        ``trigger()``). ``options`` go to :class:`sigmakkt.ofd.OFDExchange`.
        """
        from sigmakkt.ofd import BackgroundSender

        with self._lock:
            if self._ofd_sender is not None:
                raise ValidationError("the OFD sender is already running", "ofd")
            if host is None or port is None:
                if self.ofd_address is None:
                    raise ValidationError("give the OFD's host and port (or ofd= to connect)",
                                          "host")
                host = host or self.ofd_address[0]
                port = port or self.ofd_address[1]
            sender = BackgroundSender(self._fn, host, port, interval, lock=self._lock,
                                      **options)
            self._ofd_sender = sender.start()
            return sender

    def stop_ofd_sender(self) -> None:
        """Stop the background OFD sender (a pass in progress finishes first); idempotent."""
        sender, self._ofd_sender = self._ofd_sender, None
        if sender is not None:
            sender.stop()

    def execute(self, task: dict[str, Any]) -> dict[str, Any]:
        """Run an ATOL Driver 10 JSON task (see :mod:`sigmakkt.atol`)."""
        import importlib

        try:
            module = importlib.import_module("sigmakkt.atol.execute")
        except ImportError as exc:  # pragma: no cover - depends on the atol part
            raise NotImplementedError("ATOL JSON tasks need sigmakkt.atol.execute") from exc
        result: dict[str, Any] = module.execute(self, task)
        return result

    # --- internals -----------------------------------------------------------------------------

    def _require_registered(self) -> RegistrationInfo:
        if self._registration is None:
            raise ValidationError("the KKT is not registered; call register() first",
                                  "registration")
        return self._registration

    @staticmethod
    def _check_cashier(cashier: object, *, required: bool) -> Cashier | None:
        if cashier is None:
            if required:
                raise ValidationError("give the cashier as sigmakkt.Cashier(name, inn=None)",
                                      "cashier")
            return None
        if not isinstance(cashier, Cashier):
            raise ValidationError("give the cashier as sigmakkt.Cashier(name, inn=None)",
                                  "cashier")
        return cashier

    def _state(self) -> FNStatus:
        """30h; a document left open by an interrupted run is cancelled first."""
        st = self._fn.execute(GET_STATUS)
        if st.document != DocumentCode.NONE:
            recovery.cancel_open_document(self._fn)
            st = self._fn.execute(GET_STATUS)
        return st

    def _document_time(self, st: FNStatus) -> dt.datetime:
        """The date of the next document (KKT clock, minutes), after the clock rule."""
        now = self.clock.now()
        check_document_time(now, st.last_document_datetime)
        if self._last_signed is not None and st.last_fd and self._last_signed_fd == st.last_fd:
            kkt_then, mono_then = self._last_signed
            drift = (now - kkt_then) - dt.timedelta(seconds=self._monotonic() - mono_then)
            if abs(drift) > MAX_CLOCK_DRIFT:
                raise ValidationError(
                    f"the KKT clock moved {drift.total_seconds() / 60:+.0f} min against the "
                    "timer since the last document (more than 5 minutes); set the clock right "
                    "and try again", "datetime")
        return _minute(now)

    def _after_signed(self, when: dt.datetime) -> None:
        """Remember the KKT clock and the timer at a signed document (clock rule (b))."""
        del when
        self._last_signed = (self.clock.now(), self._monotonic())

    def _run(self, what: str, begin: tuple[CommandCodec[Any, Any], Any], data: bytes,
             complete: tuple[CommandCodec[Any, Ans], Any], before_fd: int,
             matches: Callable[[FoundDocument], bool]) -> Ans | FoundDocument:
        """Begin → 07h → Complete, resolving a lost answer (see :mod:`.recovery`)."""
        session = DocumentSession(self._fn)
        try:
            session.begin(*begin)
            if data:
                session.send_bytes(data)
            answer = session.complete(*complete)
        except OutcomeUnknown as exc:
            found = recovery.resolve(self._fn, before_fd, recovery.Expected(what, matches), exc)
            self._last_signed_fd = found.fd
            return found
        except FNError:
            try:
                session.cancel()
            except SigmaKKTError:
                log.warning("could not cancel the %s after the FN refused it", what)
            raise
        self._last_signed_fd = before_fd + 1
        return answer

    def _read_registration(self) -> RegistrationInfo:
        """43h + the registration report from the archive → RegistrationInfo."""
        res = self._fn.execute(GET_REGISTRATION_RESULTS, RegistrationResultsRequest())
        doc = archive.read_document(self._fn, res.fd)
        code = doc.get(1209)
        ffd = FFDVersion.FFD_105 if code == FFDVersion.FFD_105.value else FFDVersion.FFD_12
        modes: set[WorkMode] = set()
        for mode in WorkMode:
            try:
                bits, ext = work_mode_flags({mode}, ffd)
            except ValidationError:
                continue
            if (bits and bits & res.work_mode) or (
                    ext and res.extended_flags is not None and ext & res.extended_flags):
                modes.add(mode)
        if ffd is FFDVersion.FFD_105:
            for mode, tag in ((WorkMode.EXCISE, 1207), (WorkMode.GAMBLING, 1193),
                              (WorkMode.LOTTERY, 1126), (WorkMode.PRINTER_IN_AUTOMAT, 1221)):
                if doc.get(tag):
                    modes.add(mode)

        def text(tag: int) -> str | None:
            value = doc.get(tag)
            return value.strip() if isinstance(value, str) else None

        ofd_inn = (res.ofd_inn or "").strip() or text(1017)
        if ofd_inn is not None and not ofd_inn.strip("0"):
            ofd_inn = None
        return RegistrationInfo(
            inn=res.inn.strip(), rnm=res.rnm.strip(), tax_systems=res.tax_systems,
            work_modes=frozenset(modes), ffd=ffd, ofd_inn=ofd_inn, org_name=text(1048),
            address=text(1009), place=text(1187), kkt_serial=text(1013), fns_site=text(1060),
            ofd_name=text(1046), sender_email=text(1117))

    def _org_info(self, info: RegistrationInfo, org: OrgData | None = None) -> OrgInfo:
        o = org if org is not None else org_from_registration(info)
        return OrgInfo(name=o.name, inn=info.inn, address=o.address, rnm=info.rnm,
                       fn_number=self._fn_number, place=o.place, kkt_serial=o.kkt_serial,
                       fns_site=o.fns_site or FNS_SITE, sender_email=o.sender_email)

    def _shift_opened_at(self, shift: ShiftParameters, st: FNStatus) -> dt.datetime | None:
        """When the open shift was opened: cached, else found in the archive (40h, newest
        first)."""
        if not shift.shift_open:
            return None
        known = self._shift_opened.get(shift.shift_number)
        if known is not None:
            return known
        for fd in range(st.last_fd, 0, -1):
            found = archive.find_document(self._fn, fd)
            if found.document_type == DocumentType.SHIFT_OPEN:
                self._shift_opened[shift.shift_number] = found.datetime
                return found.datetime
        return None

    def _unsent(self) -> tuple[int, dt.datetime | None]:
        try:
            ofd = self._fn.execute(GET_OFD_STATUS)
        except FNError:
            return 0, None
        return ofd.queued, ofd.first_datetime if ofd.queued else None

    def _ofd_warning(self, unsent: int, oldest: dt.datetime | None) -> Any:
        """The 30-day warning for ``status()`` (None while far from the limit)."""
        from sigmakkt.ofd.status import OFDQueueStatus, deadline_warning

        if not unsent or oldest is None:
            return None
        queue = OFDQueueStatus(queued=unsent, first_fd=None, first_datetime=oldest,
                               transport_up=False, awaiting_receipt=False, reading=False)
        return deadline_warning(queue, self.clock.now(), threshold_days=self.ofd_warning_days)

    def _shift_counters(self) -> ShiftCounters | None:
        """The shift's counters (36h; FFD 1.1/1.2 FNs), or None when the FN has none."""
        try:
            c = self._fn.execute(GET_COUNTERS, CountersRequest(CounterScope.SHIFT))
        except FNError:
            return None
        return shift_counters(c)


def _operation(block: FNOperationCounters) -> OperationCounters:
    by_payment = {PaymentType.CASH: block.cash, PaymentType.ELECTRONIC: block.electronic,
                  PaymentType.PREPAID: block.prepaid, PaymentType.CREDIT: block.credit,
                  PaymentType.COUNTER_PROVISION: block.counter_provision}
    vat = {VAT.VAT20: block.vat20, VAT.VAT10: block.vat10, VAT.VAT0: block.sum_vat0,
           VAT.NO_VAT: block.sum_no_vat, VAT.VAT20_120: block.vat20_120,
           VAT.VAT10_110: block.vat10_110}
    return OperationCounters(
        count=block.count, total=to_rubles(block.total),
        by_payment={k: to_rubles(v) for k, v in by_payment.items() if v},
        vat={k: to_rubles(v) for k, v in vat.items() if v})


def shift_counters(c: FNCounters) -> ShiftCounters:
    """The FN's 36h counters as the Register's :class:`ShiftCounters`."""
    ops = {OperationType.SELL: _operation(c.sale),
           OperationType.SELL_RETURN: _operation(c.sale_return),
           OperationType.BUY: _operation(c.purchase),
           OperationType.BUY_RETURN: _operation(c.purchase_return)}
    receipts = sum(o.count for o in ops.values())
    corr = c.correction
    corr_total = sum((x.sum for x in (corr.sale, corr.sale_return, corr.purchase,
                                      corr.purchase_return)), 0)
    return ShiftCounters(receipts=receipts, documents=c.operations, operations=ops,
                         corrections=corr.count, corrections_total=to_rubles(corr_total))


def _layout_of(printable: Any) -> Layout:
    if isinstance(printable, PrintableReceipt):
        return layout_receipt(printable)
    if isinstance(printable, PrintableShiftReport):
        return layout_shift_report(printable)
    if isinstance(printable, PrintableRegistration):
        return layout_registration(printable)
    if isinstance(printable, PrintableStateReport):
        return layout_state_report(printable)
    if isinstance(printable, PrintableFNClose):
        return layout_fn_close(printable)
    raise TypeError(f"cannot lay out {type(printable).__name__}")


__all__ = ["MAX_CLOCK_DRIFT", "Register", "SystemClock", "shift_counters"]
