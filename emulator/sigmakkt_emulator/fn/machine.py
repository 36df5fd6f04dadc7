"""The emulated FN as a pure state machine: one request frame in, one answer frame out.

:class:`EmulatedFN` implements the KKT–FN protocol of the FNS "protocol of information exchange
between KKT and FN" v1.2.06 as digested in fn-protocol reference §1–§7: phases and command
availability (§4), the Begin → 07h … → Complete/06h pattern (§2.2), registration, shifts,
receipts, corrections, reports and FN close (§2.3–§2.4), OFD exchange (§2.5, :mod:`.ofd_queue`),
archive reading (§2.6), counters (§2.1, :mod:`.counters`) and the time and volume rules of §4.

Requests are decoded and answers encoded with the shared command codecs
(:data:`sigmakkt.protocol.fn.command.COMMANDS`), the same ones the SDK's client uses; a request
the codec cannot decode is answered 01h. The machine never touches threads or sockets; time
comes from the injected :class:`~sigmakkt_emulator.clock.Clock`, durability from
:class:`~.store.Store`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sigmakkt_emulator.fn.documents as D
import sigmakkt_emulator.fn.ofd_queue as ofd_queue
from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ffd.tags import tag_spec
from sigmakkt.protocol.ffd.tlv import encode_tlv, iter_tlv
from sigmakkt.protocol.ffd.types import encode_uint32
from sigmakkt.protocol.fn.command import COMMANDS, NoData
from sigmakkt.protocol.fn.commands import archive as A
from sigmakkt.protocol.fn.commands import document as DC
from sigmakkt.protocol.fn.commands import ofd as O
from sigmakkt.protocol.fn.commands import registration as R
from sigmakkt.protocol.fn.commands import shift as S
from sigmakkt.protocol.fn.commands import status as ST
from sigmakkt.protocol.fn.enums import (
    DocumentCode,
    DocumentType,
    ExtendedFlags,
    FFDVersion,
    OFDStatusFlags,
    OperationType,
    Phase,
    RegistrationType,
    ReregistrationReason,
    ReregistrationReason105,
    TaxSystem,
    WarningFlags,
    WorkMode,
)
from sigmakkt.protocol.fn.frame import MAX_DATA, Frame, encode_frame
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn.counters import PAYMENT_BITS, PAYMENT_TAGS, CounterSet, vat_sums
from sigmakkt_emulator.fn.factory import FNSettings
from sigmakkt_emulator.fn.state import (
    DOC_CLOSE_FN,
    DOC_CORRECTION,
    DOC_NONE,
    DOC_RECEIPT,
    DOC_REGISTRATION,
    DOC_REREG,
    DOC_REREG_FN_REPLACED,
    DOC_SHIFT_CLOSE,
    DOC_SHIFT_OPEN,
    DOC_STATE_REPORT,
    FFD_12,
    FFD_105,
    PHASE_ARCHIVE,
    PHASE_FISCAL,
    PHASE_POST_FISCAL,
    PHASE_READY,
    TYPE_CLOSE_FN,
    TYPE_CORRECTION,
    TYPE_RECEIPT,
    TYPE_REGISTRATION,
    TYPE_REREGISTRATION,
    TYPE_SHIFT_CLOSE,
    TYPE_SHIFT_OPEN,
    TYPE_STATE_REPORT,
    CurrentDocument,
    FNState,
    Registration,
)
from sigmakkt_emulator.fn.store import ArchivedDocument, Store

log = logging.getLogger("sigmakkt_emulator.fn")

# Answer codes the emulator produces (reference §3).
OK = 0x00
UNKNOWN_COMMAND = 0x01
WRONG_STATE = 0x02
FN_FAILURE = 0x03
WRONG_DATETIME = 0x07
NO_DATA = 0x08
INVALID_PARAMETER = 0x09
FFD_MODE_MISMATCH = 0x0A
FN_FORMED_TAG = 0x0B
DUPLICATE_TAG = 0x0C
MISSING_COUNTER_DATA = 0x0D
TLV_SIZE_EXCEEDED = 0x10
NO_TRANSPORT = 0x11
RESOURCE_EXHAUSTED = 0x12
RESOURCE_LIMIT = 0x14
SHIFT_EXPIRED = 0x16
TIME_DIFFERENCE = 0x17
BAD_TAG_VALUE = 0x18
REPLY_REJECTED = 0x20

# Max TLV payload per document, S2 §4.3.3 (reference §2.2).
SIZE_CAPS: dict[int, int] = {
    DOC_REGISTRATION: 6144,
    DOC_REREG: 6144,
    DOC_REREG_FN_REPLACED: 6144,
    DOC_CLOSE_FN: 4096,
    DOC_SHIFT_OPEN: 4096,
    DOC_SHIFT_CLOSE: 1024,
    DOC_RECEIPT: 30720,
    DOC_CORRECTION: 30720,
    DOC_STATE_REPORT: 2048,
}

MAX_SHIFT = timedelta(hours=24)
MAX_TIME_GAP = timedelta(minutes=5)
OFD_LIMIT = timedelta(days=30)
PHASES_ALL = frozenset({PHASE_READY, PHASE_FISCAL, PHASE_POST_FISCAL, PHASE_ARCHIVE})
PHASES_OFD = frozenset({PHASE_FISCAL, PHASE_POST_FISCAL})
PHASES_FISCAL = frozenset({PHASE_FISCAL})
PHASES_REG = frozenset({PHASE_READY, PHASE_FISCAL})
_OPS = {1: "sale", 2: "sale_return", 3: "purchase", 4: "purchase_return"}


class Answer(Exception):
    """Raised inside a handler to answer with a non-zero code (and optional extra data)."""

    def __init__(self, code: int, extra: bytes = b"") -> None:
        super().__init__(f"answer {code:02X}h")
        self.code = code
        self.extra = extra


@dataclass
class _OFDSession:
    """Volatile OFD exchange state (20h–26h): lost on power loss like the FN's RAM."""

    transport_up: bool = False
    reading: bool = False
    awaiting_receipt: bool = False
    message: bytes = b""
    message_fd: int = 0


Handler = Callable[[Any], Any]
_NONE = NoData()


