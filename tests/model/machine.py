"""A hypothesis state machine driving the Register API against :mod:`.reference`.

Rules cover every operation (sales of the four kinds with random items and payments,
corrections, shift open/close, X and state reports, OFD passes, clock moves) and faults from the
emulator's injection (lost answer, corrupt byte, disconnect mid-frame, power cut after a
command, power cut between operations, process restart from the state directory, paper out,
silent OFD). After every step the invariants compare the FN with the model.

The machine acts as a careful POS application would: on :class:`DocumentNotSigned` nothing
was signed; on any other error it asks the FN (after restarting from the state directory when
the link is down, which is all the public API offers) whether the document was signed, and if
so records it as signed with ``printed=None`` (the caller never got a result).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections import Counter
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sigmakkt.errors import (
    DocumentNotSigned,
    OFDUnavailable,
    SigmaKKTError,
    TransportError,
    ValidationError,
)
from sigmakkt.fn.deadlines import DeadlineTable
from sigmakkt.protocol.fn.commands import GET_COUNTERS, CountersRequest
from sigmakkt.protocol.fn.enums import CounterScope, DocumentType
from sigmakkt.register import Cashier, CorrectionBasis, CorrectionType, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT, OperationType, PaymentType
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm
from sigmakkt_emulator.clock import Clock
from tests.model.reference import OPERATIONS, PAYMENTS, RATES, Model, Receipt, Signed

INN = "7707083893"
SERIAL = "0149060006000651"
CASHIER = Cashier("Петров П.П.")
START = dt.datetime(2026, 3, 2, 9, 0)
#: Short deadlines everywhere: a lost answer costs 0.25 s, not the real 2–60 s.
FAST = DeadlineTable(dict.fromkeys(range(256), 0.25))
FN_OPTIONS: dict[str, Any] = {"deadlines": FAST, "enq_timeout": 0.25}
FD_LINE = re.compile(r"ФД №\s+(\d+)")
SHIFT_LIMIT = dt.timedelta(hours=24)

#: What the counters the machine exercised (read by the soak report).
STATS: Counter[str] = Counter()

NAMES = ["Молоко 3,2% 1 л", "Хлеб", "Кофе зерновой 1 кг", "Пакет", "Услуга доставки",
         "Яблоки Гала"]
QUANTITIES = [Decimal(q) for q in ("1", "2", "3", "0.5", "1.250", "0.333", "10")]
LINK_FAULTS = ("drop", "corrupt", "disconnect", "power_cut")
#: Commands of a receipt the link faults aim at (30h status, 15h begin, 07h TLV, 16h complete).
FAULT_COMMANDS = (0x30, 0x15, 0x07, 0x16)

lines_st = st.lists(
    st.tuples(st.integers(1, 500_000).map(lambda k: Decimal(k) / 100),
              st.sampled_from(QUANTITIES), st.sampled_from(list(RATES))),
    min_size=1, max_size=4)


@st.composite
def payments_st(draw: st.DrawFn, total: int, operation: OperationType) -> dict[PaymentType, int]:
    """A valid payment split of ``total`` kopecks (cash change only on sales)."""
    kind = draw(st.sampled_from(["cash", "change", "card", "split", "other"]))
    if kind == "change" and operation is OperationType.SELL:
        return {PaymentType.CASH: total + draw(st.integers(1, 100_000))}
    if kind == "card":
        return {PaymentType.ELECTRONIC: total}
    if kind == "split" and total > 1:
        cash = draw(st.integers(1, total - 1))
        return {PaymentType.CASH: cash, PaymentType.ELECTRONIC: total - cash}
    if kind == "other" and total > 1:
        other = draw(st.sampled_from(PAYMENTS[2:]))
        part = draw(st.integers(1, total - 1))
        return {other: part, PaymentType.CASH: total - part}
    return {PaymentType.CASH: total}


def _payments(split: dict[PaymentType, int]) -> list[Payment]:
    return [Payment(t, Decimal(v) / 100) for t, v in split.items()]


def _items(receipt: Receipt) -> list[Item]:
    return [Item(NAMES[i % len(NAMES)], price, qty, vat=vat)
            for i, (price, qty, vat) in enumerate(receipt.lines)]


class RegisterMachine(RuleBasedStateMachine):
    """See the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.mkdtemp(prefix="sigmakkt-model-")
        self.clock = Clock(START, frozen=True)
        self.kkt: Register | None = None
        self.model = Model()
        self.printed_fds: set[int] = set()
        self.opened_at: dt.datetime | None = None
        STATS["programs"] += 1

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def k(self) -> Register:
        assert self.kkt is not None
        return self.kkt

    def _start(self) -> None:
        self.kkt = Register.emulated(state_dir=self.dir, emulator_clock=self.clock,
                                     fn_options=FN_OPTIONS)

    def _harvest_prints(self) -> None:
        if self.kkt is None or self.kkt.emulator is None:
            return
        for receipt in self.kkt.emulator.receipts:
            self.printed_fds.update(int(m) for m in FD_LINE.findall(receipt.text))

    def _restart(self) -> None:
        """Close everything and start again from the state directory (process restart)."""
        self._harvest_prints()
        if self.kkt is not None:
            try:
                self.kkt.close()
            except SigmaKKTError:
                pass
        # The Register journals its pending-print list in the state directory: a restart keeps
        # it (the invariant after every step compares it with the model's).
        self._start()
        STATS["restart"] += 1

    def teardown(self) -> None:
        if self.kkt is not None:
            self._harvest_prints()
            self.kkt.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _fn_last_fd(self) -> int:
        """The FN's last FD (30h through the Register); restarts when the link is down."""
        for attempt in range(2):
            try:
                return self.k.status().last_document_number
            except TransportError:
                if attempt:
                    raise
                self._restart()
        raise AssertionError("unreachable")

    def _fiscal(self, kind: str, call: Any, receipt: Receipt | None = None,
                doc_types: frozenset[int] = frozenset()) -> Any:
        """Run a signing call; record what was signed, whatever happened on the way."""
        before = self.model.last_fd
        try:
            result = call()
        except ValidationError:
            raise
        except DocumentNotSigned:
            STATS["not_signed"] += 1
            assert self._fn_last_fd() == before
            return None
        except SigmaKKTError as exc:
            STATS[f"unknown:{type(exc).__name__}"] += 1
            last = self._fn_last_fd()
            assert last in (before, before + 1), f"{kind}: FN at FD {last}, model at {before}"
            if last == before + 1:
                doc = self.k.document(last)
                assert not doc_types or doc.doc_type in doc_types, (kind, doc.doc_type)
                if receipt is not None:
                    assert doc.get(1020) == receipt.total and doc.get(1054) == int(
                        receipt.operation)
                self.model.add(Signed(last, kind, None, receipt))
                STATS["recovered_signed"] += 1
            return None
        fd = result.fiscal_document_number
        assert fd == before + 1, f"{kind} signed as FD {fd}, expected {before + 1}"
        self.model.add(Signed(fd, kind, bool(result.printed), receipt))
        STATS[kind] += 1
        return result

    # --- setup -------------------------------------------------------------------------------

    @initialize()
    def register(self) -> None:
        self._start()
        emu = self.k.emulator
        result = self.k.register(
            inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL, org_name="ООО Модель",
            address="г. Москва", place="Касса 1",
            tax_systems={TaxSystem.OSN}, ofd_inn=emu.ofd_inn, ffd="1.2", cashier=CASHIER)
        self.model.add(Signed(result.fiscal_document_number, "registration", result.printed))

    # --- operations --------------------------------------------------------------------------

    @precondition(lambda self: not self.model.shift_open)
    @rule()
    def open_shift(self) -> None:
        if self._fiscal("shift_open", lambda: self.k.open_shift(CASHIER),
                        doc_types=frozenset({DocumentType.SHIFT_OPEN})) is not None or \
                self.model.shift_open:
            self.opened_at = self.clock.now()

    @precondition(lambda self: self.model.shift_open)
    @rule()
    def close_shift(self) -> None:
        self._fiscal("shift_close", lambda: self.k.close_shift(CASHIER),
                     doc_types=frozenset({DocumentType.SHIFT_CLOSE}))

    def _expired(self) -> bool:
        return self.opened_at is not None and self.clock.now() - self.opened_at > SHIFT_LIMIT

    def _sell(self, receipt: Receipt) -> None:
        items, pays = _items(receipt), _payments(receipt.payments)
        if receipt.correction:
            def call() -> Any:
                return self.k.correction(
                    items, pays, correction_type=CorrectionType.SELF,
                    basis=CorrectionBasis(self.clock.now().date(), "1"),
                    operation=receipt.operation)
        else:
            method = {OperationType.SELL: self.k.sell,
                      OperationType.SELL_RETURN: self.k.sell_return,
                      OperationType.BUY: self.k.buy,
                      OperationType.BUY_RETURN: self.k.buy_return}[receipt.operation]

            def call() -> Any:
                return method(items, pays)
        kind = "correction" if receipt.correction else "receipt"
        types = frozenset({DocumentType.CORRECTION_RECEIPT if receipt.correction
                           else DocumentType.RECEIPT})
        if not self.model.shift_open or self._expired():
            before = self.model.last_fd
            try:
                call()
            except ValidationError as exc:
                assert exc.field == "shift", exc
            else:
                raise AssertionError("a receipt was accepted without a valid shift")
            assert self._fn_last_fd() == before
            STATS["refused_no_shift"] += 1
            return
        self._fiscal(kind, call, receipt, types)

    def _ensure_shift(self) -> None:
        """What a cashier does before a sale: close an expired shift, open one if none."""
        if self.model.shift_open and self._expired():
            self.close_shift()
        if not self.model.shift_open:
            self.open_shift()

    @rule(data=st.data(), operation=st.sampled_from(OPERATIONS), lines=lines_st,
          correction=st.booleans(), fix_shift=st.integers(0, 9))
    def receipt(self, data: st.DataObject, operation: OperationType,
                lines: list[tuple[Decimal, Decimal, VAT]], correction: bool,
                fix_shift: int) -> None:
        if fix_shift:  # 1 in 10 goes ahead as is: a refusal when there is no valid shift
            self._ensure_shift()
        draft = Receipt(operation, lines, {})
        split = data.draw(payments_st(draft.total, operation))
        self._sell(Receipt(operation, lines, split, correction))

    @rule(data=st.data(), fault=st.sampled_from(LINK_FAULTS),
          command=st.sampled_from(FAULT_COMMANDS), nth=st.integers(1, 2), lines=lines_st)
    def receipt_with_link_fault(self, data: st.DataObject, fault: str, command: int, nth: int,
                                lines: list[tuple[Decimal, Decimal, VAT]]) -> None:
        self._ensure_shift()
        if not self.model.shift_open:
            return
        nth = nth if command in (0x30, 0x07) else 1  # 15h and 16h come once a receipt
        faults = self.k.emulator.faults
        if fault == "drop":
            armed = faults.drop_next_answer(command=command, nth=nth)
        elif fault == "corrupt":
            armed = faults.corrupt_next_answer(command=command, nth=nth)
        elif fault == "disconnect":
            armed = faults.disconnect_mid_frame(command=command, nth=nth)
        else:
            armed = faults.power_cut_after(command, nth=nth)
        STATS[f"fault:{fault}"] += 1
        draft = Receipt(OperationType.SELL, lines, {})
        split = data.draw(payments_st(draft.total, OperationType.SELL))
        try:
            self._sell(Receipt(OperationType.SELL, lines, split))
        finally:
            if armed not in faults.armed:
                STATS[f"fired:{fault}"] += 1
            faults.clear()

    @rule()
    def state_report(self) -> None:
        self._fiscal("state_report", lambda: self.k.state_report(CASHIER),
                     doc_types=frozenset({DocumentType.STATE_REPORT}))

    @rule()
    def x_report(self) -> None:
        before = self.model.last_fd
        self.k.x_report()
        assert self._fn_last_fd() == before  # non-fiscal: no FD
        STATS["x_report"] += 1

    @rule()
    def ofd_pass(self) -> None:
        report = self.k.ofd_exchange()
        self._acked(report.acknowledged)
        assert report.remaining == 0, report
        STATS["ofd_pass"] += 1

    @rule()
    def ofd_silent(self) -> None:
        """The OFD reads and never answers: the pass gives up, nothing is acknowledged."""
        from sigmakkt.ofd import OFDExchange

        emu = self.k.emulator
        host, port = emu.ofd_address
        emu.ofd.silent()
        try:
            with OFDExchange(self.k._fn, host, port, timeout=0.2, attempts=1, backoff=0) as ex:
                try:
                    report = ex.run_once()
                except OFDUnavailable as exc:
                    report = exc.report  # type: ignore[assignment]
                    STATS["ofd_silent_gave_up"] += 1
        finally:
            emu.ofd.accept()
        if report is not None:
            self._acked(report.acknowledged)
        STATS["fault:ofd_silent"] += 1

    def _acked(self, fds: list[int]) -> None:
        for fd in fds:
            assert fd in self.model.signed and fd not in self.model.acked, fd
            self.model.acked.add(fd)

    @rule(minutes=st.sampled_from([1, 5, 60, 8 * 60, 25 * 60]))
    def clock_moves(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)
        STATS["clock_moves"] += 1

    @rule(rows=st.integers(0, 400))
    def paper_out(self, rows: int) -> None:
        printer = self.k.emulator.printer
        printer.paper_out_at(printer.roll.used_rows + rows)
        STATS["fault:paper_out"] += 1

    @rule()
    def load_paper_and_continue(self) -> None:
        self.k.emulator.printer.load_paper()
        done = self.k.continue_print()
        for fd in done:
            assert fd in self.model.pending, (fd, self.model.pending)
            self.model.pending.discard(fd)
        STATS["continue_print"] += 1

    @rule()
    def power_cut_between_operations(self) -> None:
        self.k.emulator.power_cut()
        STATS["fault:power_cut_idle"] += 1
        self._fn_last_fd()  # the application notices the dead link and restarts

    @rule()
    def restart_from_state_dir(self) -> None:
        self._restart()

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def fn_matches_model(self) -> None:
        if self.kkt is None:
            return
        STATS["steps_checked"] += 1
        m = self.model
        st_ = self.k.status()
        # FD numbers contiguous, nothing signed twice or lost
        assert st_.last_document_number == m.last_fd
        assert sorted(m.signed) == list(range(1, m.last_fd + 1))
        assert st_.shift_open == m.shift_open
        assert st_.shift_number == m.shift_number
        # OFD queue = signed - acknowledged
        assert st_.unsent_documents == len(m.signed) - len(m.acked), (st_, len(m.acked))
        # counters of the FN's life and of the shift
        self._check_counters(CounterScope.FN, m.total)
        if m.shift_open:
            self._check_counters(CounterScope.SHIFT, m.shift)
        # printing: every printed=True document came out of the printer; every printed=False
        # one is pending (until continued; the list survives restarts)
        assert set(self.k.pending_prints) == m.pending
        self._harvest_prints()
        for doc in m.signed.values():
            if doc.printed:
                assert doc.fd in self.printed_fds, f"FD {doc.fd} reported printed, not on paper"

    def _check_counters(self, scope: CounterScope, expected: Any) -> None:
        c = self.k._fn.execute(GET_COUNTERS, CountersRequest(scope))
        blocks = {OperationType.SELL: c.sale, OperationType.SELL_RETURN: c.sale_return,
                  OperationType.BUY: c.purchase, OperationType.BUY_RETURN: c.purchase_return}
        corr = {OperationType.SELL: c.correction.sale,
                OperationType.SELL_RETURN: c.correction.sale_return,
                OperationType.BUY: c.correction.purchase,
                OperationType.BUY_RETURN: c.correction.purchase_return}
        for op, b in blocks.items():
            e = expected.receipts[op]
            got = (b.count, b.total, b.cash, b.electronic, b.prepaid, b.credit,
                   b.counter_provision, b.vat20, b.vat10, b.sum_vat0, b.sum_no_vat,
                   b.vat20_120, b.vat10_110)
            want = (e.count, e.total, *(e.payments[p] for p in PAYMENTS),
                    *(e.vat[v] for v in (VAT.VAT20, VAT.VAT10, VAT.VAT0, VAT.NO_VAT,
                                         VAT.VAT20_120, VAT.VAT10_110)))
            assert got == want, (scope.name, op.name, got, want)
            assert [corr[op].count, corr[op].sum] == expected.corrections[op], (scope, op)
