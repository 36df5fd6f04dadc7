"""The FN client: one request frame out, one answer frame back, over any transport.

:class:`FiscalStorage` owns the conversation with one fiscal storage:

* it waits for each answer as long as the command's entry in the deadline table says
  (:mod:`sigmakkt.fn.deadlines`), so a slow fiscal operation is not mistaken for a dead link;
* a lost answer (deadline passed) or a corrupt one (CRC or framing error) is recovered by
  sending ENQ (05h), which makes the FN repeat its last answer (fn-protocol reference §1:
  "over UART the KKT may send ENQ (0x05) to get the last answer repeated"), up to
  ``enq_retries`` times;
* when that fails too it raises a typed error that says whether the command may have run:
  the plain transport error (:class:`~sigmakkt.errors.TransportTimeout`,
  :class:`~sigmakkt.errors.CRCError`, :class:`~sigmakkt.errors.Disconnected`) for read-only
  commands, which are safe to repeat, and :class:`~sigmakkt.errors.AnswerLost` (a
  :class:`~sigmakkt.errors.OutcomeUnknown`) for commands that change the FN;
* a non-zero answer code is raised as the typed :class:`~sigmakkt.errors.FNError` subclass from
  :func:`sigmakkt.fn.errors.fn_error_from_answer`; the answer's warning bit is kept in
  :attr:`FiscalStorage.last_warning`.

One command at a time: a lock serialises callers from several threads. Frames are logged as
hex at DEBUG level under the ``sigmakkt.fn`` logger (silent unless you enable it).
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from sigmakkt.errors import (
    AnswerLost,
    CRCError,
    Disconnected,
    FrameError,
    TransportError,
    TransportTimeout,
)
from sigmakkt.fn.deadlines import DeadlineTable, Timing
from sigmakkt.fn.errors import fn_error_from_answer
from sigmakkt.protocol.fn.command import NO_DATA
from sigmakkt.protocol.fn.frame import ENQ, Frame, FrameDecoder, encode_frame
from sigmakkt.transport.base import Transport

Req = TypeVar("Req", contravariant=True)
Ans = TypeVar("Ans", covariant=True)

#: Longest wait for the answer to one ENQ (the FN repeats a stored answer at once).
DEFAULT_ENQ_TIMEOUT = 2.0

_ENQ_BYTE = bytes((ENQ,))
_log = logging.getLogger("sigmakkt.fn")


class _LinkDown(Exception):
    """Internal: the link dropped; ``before_send`` tells whether the request left at all."""

    def __init__(self, error: Disconnected, *, before_send: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.before_send = before_send


class CommandCodec(Protocol[Req, Ans]):
    """What the client needs of a command (:class:`sigmakkt.protocol.fn.command.Command`)."""

    @property
    def code(self) -> int: ...

    def encode_request(self, req: Req, /) -> bytes: ...

    def decode_answer(self, data: bytes, /) -> Ans: ...


class FiscalStorage:
    """Client of one FN over ``transport`` (opened if it is not open yet).

    ``deadlines`` is a :class:`~sigmakkt.fn.deadlines.DeadlineTable` (default: the built-in
    table); ``enq_retries`` how many ENQs to send after a lost or corrupt answer;
    ``enq_timeout`` how long to wait for each repeat; ``logger`` replaces ``sigmakkt.fn``.
    """

    def __init__(self, transport: Transport, *, deadlines: DeadlineTable | None = None,
                 enq_retries: int = 2, enq_timeout: float = DEFAULT_ENQ_TIMEOUT,
                 logger: logging.Logger | None = None) -> None:
        if enq_retries < 0:
            raise ValueError("enq_retries cannot be negative")
        self.transport = transport
        self.deadlines = deadlines if deadlines is not None else DeadlineTable()
        self.enq_retries = enq_retries
        self.enq_timeout = enq_timeout
        self.log = logger if logger is not None else _log
        #: Whether the last answer had the warning bit (bit 7) set; details via command 30h.
        self.last_warning = False
        #: ENQs sent since this client was created (recoveries are visible to tests).
        self.enq_count = 0
        self._decoder = FrameDecoder(answers=True)
        self._lock = threading.Lock()
        if not transport.is_open:
            transport.open()

    @classmethod
    def open(cls, url: str, **kwargs: Any) -> FiscalStorage:
        """Open ``url`` with :func:`~sigmakkt.transport.open_transport` and wrap it."""
        from sigmakkt.transport.url import open_transport

        return cls(open_transport(url), **kwargs)

    # --- commands ------------------------------------------------------------------------------

    def execute(self, command: CommandCodec[Req, Ans], request: Any = NO_DATA) -> Ans:
        """Send ``command`` with ``request`` (a dataclass of its request type; omit for
        commands without data) and return its decoded answer.

        Raises :class:`~sigmakkt.errors.ValidationError` before sending if the request does
        not fit; the typed ``FNError`` on a non-zero answer code; transport errors or
        :class:`~sigmakkt.errors.AnswerLost` as described in the module docstring.
        """
        data = command.encode_request(request)
        frame = self.raw(command.code, data)
        if frame.code != 0:
            raise fn_error_from_answer(frame.code, frame.data)
        return command.decode_answer(frame.data)

    def raw(self, code: int, data: bytes = b"", *, deadline: float | None = None) -> Frame:
        """Send one request frame and return the answer frame as it is (answer code not
        checked). ``deadline`` (seconds) overrides the table's entry for ``code``.

        A link found closed or dropped is reopened once, and the exchange run again, when that
        cannot execute the command twice: nothing was sent yet, or the command is read-only.
        """
        timing = self.deadlines.timing(code)
        request = encode_frame(code, data)
        with self._lock:
            try:
                return self._exchange(code, request, timing, deadline)
            except _LinkDown as down:
                if not (down.before_send or timing.idempotent):
                    raise down.error from None
                self.log.info("FN link dropped (%s); reopening it", down.error)
                self._reopen(down.error)
            try:
                return self._exchange(code, request, timing, deadline)
            except _LinkDown as down:
                raise down.error from None

    def _exchange(self, code: int, request: bytes, timing: Timing,
                  deadline: float | None) -> Frame:
        """One request and its answer, with ENQ resends; link drops raise :class:`_LinkDown`
        (or :class:`AnswerLost` for a state-changing command already sent)."""
        wait = timing.deadline if deadline is None else deadline
        if not self.transport.is_open:
            raise _LinkDown(Disconnected(f"the link to the FN ({self.transport.url}) is closed"),
                            before_send=True)
        try:
            self._resync()
        except Disconnected as exc:
            raise _LinkDown(exc, before_send=True) from exc
        self._trace("->", request)
        try:
            self.transport.write(request)
        except Disconnected as exc:
            if timing.idempotent:
                raise _LinkDown(exc, before_send=False) from exc
            raise AnswerLost(
                f"FN command {code:02X}h: the link dropped while it was being sent; the FN "
                "may have received it — reconnect and check the FN state (30h status, last "
                "document number) before repeating it", code, "disconnected") from exc
        reason = "timeout"
        error: TransportError | FrameError | None = None
        for attempt in range(self.enq_retries + 1):
            if attempt:
                self.enq_count += 1
                self.log.debug("FN %02Xh: answer %s, sending ENQ (%d of %d)",
                               code, "lost" if reason == "timeout" else "corrupt",
                               attempt, self.enq_retries)
                try:
                    self._resync()
                    self.transport.write(_ENQ_BYTE)
                except Disconnected as exc:
                    error = exc
                    break
                wait = min(wait, self.enq_timeout) if deadline is None else wait
            try:
                frame = self._read_frame(time.monotonic() + wait)
            except TransportTimeout as exc:
                reason, error = "timeout", exc
            except FrameError as exc:  # CRCError included: the answer arrived damaged
                reason, error = "corrupt", exc
            except Disconnected as exc:
                error = exc
                break
            else:
                self.last_warning = frame.warning
                return frame
        assert error is not None
        if isinstance(error, Disconnected):
            if timing.idempotent:
                raise _LinkDown(error, before_send=False)
            raise AnswerLost(
                f"FN command {code:02X}h: the link dropped before its answer arrived; "
                "the FN may have executed it — reconnect and check the FN state "
                "(30h status, last document number) before repeating it",
                code, "disconnected",
            ) from error
        what = "no answer" if reason == "timeout" else "only corrupt answers"
        if timing.idempotent:
            msg = (f"FN command {code:02X}h: {what} within {timing.deadline:g} s and "
                   f"{self.enq_retries} ENQ resend(s); it changes nothing in the FN, so it "
                   "is safe to repeat — check the cable/port and that the FN is powered")
            if isinstance(error, CRCError):
                raise CRCError(msg) from error
            if isinstance(error, FrameError):
                raise FrameError(msg) from error
            raise TransportTimeout(msg) from error
        raise AnswerLost(
            f"FN command {code:02X}h: {what} within {timing.deadline:g} s and "
            f"{self.enq_retries} ENQ resend(s); the FN may have executed it — check the FN "
            "state (30h status, last document number) before repeating it",
            code, reason,
        ) from error

    def _reopen(self, cause: Disconnected) -> None:
        """Reopen the transport after ``cause``; a link that stays down raises Disconnected."""
        self.transport.close()
        try:
            self.transport.open()
        except TransportError as exc:
            raise Disconnected(
                f"the link to the FN ({self.transport.url}) dropped ({cause}) and could not "
                f"be reopened ({exc}); check the cable/port and the FN's power") from exc
        self._decoder.reset()

    # --- internals -----------------------------------------------------------------------------

    def _resync(self) -> None:
        """Forget stale bytes (a late answer, half a frame) before a new exchange."""
        self._decoder.reset()
        self.transport.discard_input()

    def _read_frame(self, deadline: float) -> Frame:
        while True:
            chunk = self.transport.read(deadline)
            try:
                frames = self._decoder.feed(chunk)
            except FrameError as exc:
                if exc.frames:
                    frames = exc.frames
                else:
                    self._trace("<- (bad)", chunk)
                    raise
            if frames:
                frame = frames[0]
                if self.log.isEnabledFor(logging.DEBUG):
                    self._trace("<-", encode_frame(frame.code | (0x80 if frame.warning else 0),
                                                   frame.data))
                return frame

    def _trace(self, direction: str, data: bytes) -> None:
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug("FN %s %s", direction, data.hex(" "))

    # --- lifetime ------------------------------------------------------------------------------

    def reconnect(self) -> None:
        """Close and reopen the transport (after :class:`~sigmakkt.errors.Disconnected`).

        :meth:`raw` does this by itself when it is safe; call it to force a fresh link.
        """
        with self._lock:
            self.transport.close()
            self.transport.open()
            self._decoder.reset()

    def close(self) -> None:
        """Close the transport."""
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<FiscalStorage {self.transport.url}>"
