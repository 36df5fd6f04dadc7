"""One pass of the KKT–OFD exchange: every queued FN message to the OFD, every receipt back.

The FN's queue is the source of truth (S2 §4.6; reference §2.5, §7). A pass:

1. 21h(1): tell the FN the transport is up;
2. 22h: begin reading the oldest unacknowledged message (08h: nothing queued), 23h in blocks
   with offsets until the whole length is read, 25h to finish — or 24h if anything fails
   mid-read, so the FN is never left in the "reading" state;
3. send the message to the OFD over TCP and read its reply: 30-byte session header, then the
   container whose length the header gives (layout: :mod:`sigmakkt.protocol.ofd`);
4. 26h: hand the reply's container to the FN. Only then does the document leave the FN's queue;
5. repeat until the queue is empty, then 21h(0).

Failure semantics: if the OFD link drops or times out at any step (before the send, after it,
mid-reply) the exchange reconnects with exponential back-off and sends the *same* message again.
The OFD may thus see a document twice, but it deduplicates (as a real OFD does) and the FN
acknowledges it once. After ``attempts`` failed tries the pass stops with
:class:`~sigmakkt.errors.OFDUnavailable` (its ``report`` says what got through); nothing is lost.
A document the OFD rejects (non-zero 1022 code) or whose receipt the FN rejects (20h + reason)
stays queued; the pass reports it by number and stops, since the FN's queue is strictly
first-in first-out and would hand out the same document again.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from sigmakkt.errors import DecodeError, OFDUnavailable, SigmaKKTError
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.fn.errors import FNNoData, FNReplyRejected
from sigmakkt.ofd.status import read_queue_status
from sigmakkt.protocol.fn.commands.ofd import (
    BEGIN_OFD_MESSAGE_READ,
    CANCEL_OFD_MESSAGE_READ,
    FINISH_OFD_MESSAGE_READ,
    READ_OFD_MESSAGE_BLOCK,
    SEND_OFD_RECEIPT,
    SET_TRANSPORT_STATUS,
    OFDReceipt,
    ReadBlock,
    TransportStatus,
)
from sigmakkt.protocol.fn.enums import TransportState
from sigmakkt.protocol.fn.frame import MAX_DATA
from sigmakkt.protocol.ofd import (
    MAX_CONTAINER,
    SESSION_HEADER_SIZE,
    Message,
    SessionHeader,
    strip_session_header,
)

_log = logging.getLogger("sigmakkt.ofd")

#: 23h block size: well inside one answer frame (MAX_DATA = 1536 data bytes).
DEFAULT_BLOCK = 1024

#: ``connect(host, port, timeout)`` → a connected socket; injectable for tests.
Connector = Callable[[str, int, float], socket.socket]
#: ``progress(done, total)`` after each document; ``total`` is the queue length at the start.
Progress = Callable[[int, int], None]


class RejectSource(Enum):
    """Who refused a document: the OFD (1022 answer code) or the FN (20h reject reason)."""

    OFD = "ofd"
    FN = "fn"


@dataclass(frozen=True, slots=True)
class RejectedDocument:
    """A document that stayed in the FN's queue because its delivery was refused."""

    fd: int
    source: RejectSource
    code: int
    reason: str


@dataclass(slots=True)
class ExchangeReport:
    """Outcome of one pass (:meth:`OFDExchange.run_once`).

    ``sent`` counts distinct documents sent to the OFD; ``resends`` extra sends after a link
    failure; ``acknowledged`` the FD numbers the FN accepted a receipt for, in order;
    ``rejected`` the documents refused; ``remaining`` the FN's queue length at the end (None if
    it could not be read); ``errors`` what went wrong and was recovered (or ended the pass).
    """

    sent: int = 0
    resends: int = 0
    acknowledged: list[int] = field(default_factory=list)
    rejected: list[RejectedDocument] = field(default_factory=list)
    remaining: int | None = None
    errors: list[str] = field(default_factory=list)
    queued_at_start: int = 0

    @property
    def complete(self) -> bool:
        """True when the FN's queue was emptied and nothing was rejected."""
        return self.remaining == 0 and not self.rejected