def _tag_bytes(tag: int) -> bytes:
    return tag.to_bytes(2, "little")


def _tax(value: int) -> TaxSystem:
    return TaxSystem(value)


class EmulatedFN:
    """A software FN. ``handle(frame)`` answers one request frame with one answer frame.

    ``state_dir=None`` keeps the archive in memory; otherwise it lives in
    ``state_dir/fn.sqlite3`` and survives restarts (each document is committed atomically).
    """

    def __init__(
        self,
        settings: FNSettings | None = None,
        *,
        clock: Clock | None = None,
        state_dir: str | Path | None = None,
        fsync: bool = False,
    ) -> None:
        self.settings = settings or FNSettings()
        self.clock = clock or Clock()
        self.store = Store(state_dir, fsync=fsync)
        self.state: FNState
        self.current: CurrentDocument | None = None
        self.ofd = _OFDSession()
        self._tlv_read: list[bytes] | None = None
        self._reg_read: list[bytes] | None = None
        self._handlers: dict[int, tuple[Handler, frozenset[int]]] = self._table()
        self._load()

    # --- lifecycle -------------------------------------------------------------------------

    def _fresh_state(self) -> FNState:
        made = self.clock.now().date()
        expiry = self.settings.expiry or made + timedelta(days=self.settings.validity_days)
        return FNState(made=made, expiry=expiry)

    def _load(self) -> None:
        """(Re)load the durable state; volatile state (current document, OFD read) is reset."""
        stored = self.store.load_state()
        if stored is None:
            self.state = self._fresh_state()
            self.store.save_state(self.state.to_json())
        else:
            self.state = FNState.from_json(stored)
        self.current = None
        self.ofd = _OFDSession()
        self._tlv_read = None
        self._reg_read = None

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    # --- entry point -----------------------------------------------------------------------

    def handle(self, frame: Frame) -> bytes:
        """Answer one request frame with the whole encoded answer frame."""
        code, data = self.dispatch(frame.code, frame.data)
        try:
            warn = self.warnings()
        except Exception:  # storage failure: already answered 03h
            warn = 0
        if warn:
            code |= 0x80
        return encode_frame(code, data)

    def dispatch(self, command: int, data: bytes) -> tuple[int, bytes]:
        """Run one command; return (answer code, answer data)."""
        entry = self._handlers.get(command)
        codec = COMMANDS.get(command)
        if entry is None or codec is None:
            return UNKNOWN_COMMAND, b""
        handler, phases = entry
        if self.state.phase not in phases:
            return WRONG_STATE, b""
        try:
            request = codec.decode_request(bytes(data))
        except DecodeError as exc:
            log.debug("FN %02Xh: bad request: %s", command, exc)
            return UNKNOWN_COMMAND, b""
        try:
            return OK, codec.encode_answer(handler(request))
        except Answer as ans:
            return ans.code, ans.extra
        except Exception:
            # Anything else is an emulator bug or a storage failure; the durable state stays
            # authoritative.
            log.exception("FN %02Xh failed", command)
            try:
                self._load()
            except Exception:
                log.exception("FN storage unusable")
            return FN_FAILURE, b""

    def _table(self) -> dict[int, tuple[Handler, frozenset[int]]]:
        a, f, o, r = PHASES_ALL, PHASES_FISCAL, PHASES_OFD, PHASES_REG
        return {
            0x02: (self._begin_registration_105, r),
            0x03: (self._complete_registration_105, r),
            0xA2: (self._begin_registration_12, r),
            0xA3: (self._complete_registration_12, r),
            0x04: (self._begin_close_fn, f),
            0x05: (self._close_fn, f),
            0x06: (self._cancel, a),
            0x07: (self._send_tlv, r),
            0x10: (self._shift_params, a),
            0x11: (self._begin_open_shift, f),
            0x12: (self._open_shift, f),
            0x13: (self._begin_close_shift, f),
            0x14: (self._close_shift, f),
            0x15: (self._begin_receipt, f),
            0x16: (self._complete_receipt, f),
            0x17: (self._begin_correction, f),
            0x18: (self._begin_state_report, f),
            0x19: (self._state_report, f),
            0x20: (self._ofd_status, o),
            0x21: (self._transport_status, o),
            0x22: (self._ofd_begin_read, o),
            0x23: (self._ofd_read_block, o),
            0x24: (self._ofd_cancel_read, o),
            0x25: (self._ofd_finish_read, o),
            0x26: (self._ofd_receipt, o),
            0x30: (self._status, a),
            0x31: (self._fn_number, a),
            0x32: (self._expiry, a),
            0x33: (self._version, a),
            0x35: (self._last_errors, a),
            0x36: (self._counters, a),
            0x37: (self._operation_counts, a),
            0x38: (self._settlement_counters, a),
            0x39: (self._unsent_counters, a),
            0x3A: (self._ffd_version, a),
            0x3B: (self._days_left, a),
            0x3D: (self._free_memory, a),
            0x3F: (self._execution, a),
            0x40: (self._find_document, a),
            0x41: (self._ofd_ack, a),
            0x42: (self._unconfirmed_count, a),
            0x43: (self._registration_results, a),
            0x44: (self._registration_parameter, a),
            0x45: (self._document_tlv_info, a),
            0x46: (self._read_document_tlv, a),
            0x47: (self._read_registration_tlv, a),
            0x60: (self._debug_reset, a),
            0xA7: (self._transferred_size, a),
        }

    # --- derived state ---------------------------------------------------------------------

    def warnings(self) -> int:
        """Warning flags (30h byte 4; bit 7 of every answer when non-zero), reference §4."""
        flags = 0
        if self.state.phase == PHASE_FISCAL:
            left = (self.state.expiry - self.clock.now().date()).days
            if left <= 3:
                flags |= WarningFlags.URGENT_REPLACEMENT
            if left <= 30:
                flags |= WarningFlags.RESOURCE_EXHAUSTION
            if self.state.last_fd * 100 >= self.settings.max_documents * 99:
                flags |= WarningFlags.MEMORY_FULL
            if self._ofd_overdue():
                flags |= WarningFlags.OFD_TIMEOUT
        return flags

    def _unacked(self) -> int:
        """Documents not yet acknowledged by the OFD (FDs run 1..last_fd, acks are counted)."""
        return self.state.last_fd - self.state.acked_count

    def _autonomous(self) -> bool:
        reg = self.state.registration
        return bool(reg and reg.work_mode & WorkMode.AUTONOMOUS)

    def _ofd_overdue(self) -> bool:
        """The oldest unsent document is more than 30 days old (FN clock)."""
        if self._autonomous() or not self._unacked():
            return False
        first = self.store.first_unacked()
        if first is None:
            return False
        return self.clock.now() - datetime.fromisoformat(first[1]) > OFD_LIMIT

    def _ffd_mode(self) -> int:
        return self.state.ffd or FFD_12

    # --- time rules ------------------------------------------------------------------------

    def _check_time(self, when: datetime) -> None:
        """07h: not before the last document; 17h: the KKT's clock and the FN timer disagree.

        The 17h rule compares the time the KKT says passed since the last document with the
        time the FN's own timer (the emulated clock) measured (reference §4, javapos#70).
        """
        st = self.state
        if st.last_time is not None and when < st.last_time:
            raise Answer(WRONG_DATETIME)
        if st.last_time is not None and st.last_fn_time is not None:
            kkt_gap = when - st.last_time
            fn_gap = self.clock.now() - st.last_fn_time
            if abs(kkt_gap - fn_gap) > MAX_TIME_GAP:
                raise Answer(TIME_DIFFERENCE)

    def _check_shift_age(self, when: datetime) -> None:
        """16h: the shift is older than 24 h (FN timer); 07h: the KKT's time is past it."""
        st = self.state
        if st.shift_open_fn_time is not None and (
            self.clock.now() - st.shift_open_fn_time > MAX_SHIFT
        ):
            raise Answer(SHIFT_EXPIRED)
        if st.shift_opened_at is not None and when - st.shift_opened_at > MAX_SHIFT:
            raise Answer(WRONG_DATETIME)

    def _check_can_sign(self) -> None:
        """12h: FN past expiry; 14h: archive full, or oldest unsent older than 30 days."""
        if self.clock.now().date() > self.state.expiry:
            raise Answer(RESOURCE_EXHAUSTED)
        if self.state.last_fd >= self.settings.max_documents:
            raise Answer(RESOURCE_LIMIT)
        if self._ofd_overdue():
            raise Answer(RESOURCE_LIMIT)

    # --- document pattern ------------------------------------------------------------------

    def _begin(self, code: int, when: datetime | None) -> CurrentDocument:
        if self.current is not None:
            raise Answer(WRONG_STATE)
        self.current = CurrentDocument(code=code, when=when)
        return self.current

    def _expect(self, *codes: int) -> CurrentDocument:
        cur = self.current
        if cur is None or cur.code not in codes:
            raise Answer(WRONG_STATE)
        return cur

    def _cancel(self, req: NoData) -> NoData:
        """06h: drop the current document and its 07h data (no document: nothing to do)."""
        self.current = None
        return _NONE

    def _send_tlv(self, req: DC.DocumentData) -> NoData:
        """07h: append whole TLVs to the current document (reference §2.2)."""
        cur = self.current
        if cur is None:
            raise Answer(WRONG_STATE)
        data = bytes(req.tlv)
        if not data:
            raise Answer(UNKNOWN_COMMAND)
        try:
            tlvs = list(iter_tlv(data))
        except DecodeError:  # a TLV cut by the frame end: the whole-TLV rule
            raise Answer(UNKNOWN_COMMAND) from None
        formed = D.fn_formed_tags(self._ffd_mode())
        seen = set(cur.tags)
        for t in tlvs:
            if t.tag in formed:
                raise Answer(FN_FORMED_TAG, _tag_bytes(t.tag))
            spec = tag_spec(t.tag)
            if t.tag in seen and not (spec and spec.repeatable):
                raise Answer(DUPLICATE_TAG, _tag_bytes(t.tag))
            if not t.value:  # zero length is forbidden since S2 v1.2.06
                raise Answer(BAD_TAG_VALUE, _tag_bytes(t.tag))
            if spec is not None and len(t.value) > spec.max_len:
                raise Answer(BAD_TAG_VALUE, _tag_bytes(t.tag))
            seen.add(t.tag)
        if len(cur.tlv) + len(data) > SIZE_CAPS[cur.code]:
            raise Answer(TLV_SIZE_EXCEEDED)
        cur.tlv += data
        cur.tags = seen
        return _NONE

    def _sign_and_store(
        self,
        doc_type: int,
        when: datetime,
        fn_fields: D.FieldList,
        summary: dict[str, Any],
        *,
        op_type: int | None = None,
        total: int | None = None,
        ffd: int | None = None,
    ) -> D.BuiltDocument:
        """Build, sign and archive the current document; advance FD, time and OFD queue."""
        st = self.state
        reg = st.registration
        fd = st.last_fd + 1
        cur = self.current
        kkt_tlv = bytes(cur.tlv) if cur else b""
        inn, rnm = (reg.inn, reg.rnm) if reg else ("", "")
        fields = D.common_fields(fd, when, self.settings.fn_number, inn.ljust(12), rnm)
        built = D.build_document(
            doc_type, kkt_tlv, fields + fn_fields, fn_number=self.settings.fn_number, fd=fd,
            when=when, ffd=ffd or self._ffd_mode(), factory_secret=self.settings.factory_secret,
        )
        st.last_fd = fd
        st.last_time = when
        st.last_fn_time = self.clock.now()
        if st.shift_open or doc_type == TYPE_SHIFT_CLOSE:
            st.shift_fd_count += 1
        row = ArchivedDocument(
            fd=fd, doc_type=doc_type, created=when.isoformat(), fiscal_sign=built.fiscal_sign,
            op_type=op_type, total=total, summary=summary, tlv=built.tlv, acked=False,
            ack_time=None, ack_sign=None,
        )
        try:
            self.store.commit_document(row, st.to_json())
        except Exception:
            self._load()
            raise
        self.current = None
        log.debug("FN signed FD %d (type %d)", fd, doc_type)
        return built

    def _fiscal_result(self, built: D.BuiltDocument) -> R.FiscalResult:
        return R.FiscalResult(self.state.last_fd, built.fiscal_sign)

    # --- registration (02h/03h, A2h/A3h) ---------------------------------------------------

    def _begin_registration(self, reg_type: int, ffd: int) -> None:
        st = self.state
        if (st.phase == PHASE_READY) != (reg_type == RegistrationType.REGISTRATION):
            raise Answer(WRONG_STATE)
        if st.shift_open:
            raise Answer(WRONG_STATE)
        if st.registrations >= self.settings.max_registrations:
            raise Answer(RESOURCE_EXHAUSTED)
        code = {0: DOC_REGISTRATION, 1: DOC_REREG_FN_REPLACED, 2: DOC_REREG}[int(reg_type)]
        cur = self._begin(code, None)
        cur.reg_type = int(reg_type)
        cur.reg_ffd = ffd

    def _begin_registration_105(self, req: R.BeginRegistration) -> NoData:
        """02h: begin a registration report in FFD 1.05 mode (type byte, default 0)."""
        if FFD_105 not in self.settings.ffd_versions or self.state.ffd == FFD_12:
            raise Answer(FFD_MODE_MISMATCH)
        self._begin_registration(req.report_type, FFD_105)
        return _NONE

    def _begin_registration_12(self, req: R.BeginRegistrationV2) -> NoData:
        """A2h: begin a registration report in FFD 1.1/1.2 mode (type byte, FFD byte)."""
        ffd = int(req.ffd) if req.ffd is not None else 3  # omitted = FFD 1.1
        if ffd != FFD_12 or ffd not in self.settings.ffd_versions:
            raise Answer(FFD_MODE_MISMATCH)
        self._begin_registration(req.report_type, ffd)
        return _NONE

    def _complete_registration(self, reg: Registration) -> R.FiscalResult:
        cur = self.current
        assert cur is not None
        if not reg.inn.isdigit() or len(reg.inn) not in (10, 12):
            raise Answer(INVALID_PARAMETER)
        if not reg.rnm.strip().isdigit() or not 0 < reg.tax_systems < 64:
            raise Answer(INVALID_PARAMETER)
        if reg.ffd == FFD_12 and not reg.ofd_inn.isdigit():
            raise Answer(INVALID_PARAMETER)
        self._check_time(reg.when)
        if self.clock.now().date() > self.state.expiry:
            raise Answer(RESOURCE_EXHAUSTED)
        rereg = cur.reg_type != 0
        fields = D.registration_fields(
            reg.ffd, reg.tax_systems, reg.work_mode, reg.ext_flags, reg.ofd_inn.ljust(12),
            reg.reason if rereg else None,
        )
        summary = {"ffd": reg.ffd, "rereg": rereg, "mode": reg.work_mode, "ext": reg.ext_flags,
                   "reason": reg.reason}
        st = self.state
        st.phase = PHASE_FISCAL
        st.ffd = reg.ffd
        st.registrations += 1
        reg.fd = st.last_fd + 1
        st.registration = reg
        st.registration_fds.append(reg.fd)
        built = self._sign_and_store(
            TYPE_REREGISTRATION if rereg else TYPE_REGISTRATION, reg.when, fields, summary,
            ffd=reg.ffd,
        )
        return self._fiscal_result(built)

    def _registering(self, ffd: int) -> CurrentDocument:
        cur = self._expect(DOC_REGISTRATION, DOC_REREG, DOC_REREG_FN_REPLACED)
        if cur.reg_ffd != ffd:
            raise Answer(FFD_MODE_MISMATCH)
        return cur

    def _complete_registration_105(self, req: R.CompleteRegistration) -> R.FiscalResult:
        """03h: complete the registration report (FFD 1.05 layout; reason byte for type 2)."""
        cur = self._registering(FFD_105)
        if (req.reason is not None) != (cur.reg_type == 2):
            raise Answer(UNKNOWN_COMMAND)
        reason = int(req.reason) if req.reason is not None else (1 if cur.reg_type == 1 else 0)
        return self._complete_registration(Registration(
            fd=0, when=req.datetime, inn=req.inn.strip(), rnm=req.rnm.strip(),
            tax_systems=int(req.tax_systems), work_mode=int(req.work_mode), ext_flags=0,
            ofd_inn="", reason=reason, ffd=FFD_105,
        ))

    def _complete_registration_12(self, req: R.CompleteRegistrationV2) -> R.FiscalResult:
        """A3h: complete the registration report (FFD 1.2 layout, 52 or 56 bytes)."""
        cur = self._registering(FFD_12)
        if (req.reasons is not None) != (cur.reg_type != 0):
            raise Answer(UNKNOWN_COMMAND)
        return self._complete_registration(Registration(
            fd=0, when=req.datetime, inn=req.inn.strip(), rnm=req.rnm.strip(),
            tax_systems=int(req.tax_systems), work_mode=int(req.work_mode),
            ext_flags=int(req.extended_flags), ofd_inn=req.ofd_inn.strip(),
            reason=int(req.reasons or 0), ffd=FFD_12,
        ))

    # --- close FN (04h/05h) ----------------------------------------------------------------

    def _begin_close_fn(self, req: NoData) -> NoData:
        """04h: begin the FN-close report; every document must be delivered first (09h)."""
        if self.state.shift_open:
            raise Answer(WRONG_STATE)
        if not self._autonomous() and self._unacked():
            raise Answer(INVALID_PARAMETER)
        self._begin(DOC_CLOSE_FN, None)
        return _NONE

    def _close_fn(self, req: R.CloseFN) -> R.FiscalResult:
        """05h: sign the FN-close report; the FN leaves the fiscal phase."""
        self._expect(DOC_CLOSE_FN)
        reg = self.state.registration
        assert reg is not None
        if req.rnm.strip().rjust(16, "0") != reg.rnm.rjust(16, "0"):
            raise Answer(INVALID_PARAMETER)
        self._check_time(req.datetime)
        self.state.phase = PHASE_ARCHIVE if self._autonomous() else PHASE_POST_FISCAL
        built = self._sign_and_store(TYPE_CLOSE_FN, req.datetime, [], {})
        return self._fiscal_result(built)

    # --- shifts (10h–14h) ------------------------------------------------------------------

    def _shift_params(self, req: NoData) -> S.ShiftParameters:
        """10h: open?, shift number, receipt number."""
        st = self.state
        return S.ShiftParameters(st.shift_open, st.shift_number, st.receipt_number)

    def _begin_open_shift(self, req: S.DateTimeRequest) -> NoData:
        """11h: begin the shift-open report."""
        if self.state.shift_open or self.current is not None:
            raise Answer(WRONG_STATE)
        self._check_time(req.datetime)
        self._check_can_sign()
        self._begin(DOC_SHIFT_OPEN, req.datetime)
        return _NONE

    def _warning_flags(self) -> WarningFlags | None:
        """The optional warning byte of 12h/14h (FFD 1.1/1.2 only)."""
        return WarningFlags(self.warnings()) if self.state.ffd == FFD_12 else None

    def _open_shift(self, req: NoData) -> S.ShiftResult:
        """12h: sign the shift-open report; shift counters restart."""
        cur = self._expect(DOC_SHIFT_OPEN)
        assert cur.when is not None
        self._check_time(cur.when)
        st = self.state
        st.shift_open = True
        st.shift_number += 1
        st.receipt_number = 0
        st.shift_fd_count = 0
        st.shift_opened_at = cur.when
        st.shift_open_fn_time = self.clock.now()
        st.shift_counters = CounterSet()
        built = self._sign_and_store(
            TYPE_SHIFT_OPEN, cur.when, [(1038, encode_uint32(st.shift_number))],
            {"shift": st.shift_number},
        )
        return S.ShiftResult(st.shift_number, st.last_fd, built.fiscal_sign,
                             self._warning_flags())

    def _begin_close_shift(self, req: S.DateTimeRequest) -> NoData:
        """13h: begin the shift-close report (no receipt may be open)."""
        if not self.state.shift_open or self.current is not None:
            raise Answer(WRONG_STATE)
        self._check_time(req.datetime)
        self._begin(DOC_SHIFT_CLOSE, req.datetime)
        return _NONE

    def _first_unsent(self) -> tuple[int, datetime] | None:
        if not self._unacked():
            return None
        first = self.store.first_unacked()
        return (first[0], datetime.fromisoformat(first[1])) if first else None

    def _unsent_fields(self) -> D.FieldList:
        first = self._first_unsent()
        if first is None:
            return D.unsent_fields(self._unacked(), None, None)
        return D.unsent_fields(self._unacked(), first[0], first[1])

    def _close_shift(self, req: NoData) -> S.ShiftResult:
        """14h: sign the shift-close report with the shift's totals."""
        cur = self._expect(DOC_SHIFT_CLOSE)
        assert cur.when is not None
        self._check_time(cur.when)
        st = self.state
        number = st.shift_number
        fields: D.FieldList = [
            (1038, encode_uint32(number)),
            (1111, encode_uint32(st.shift_fd_count + 1)),
            (1118, encode_uint32(st.receipt_number)),
            *self._unsent_fields(),
            *D.warning_fields(self.warnings()),
            (1194, D.totals_counters(st.shift_counters, self._ffd_mode())),
            (1157, D.totals_counters(st.fn_counters, self._ffd_mode())),
        ]
        st.shift_open = False
        st.shift_opened_at = None
        st.shift_open_fn_time = None
        built = self._sign_and_store(TYPE_SHIFT_CLOSE, cur.when, fields, {"shift": number})
        return S.ShiftResult(number, st.last_fd, built.fiscal_sign, self._warning_flags())

    # --- receipts (15h–17h) ----------------------------------------------------------------

    def _begin_receipt_like(self, when: datetime, code: int) -> NoData:
        if not self.state.shift_open or self.current is not None:
            raise Answer(WRONG_STATE)
        self._check_time(when)
        self._check_shift_age(when)
        self._check_can_sign()
        self._begin(code, when)
        return _NONE

    def _begin_receipt(self, req: S.DateTimeRequest) -> NoData:
        """15h: begin a receipt (needs an open shift younger than 24 h)."""
        return self._begin_receipt_like(req.datetime, DOC_RECEIPT)

    def _begin_correction(self, req: S.DateTimeRequest) -> NoData:
        """17h: begin a correction receipt (closed by 16h like a receipt)."""
        return self._begin_receipt_like(req.datetime, DOC_CORRECTION)

    @staticmethod
    def _receipt_values(tlv: bytes) -> tuple[dict[int, int], list[dict[int, int]]]:
        """Top-level payment / VAT sums and, per item (1059), its 1199/1200/1043."""
        top: dict[int, int] = {}
        items: list[dict[int, int]] = []
        for t in iter_tlv(tlv):
            if t.tag in PAYMENT_TAGS or 1102 <= t.tag <= 1107:
                top[t.tag] = int.from_bytes(t.value, "little")
            elif t.tag == 1059:
                item: dict[int, int] = {}
                try:
                    for sub in iter_tlv(t.value):
                        if sub.tag in (1199, 1200, 1043):
                            item[sub.tag] = int.from_bytes(sub.value, "little")
                except DecodeError:
                    raise Answer(BAD_TAG_VALUE, _tag_bytes(1059)) from None
                items.append(item)
        return top, items

    def _complete_receipt(self, req: S.CompleteReceipt) -> S.ReceiptResult:
        """16h: sign the receipt or correction receipt; update counters 36h–38h."""
        cur = self._expect(DOC_RECEIPT, DOC_CORRECTION)
        op, total = int(req.operation), req.total
        self._check_time(req.datetime)
        top, items = self._receipt_values(bytes(cur.tlv))
        # Payment sums: FFD 1.2 requires all five payment tags (zero allowed), FFD 1.05 cash
        # and electronic; the extra byte of 0Dh marks the missing ones (S2 §4.4.7, as the
        # shared codec's PaymentTypeBits reads it).
        needed = PAYMENT_TAGS if self.state.ffd == FFD_12 else (1031, 1081)
        missing = 0
        for tag in needed:
            if tag not in top:
                missing |= PAYMENT_BITS[tag]
        if missing:
            raise Answer(MISSING_COUNTER_DATA, bytes((missing,)))
        correction = cur.code == DOC_CORRECTION
        st = self.state
        st.receipt_number += 1
        vat = vat_sums(top, items)
        for counters in (st.shift_counters, st.fn_counters):
            counters.add_receipt(op, total, top, vat, correction)
        built = self._sign_and_store(
            TYPE_CORRECTION if correction else TYPE_RECEIPT, req.datetime,
            D.receipt_fields(st.shift_number, st.receipt_number, op, total),
            {"op": op, "total": total}, op_type=op, total=total,
        )
        return S.ReceiptResult(st.receipt_number, st.last_fd, built.fiscal_sign)

    # --- state report (18h/19h) ------------------------------------------------------------

    def _begin_state_report(self, req: S.DateTimeRequest) -> NoData:
        """18h: begin the current-state report."""
        if self.current is not None:
            raise Answer(WRONG_STATE)
        self._check_time(req.datetime)
        self._begin(DOC_STATE_REPORT, req.datetime)
        return _NONE

    def _state_report(self, req: NoData) -> S.StateReportResult:
        """19h: sign the current-state report: unconfirmed count and first date."""
        cur = self._expect(DOC_STATE_REPORT)
        assert cur.when is not None
        self._check_time(cur.when)
        first = self._first_unsent()
        count = self._unacked()
        first_day = first[1].date() if first else None
        fields = self._unsent_fields()
        if self.state.shift_open:
            fields.insert(0, (1038, encode_uint32(self.state.shift_number)))
        fields.append((1157, D.totals_counters(self.state.fn_counters, self._ffd_mode())))
        built = self._sign_and_store(
            TYPE_STATE_REPORT, cur.when, fields,
            {"unconfirmed": count, "first": first_day.isoformat() if first_day else None},
        )
        return S.StateReportResult(self.state.last_fd, built.fiscal_sign, count, first_day)

    # --- OFD exchange (20h–26h) ------------------------------------------------------------

    def _ofd_status(self, req: NoData) -> O.OFDStatus:
        """20h: exchange status, queue length, first queued document."""
        o = self.ofd
        first = self._first_unsent()
        flags = OFDStatusFlags(0)
        if o.transport_up:
            flags |= OFDStatusFlags.TRANSPORT_UP
        if first:
            flags |= OFDStatusFlags.MESSAGE_PENDING
        if o.awaiting_receipt:
            flags |= OFDStatusFlags.AWAITING_RECEIPT
        return O.OFDStatus(flags, o.reading, self._unacked(), first[0] if first else 0,
                           first[1] if first else None)

    def _transport_status(self, req: O.TransportStatus) -> NoData:
        """21h: the KKT reports its transport connection to the OFD (0 down / 1 up)."""
        self.ofd.transport_up = bool(req.state)
        if not req.state:
            self.ofd.reading = False
        return _NONE

    def _ofd_begin_read(self, req: NoData) -> O.OFDMessageLength:
        """22h: start reading the message for the oldest unacknowledged document."""
        if not self.ofd.transport_up:
            raise Answer(NO_TRANSPORT)
        first = self._first_unsent()
        if first is None:
            raise Answer(NO_DATA)
        doc = self.store.get(first[0])
        assert doc is not None
        self.ofd.message = ofd_queue.build_message(self.settings.fn_number, doc)
        self.ofd.message_fd = doc.fd
        self.ofd.reading = True
        self.ofd.awaiting_receipt = False
        return O.OFDMessageLength(len(self.ofd.message))

    def _ofd_read_block(self, req: O.ReadBlock) -> O.DataBlock:
        """23h: a block of the message (offset, max length); may be shorter than asked."""
        if not self.ofd.reading:
            raise Answer(WRONG_STATE)
        if req.offset > len(self.ofd.message):
            raise Answer(INVALID_PARAMETER)
        return O.DataBlock(self.ofd.message[req.offset : req.offset + min(req.length, MAX_DATA)])

    def _ofd_cancel_read(self, req: NoData) -> NoData:
        """24h: abandon the read; the message stays queued."""
        if not self.ofd.reading:
            raise Answer(WRONG_STATE)
        self.ofd.reading = False
        return _NONE

    def _ofd_finish_read(self, req: NoData) -> NoData:
        """25h: the message was sent; the FN now waits for the OFD's receipt."""
        if not self.ofd.reading:
            raise Answer(WRONG_STATE)
        self.ofd.reading = False
        self.ofd.awaiting_receipt = True
        return _NONE

    def _ofd_receipt(self, req: O.OFDReceipt) -> O.OFDReceiptResult:
        """26h: the OFD's receipt; 20h + reason byte when it is not acceptable."""
        if not self.ofd.awaiting_receipt:
            raise Answer(WRONG_STATE)
        doc = self.store.get(self.ofd.message_fd)
        assert doc is not None
        reg = self.state.registration
        result = ofd_queue.check_ack(bytes(req.data), self.settings.fn_number,
                                     reg.ofd_inn if reg else "", doc)
        if result.reject_reason:
            raise Answer(REPLY_REJECTED, bytes((result.reject_reason,)))
        self.ofd.awaiting_receipt = False
        if result.answer_code == 0:
            st = self.state
            st.acked_count += 1
            if st.phase == PHASE_POST_FISCAL and not self._unacked():
                st.phase = PHASE_ARCHIVE
            try:
                self.store.acknowledge(doc.fd, result.when.isoformat(), result.operator_sign,
                                       st.to_json())
            except Exception:
                self._load()
                raise
        return O.OFDReceiptResult(result.answer_code, result.operator_message)

    # --- status and service (30h–3Fh, A7h) -------------------------------------------------

    def _status(self, req: NoData) -> ST.FNStatus:
        """30h: 30-byte status."""
        st = self.state
        cur = self.current
        return ST.FNStatus(
            phase=Phase(st.phase), document=DocumentCode(cur.code if cur else DOC_NONE),
            document_data_received=bool(cur and cur.tlv), shift_open=st.shift_open,
            warnings=WarningFlags(self.warnings()), last_document_datetime=st.last_time,
            fn_number=self.settings.fn_number, last_fd=st.last_fd,
        )

    def _fn_number(self, req: NoData) -> ST.FNNumber:
        """31h: the FN number (ASCII 16)."""
        return ST.FNNumber(self.settings.fn_number)

    def _expiry(self, req: NoData) -> ST.FNExpiry:
        """32h: expiry date, registrations left and done."""
        done = self.state.registrations
        left = max(0, self.settings.max_registrations - done)
        return ST.FNExpiry(self.state.expiry, min(left, 255), min(done, 255))

    def _version(self, req: NoData) -> ST.FNVersion:
        """33h: firmware version and debug (МГМ) / serial FN."""
        return ST.FNVersion(self.settings.firmware_version, not self.settings.debug)

    def _last_errors(self, req: NoData) -> ST.LastErrors:
        """35h: diagnostics blob (the emulator has none)."""
        return ST.LastErrors(b"")

    def _counter_set(self, scope: int) -> CounterSet:
        # 36h–38h exist in FFD 1.1/1.2 mode only (reference §2.1).
        if self.state.ffd == FFD_105:
            raise Answer(FFD_MODE_MISMATCH)
        return self.state.shift_counters if scope == 0 else self.state.fn_counters

    @staticmethod
    def _operation_counters(c: CounterSet, op: int) -> ST.OperationCounters:
        t = c.receipts[op]
        return ST.OperationCounters(t.count, *t.sums)

    def _counters(self, req: ST.CountersRequest) -> ST.FNCounters:
        """36h: shift number, operations, four 76-byte blocks, the 44-byte correction block."""
        c = self._counter_set(int(req.scope))
        blocks = {name: self._operation_counters(c, op) for op, name in _OPS.items()}
        corr = {name: ST.CountSum(*c.corrections[op]) for op, name in _OPS.items()}
        return ST.FNCounters(
            shift_number=self.state.shift_number,
            operations=c.receipt_count + c.correction_count,
            correction=ST.CorrectionCounters(count=c.correction_count, **corr),
            **blocks,
        )

    def _operation_counts(self, req: ST.CountersRequest) -> ST.OperationCounts:
        """37h: receipt counts: all, per type, corrections all, corrections per type."""
        c = self._counter_set(int(req.scope))
        per_op = {name: c.receipts[op].count for op, name in _OPS.items()}
        per_corr = {f"correction_{name}": c.corrections[op][0]
                    for op, name in _OPS.items()}
        return ST.OperationCounts(
            shift_number=self.state.shift_number, total=c.receipt_count,
            corrections=c.correction_count, **per_op, **per_corr,
        )

    def _settlement_counters(self, req: ST.SettlementCountersRequest) -> ST.SettlementCounters:
        """38h: one settlement type's 76-byte block + its correction count and sum."""
        c = self._counter_set(int(req.scope))
        op = int(req.operation)
        return ST.SettlementCounters(self._operation_counters(c, op), *c.corrections[op])

    def _unsent_counters(self, req: NoData) -> ST.UnsentCounters:
        """39h: unsent documents, then count and sum of unsent receipts per settlement type."""
        if self._autonomous():
            raise Answer(NO_DATA)
        per_op = self.store.unacked_receipts() if self._unacked() else {}
        return ST.UnsentCounters(
            self._unacked(), *(ST.CountSum(*per_op.get(op, (0, 0))) for op in (1, 2, 3, 4))
        )

    def _ffd_version(self, req: NoData) -> ST.FFDMode:
        """3Ah: current FFD mode (0 none, 1 for 1.0/1.05, 4 for 1.2) and the maximum."""
        current = {0: FFDVersion.NOT_SET, FFD_105: FFDVersion.FFD_10, FFD_12: FFDVersion.FFD_12}
        return ST.FFDMode(current[self.state.ffd], FFDVersion(self.settings.max_ffd))

    def _days_left(self, req: S.DateTimeRequest) -> ST.DaysLeft:
        """3Bh: days from the given date to expiry (0 when past)."""
        return ST.DaysLeft(max(0, (self.state.expiry - req.datetime.date()).days))

    def _free_memory(self, req: NoData) -> ST.FreeMemory:
        """3Dh: documents left, free KiB of the 30-day store, [marking store %, FFD 1.2]."""
        docs_left = max(0, self.settings.max_documents - self.state.last_fd)
        used = self.store.unacked_bytes() if self._unacked() else 0
        kib = max(0, self.settings.ofd_store_kib - used // 1024)
        return ST.FreeMemory(docs_left, kib, 0 if self.state.ffd == FFD_12 else None)

    def _execution(self, req: NoData) -> ST.FNExecution:
        """3Fh: the FN "execution" string (ASCII 48)."""
        return ST.FNExecution("sigmakkt emulated FN (not a fiscal device)")

    def _transferred_size(self, req: NoData) -> ST.TransferredSize:
        """A7h: bytes of the current document received through 07h [+ marking, FFD 1.2]."""
        size = len(self.current.tlv) if self.current else 0
        return ST.TransferredSize(size, 0 if self.state.ffd == FFD_12 else None)

    # --- archive (40h–47h) -----------------------------------------------------------------

    def _archived(self, fd: int) -> ArchivedDocument:
        doc = self.store.get(fd) if 0 < fd <= self.state.last_fd else None
        if doc is None:
            raise Answer(NO_DATA)
        return doc

    def _registration_of(self, doc: ArchivedDocument) -> Registration:
        """The registration parameters a registration report was made with (from its TLVs)."""
        f = {t.tag: t.value for t in iter_tlv(next(iter_tlv(doc.tlv)).value)}
        s = doc.summary
        ffd = int(str(s["ffd"]))
        return Registration(
            fd=doc.fd, when=datetime.fromisoformat(doc.created),
            inn=f[1018].decode("cp866").strip(), rnm=f[1037].decode("cp866").strip(),
            tax_systems=f[1062][0], work_mode=int(str(s.get("mode", 0))),
            ext_flags=int(str(s.get("ext", 0))),
            ofd_inn=f[1017].decode("cp866").strip() if 1017 in f else "",
            reason=int(str(s.get("reason", 0))), ffd=ffd,
        )

    def _registration_details(self, doc: ArchivedDocument) -> A.RegistrationDetails:
        reg = self._registration_of(doc)
        rereg = doc.doc_type == TYPE_REREGISTRATION
        if reg.ffd == FFD_12:
            return A.RegistrationDetails(
                reg.inn, reg.rnm, WorkMode(reg.work_mode), _tax(reg.tax_systems),
                extended_flags=ExtendedFlags(reg.ext_flags), ofd_inn=reg.ofd_inn,
                reasons=ReregistrationReason(reg.reason) if rereg else None,
            )
        return A.RegistrationDetails(reg.inn, reg.rnm, WorkMode(reg.work_mode),
                                     _tax(reg.tax_systems))

    def _find_document(self, req: A.DocumentNumber) -> A.FoundDocument:
        """40h: the archived document's fixed-layout summary (reference §2.6)."""
        doc = self._archived(req.fd)
        s = doc.summary
        t = doc.doc_type
        details: Any
        if t in (TYPE_RECEIPT, TYPE_CORRECTION):
            details = A.ReceiptDetails(OperationType(int(str(s["op"]))), int(str(s["total"])))
        elif t in (TYPE_SHIFT_OPEN, TYPE_SHIFT_CLOSE):
            details = A.ShiftDetails(int(str(s["shift"])))
        elif t == TYPE_CLOSE_FN:
            reg = self.state.registration
            assert reg is not None
            details = A.FNCloseDetails(reg.inn, reg.rnm)
        elif t == TYPE_STATE_REPORT:
            first = s.get("first")
            details = A.StateReportDetails(
                int(str(s["unconfirmed"])), date.fromisoformat(str(first)) if first else None
            )
        else:
            details = self._registration_details(doc)
        return A.FoundDocument(DocumentType(t), doc.acked, datetime.fromisoformat(doc.created),
                               doc.fd, doc.fiscal_sign, details)

    def _ofd_ack(self, req: A.DocumentNumber) -> A.OFDAcknowledgement:
        """41h: the OFD acknowledgement stored for a document (08h if none yet)."""
        doc = self._archived(req.fd)
        if not doc.acked or doc.ack_time is None or doc.ack_sign is None:
            raise Answer(NO_DATA)
        return A.OFDAcknowledgement(datetime.fromisoformat(doc.ack_time),
                                    doc.ack_sign[:18].ljust(18, b"\x00"), doc.fd)

    def _unconfirmed_count(self, req: NoData) -> A.UnconfirmedCount:
        """42h: documents without an OFD acknowledgement."""
        return A.UnconfirmedCount(self._unacked())

    def _registration_doc(self, ordinal: int | None) -> ArchivedDocument:
        fds = self.state.registration_fds
        if not fds:
            raise Answer(NO_DATA)
        if ordinal is None:
            return self._archived(fds[-1])
        if 1 <= ordinal <= len(fds):
            return self._archived(fds[ordinal - 1])
        raise Answer(NO_DATA)

    def _registration_results(self, req: A.RegistrationResultsRequest) -> A.RegistrationResults:
        """43h: parameters of the last (or the n-th, variant 2) registration."""
        doc = self._registration_doc(req.ordinal)
        reg = self._registration_of(doc)
        variant2 = req.ordinal is not None
        base: dict[str, Any] = {
            "datetime": reg.when, "inn": reg.inn, "rnm": reg.rnm,
            "tax_systems": _tax(reg.tax_systems), "work_mode": WorkMode(reg.work_mode),
            "fd": doc.fd, "fpd": doc.fiscal_sign,
        }
        if reg.ffd == FFD_12:
            base.update(extended_flags=ExtendedFlags(reg.ext_flags), ofd_inn=reg.ofd_inn)
            if variant2:
                base["reasons"] = ReregistrationReason(reg.reason)
        elif variant2 and reg.reason:
            base["reason"] = ReregistrationReason105(reg.reason)
        return A.RegistrationResults(**base)

    def _registration_parameter(self, req: A.RegistrationParameterRequest) -> A.TLVData:
        """44h: one TLV of the registration report; tag FFFFh arms 47h for all of them."""
        doc = self._registration_doc(req.ordinal)
        tlvs = [encode_tlv(t.tag, t.value) for t in iter_tlv(next(iter_tlv(doc.tlv)).value)]
        if req.tag == 0xFFFF:
            self._reg_read = tlvs
            return A.TLVData(b"")
        for raw in tlvs:
            if int.from_bytes(raw[:2], "little") == req.tag:
                return A.TLVData(raw)
        raise Answer(NO_DATA)

    def _read_registration_tlv(self, req: NoData) -> A.TLVData:
        """47h: the next TLV of the registration report armed by 44h FFFFh; then 08h."""
        if not self._reg_read:
            raise Answer(NO_DATA)
        return A.TLVData(self._reg_read.pop(0))

    def _document_tlv_info(self, req: A.DocumentNumber) -> A.DocumentTLVInfo:
        """45h: document type and length; arms 46h to read it one top-level TLV at a time."""
        doc = self._archived(req.fd)
        outer = next(iter_tlv(doc.tlv))
        self._tlv_read = [encode_tlv(t.tag, t.value) for t in iter_tlv(outer.value)]
        return A.DocumentTLVInfo(DocumentType(outer.tag), len(outer.value))

    def _read_document_tlv(self, req: NoData) -> A.TLVData:
        """46h: the next top-level TLV of the document armed by 45h; 08h at the end."""
        if self._tlv_read is None:
            raise Answer(WRONG_STATE)
        if not self._tlv_read:
            self._tlv_read = None
            raise Answer(NO_DATA)
        return A.TLVData(self._tlv_read.pop(0))

    # --- debug ------------------------------------------------------------------------------

    def _debug_reset(self, req: A.DebugReset) -> NoData:
        """60h with byte 16h: wipe the archive and return to "ready for registration" (debug FN)."""
        if not self.settings.debug:
            raise Answer(UNKNOWN_COMMAND)
        if req.code != 0x16:
            raise Answer(INVALID_PARAMETER)
        fresh = self._fresh_state()
        self.store.wipe(fresh.to_json())
        self._load()
        return _NONE

