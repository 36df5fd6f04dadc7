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

Clock rule (:mod:`.clock`). The FN keeps its own timer but exposes no clock; the only FN time the
KKT can read is the date of the last document (30h). The Register therefore refuses a document
when (a) the KKT clock is before the FN's last document (minute resolution), or (b) since the
last document this Register signed, the KKT clock advanced more than 5 minutes more or less than
the monotonic timer did — the same comparison the FN makes between the KKT's date and its own
timer (FN answer 17h "time difference", fn-protocol reference §4).

This class holds the public API; the flows live beside it, one job a module: receipts and
corrections (:mod:`.receipt_flow`), registration, re-registration and FN closing
(:mod:`.registration_flow`), shift and state reports (:mod:`.shift_flow`), FN state reads
(:mod:`.fn_state`), printing from the archive (:mod:`.from_archive`).

One operation at a time: every public method holds an ``RLock``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from sigmakkt.errors import FNError, ValidationError
from sigmakkt.fn.client import CommandCodec, FiscalStorage
from sigmakkt.protocol.ffd import Document
from sigmakkt.protocol.fn.commands import (
    GET_EXPIRY,
    GET_SHIFT_PARAMETERS,
    GET_STATUS,
    FNStatus,
    FoundDocument,
    ShiftParameters,
)
from sigmakkt.register import (
    archive,
    fn_state,
    from_archive,
    receipt_flow,
    recovery,
    registration_flow,
    shift_flow,
)
from sigmakkt.register.clock import MAX_CLOCK_DRIFT, ClockLike, ClockRule, SystemClock
from sigmakkt.register.enums import (
    CorrectionType,
    FFDVersion,
    FNPhase,
    FNWarning,
    OperationType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)
from sigmakkt.register.fiscal_documents import OrgData, org_from_registration
from sigmakkt.register.fn_state import shift_counters
from sigmakkt.register.layout import OrgInfo
from sigmakkt.register.lines import Layout
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionResult,
    Item,
    PaperStatus,
    Payment,
    ReceiptResult,
    RegistrationInfo,
    RegistrationResult,
    ReportResult,
    ShiftCounters,
    ShiftResult,
    Status,
)
from sigmakkt.register.print_job import PrintOutcome, PrintQueue
from sigmakkt.register.session import run_document
from sigmakkt.register.validation import FNS_SITE

log = logging.getLogger("sigmakkt.register")

#: File name of the pending-print journal that ``Register.emulated`` keeps in its state dir.
JOURNAL_NAME = "register-pending.json"
#: Options of ``Register.emulated`` that configure the Register rather than the emulator.
_EMULATED_REGISTER_OPTIONS = ("legible_text", "ofd_warning_days", "copy_mark_on_continue")