def _default_connect(host: str, port: int, timeout: float) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class _LinkFailure(Exception):
    """The OFD connection failed at ``step``; the exchange reconnects and retries."""

    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step


class OFDExchange:
    """The KKT side of the exchange between the FN ``fn`` and the OFD at ``host:port``.

    ``timeout`` bounds every socket operation (connect, each read of the reply) in seconds;
    ``attempts`` is how many times one message is tried before
    :class:`~sigmakkt.errors.OFDUnavailable`; between tries the exchange waits ``backoff``
    seconds, doubling up to ``max_backoff``. ``connect`` replaces the TCP connector (tests);
    ``block`` is the 23h read size. The OFD connection is kept open between messages and
    passes, and reopened after any failure; :meth:`close` drops it.
    """

    def __init__(self, fn: FiscalStorage, host: str, port: int, *, timeout: float = 30.0,
                 connect: Connector | None = None, attempts: int = 5, backoff: float = 0.5,
                 max_backoff: float = 30.0, block: int = DEFAULT_BLOCK,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        if not 0 < block <= MAX_DATA:
            raise ValueError(f"block must be 1..{MAX_DATA} bytes")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.fn = fn
        self.host = host
        self.port = port
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.block = block
        self._connect = connect or _default_connect
        self._sleep = sleep
        self._sock: socket.socket | None = None

    # --- one pass ------------------------------------------------------------------------------

    def run_once(self, progress: Progress | None = None) -> ExchangeReport:
        """Deliver every queued document; return what happened (see :class:`ExchangeReport`).

        Raises :class:`~sigmakkt.errors.OFDUnavailable` (with ``.report``) when the OFD
        cannot be reached within the retry budget, and the FN's typed errors if the FN itself
        fails; in every case the transport status is set back to down (best effort).
        """
        report = ExchangeReport()
        report.queued_at_start = read_queue_status(self.fn).queued
        self.fn.execute(SET_TRANSPORT_STATUS, TransportStatus(TransportState.UP))
        try:
            self._loop(report, progress)
        except OFDUnavailable as exc:
            exc.report = report
            raise
        finally:
            self._finish(report)
        return report

    def _loop(self, report: ExchangeReport, progress: Progress | None) -> None:
        total = report.queued_at_start
        while True:
            message = self._read_message()
            if message is None:
                return
            fd = Message.unpack(message).container.fd_number
            reply = self._deliver(message, fd, report)
            report.sent += 1
            try:
                # 26h takes the reply's container (sigmakkt.protocol.ofd: header stripped)
                result = self.fn.execute(SEND_OFD_RECEIPT, OFDReceipt(strip_session_header(reply)))
            except FNReplyRejected as exc:
                reason = exc.reason
                code = 0 if reason is None else int(reason)
                label = getattr(reason, "name", "unknown") if reason is not None else "none"
                report.rejected.append(RejectedDocument(
                    fd, RejectSource.FN, code, f"the FN refused the OFD receipt: {label}"))
                report.errors.append(f"FD {fd}: FN rejected the OFD receipt (reason {code})")
                return
            if result.ofd_code != 0:
                report.rejected.append(RejectedDocument(
                    fd, RejectSource.OFD, result.ofd_code,
                    f"the OFD answered code {result.ofd_code} (tag 1022)"))
                return
            report.acknowledged.append(fd)
            if progress is not None:
                progress(len(report.acknowledged), max(total, len(report.acknowledged)))

    def _finish(self, report: ExchangeReport) -> None:
        try:
            self.fn.execute(SET_TRANSPORT_STATUS, TransportStatus(TransportState.DOWN))
            report.remaining = read_queue_status(self.fn).queued
        except SigmaKKTError as exc:  # the pass's own outcome matters more than this
            report.errors.append(f"after the pass: {exc}")

    # --- FN side -------------------------------------------------------------------------------

    def _read_message(self) -> bytes | None:
        """22h / 23h… / 25h; None when the FN has nothing queued (08h). 24h on failure."""
        try:
            length = self.fn.execute(BEGIN_OFD_MESSAGE_READ).length
        except FNNoData:
            return None
        try:
            data = bytearray()
            while len(data) < length:
                want = min(self.block, length - len(data))
                chunk = self.fn.execute(READ_OFD_MESSAGE_BLOCK, ReadBlock(len(data), want)).data
                if not chunk:
                    raise DecodeError(f"23h returned no data at offset {len(data)} of {length}")
                data += chunk
            if len(data) != length:
                raise DecodeError(f"message is {len(data)} bytes, 22h announced {length}")
            self.fn.execute(FINISH_OFD_MESSAGE_READ)
        except BaseException:
            self._cancel_read()
            raise
        return bytes(data)

    def _cancel_read(self) -> None:
        try:
            self.fn.execute(CANCEL_OFD_MESSAGE_READ)
        except SigmaKKTError as exc:
            _log.warning("24h after a failed message read: %s", exc)

    # --- OFD side ------------------------------------------------------------------------------

    def _deliver(self, message: bytes, fd: int, report: ExchangeReport) -> bytes:
        """Send ``message`` and return the OFD's reply, reconnecting with back-off."""
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                report.resends += 1
            try:
                return self._send_once(message)
            except _LinkFailure as exc:
                self.close()
                report.errors.append(f"FD {fd}, attempt {attempt}: {exc}")
                _log.info("OFD %s:%d FD %d attempt %d failed: %s", self.host, self.port, fd,
                          attempt, exc)
                if attempt == self.attempts:
                    break
                self._sleep(delay)
                delay = min(delay * 2, self.max_backoff)
        raise OFDUnavailable(
            f"OFD {self.host}:{self.port} did not take FD {fd} after {self.attempts} attempt(s) "
            f"({report.errors[-1]}); the document stays queued in the FN — check the network "
            "and the OFD address, then run the exchange again")

    def _send_once(self, message: bytes) -> bytes:
        sock = self._sock
        if sock is None:
            try:
                sock = self._connect(self.host, self.port, self.timeout)
            except OSError as exc:
                raise _LinkFailure("connect", str(exc) or type(exc).__name__) from exc
            sock.settimeout(self.timeout)
            self._sock = sock
        try:
            sock.sendall(message)
        except OSError as exc:
            raise _LinkFailure("send", str(exc) or type(exc).__name__) from exc
        head = self._recv_exact(sock, SESSION_HEADER_SIZE, "reply header")
        try:
            session = SessionHeader.unpack(head)
        except DecodeError as exc:
            raise _LinkFailure("reply header", str(exc)) from exc
        if session.length > min(MAX_CONTAINER, MAX_DATA):
            raise _LinkFailure("reply header", f"reply container of {session.length} bytes "
                               "does not fit one FN frame")
        body = self._recv_exact(sock, session.length, "reply body")
        return head + body

    def _recv_exact(self, sock: socket.socket, size: int, step: str) -> bytes:
        buf = bytearray()
        while len(buf) < size:
            try:
                chunk = sock.recv(size - len(buf))
            except TimeoutError as exc:
                raise _LinkFailure(step, f"no data within {self.timeout:g} s") from exc
            except OSError as exc:
                raise _LinkFailure(step, str(exc) or type(exc).__name__) from exc
            if not chunk:
                raise _LinkFailure(step, f"connection closed after {len(buf)} of {size} bytes")
            buf += chunk
        return bytes(buf)

    # --- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Drop the OFD connection (it is reopened by the next send)."""
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def __enter__(self) -> OFDExchange:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