Ans = TypeVar("Ans")


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
        #: Clock rule (b): the KKT clock and the monotonic timer at the last signed document.
        self._clock_rule = ClockRule(monotonic if monotonic is not None else time.monotonic)
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
            self._registration = fn_state.read_registration(self._fn)

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
            ofd_warning = fn_state.ofd_warning(unsent, oldest, self.clock,
                                               self.ofd_warning_days)
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
            return registration_flow.register(
                self, inn, rnm, kkt_serial, org_name, address, place, tax_systems, ofd_inn,
                ofd_name, ffd, work_modes, fns_site, sender_email, cashier, automat_number)

    def reregister(self, reasons: ReregistrationReason, *, cashier: Cashier | None = None,
                   automat_number: str | None = None, **changes: Any) -> RegistrationResult:
        """Change the registration data (report on changed parameters); prints the report.

        ``changes`` are :meth:`register`'s keyword arguments that change (``address=…``,
        ``ofd_inn=…``, ``tax_systems=…`` …); the others keep their registered values.
        """
        with self._lock:
            return registration_flow.reregister(self, reasons, cashier, automat_number, changes)

    def close_fn(self, cashier: Cashier | None = None) -> RegistrationResult:
        """Close the FN's fiscal mode (FN-close report); prints the report."""
        with self._lock:
            return registration_flow.close_fn(self, cashier)

    # --- shifts and reports --------------------------------------------------------------------

    def open_shift(self, cashier: Cashier) -> ShiftResult:
        """Open a shift (shift-open report, printed); ``cashier`` becomes the default."""
        with self._lock:
            return shift_flow.open_shift(self, cashier)

    def close_shift(self, cashier: Cashier | None = None) -> ShiftResult:
        """Close the shift (shift-close report with the shift's counters, printed).

        A shift older than 24 hours can (and must) still be closed.
        """
        with self._lock:
            return shift_flow.close_shift(self, cashier)

    def x_report(self) -> ReportResult:
        """Print the non-fiscal X report: the open shift's counters (FN 36h/37h), no FD."""
        with self._lock:
            return shift_flow.x_report(self)

    def state_report(self, cashier: Cashier | None = None) -> ReportResult:
        """Make and print the current-state report (a fiscal document, FN 18h/19h)."""
        with self._lock:
            return shift_flow.state_report(self, cashier)

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
            return receipt_flow.sign_receipt(
                self, operation, items, payments, cashier=cashier, customer=customer,
                buyer=buyer, tax_system=tax_system, electronically=electronically,
                correction=correction, notes=notes)

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
                layout = from_archive.layout_from_archive(self._fn, entry.fd, entry.extras,
                                                          mark, info)
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
            layout = from_archive.layout_from_archive(self._fn, number, extras, True,
                                                      self._registration)
            return self._print.print_layout(layout).printed

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
        from sigmakkt.atol.execute import execute

        return execute(self, task)

    # --- internals: what the flows (receipt_flow, registration_flow, shift_flow) use -------------

    def _require_registered(self) -> RegistrationInfo:
        if self._registration is None:
            raise ValidationError("the KKT is not registered; call register() first",
                                  "registration")
        return self._registration

    def _state(self) -> FNStatus:
        """30h; a document left open by an interrupted run is cancelled first."""
        return fn_state.read_state(self._fn)

    def _document_time(self, st: FNStatus) -> dt.datetime:
        """The date of the next document (KKT clock, minutes), after the clock rule."""
        return self._clock_rule.document_time(self.clock.now(), st)

    def _after_signed(self, when: dt.datetime) -> None:
        """Remember the KKT clock and the timer at a signed document (clock rule (b))."""
        del when
        self._clock_rule.signed(self.clock.now())

    def _run(self, what: str, begin: tuple[CommandCodec[Any, Any], Any], data: bytes,
             complete: tuple[CommandCodec[Any, Ans], Any], before_fd: int,
             matches: Callable[[FoundDocument], bool]) -> Ans | FoundDocument:
        """Begin → 07h → Complete, resolving a lost answer (see :mod:`.recovery`)."""
        answer = run_document(self._fn, what, begin, data, complete, before_fd, matches)
        self._clock_rule.last_signed_fd = (answer.fd if isinstance(answer, FoundDocument)
                                           else before_fd + 1)
        return answer

    def _org_info(self, info: RegistrationInfo, org: OrgData | None = None) -> OrgInfo:
        o = org if org is not None else org_from_registration(info)
        return OrgInfo(name=o.name, inn=info.inn, address=o.address, rnm=info.rnm,
                       fn_number=self._fn_number, place=o.place, kkt_serial=o.kkt_serial,
                       fns_site=o.fns_site or FNS_SITE, sender_email=o.sender_email)

    def _print_document(self, fd: int, layout: Layout, **extras: Any) -> PrintOutcome:
        return self._print.print_signed(fd, layout, **extras)

    def _shift_opened_at(self, shift: ShiftParameters, st: FNStatus) -> dt.datetime | None:
        """When the open shift was opened: cached, else found in the archive (40h, newest
        first)."""
        return fn_state.shift_opened_at(self._fn, shift, st, self._shift_opened)

    def _unsent(self) -> tuple[int, dt.datetime | None]:
        return fn_state.unsent(self._fn)

    def _shift_counters(self) -> ShiftCounters | None:
        """The shift's counters (36h; FFD 1.1/1.2 FNs), or None when the FN has none."""
        return fn_state.read_shift_counters(self._fn)


__all__ = ["MAX_CLOCK_DRIFT", "Register", "SystemClock", "shift_counters"]
