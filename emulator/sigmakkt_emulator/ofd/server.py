"""The emulated OFD: a threaded TCP server that takes the emulated FN's messages and answers
with receipts (квитанции) the emulated FN accepts.

Per connection it reads messages one after another (session header, then the container whose
length the header gives; reference §7), checks and stores each document, and answers each with
an operator confirmation (document type 7) built by :func:`sigmakkt.protocol.ofd.make_ack`
(the reply layout that module documents). The receipt's operator sign (1078) is the keyed
stand-in :func:`~sigmakkt_emulator.fn.ofd_queue.operator_sign` shared with the emulated FN:
a real FN checks a GOST signature made by the OFD's crypto hardware, which no emulator can make
(yandex/ofd#6), so a real FN would reject these receipts (20h, reason 1 "bad fiscal sign").

Test modes (each thread-safe, cleared by :meth:`OFDServer.accept`):

* :meth:`~OFDServer.reject` — answer a format error (1022 ≠ 0) for one FD or for all;
* :meth:`~OFDServer.silent` — read messages and never answer;
* :meth:`~OFDServer.drop` — close the connection at a :class:`DropStep`.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import socketserver
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from types import TracebackType

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ofd import (
    CONTAINER_HEADER_SIZE,
    MAX_CONTAINER,
    SESSION_HEADER_SIZE,
    Message,
    SessionHeader,
    make_ack,
)
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn.ofd_queue import operator_sign
from sigmakkt_emulator.ofd.message import (
    REGISTRATION_TYPES,
    FormatError,
    check_document,
    find_fiscal_sign,
)
from sigmakkt_emulator.ofd.store import OFDStore, StoredDocument

_log = logging.getLogger("sigmakkt_emulator.ofd")

#: INN of the emulated OFD (a valid 10-digit INN: check digit per reference §10).
DEFAULT_OFD_INN = "7704211201"
#: 1022 answer code the emulated OFD uses for a format error. UNCERTAIN: the OFD answer-code
#: table (FFD tag 1022 values other than 0 = "accepted") was not found in the sources; any
#: non-zero code means "not accepted" to the FN, which is what the tests need.
FORMAT_ERROR = 1


class DropStep(Enum):
    """Where :meth:`OFDServer.drop` closes the connection."""

    BEFORE_READ = "before_read"  #: before reading the message
    AFTER_READ = "after_read"  #: after reading (and storing) it, before replying
    MID_REPLY = "mid_reply"  #: after sending half of the reply


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document the OFD refused: who sent it, which, the 1022 code and why."""

    fn_number: str
    fd: int
    code: int
    reason: str


@dataclass
class _Drop:
    step: DropStep
    times: int
    fd: int | None


class _Handler(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        self.server.owner._serve_connection(self.request)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], owner: OFDServer) -> None:
        self.owner = owner
        super().__init__(address, _Handler)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class OFDServer:
    """An emulated OFD on ``host:port`` (port 0: any free one; see :attr:`address`).

    ``db_path``: SQLite file for the received documents (None: in memory). ``inn``: the OFD's
    INN. ``clock``: the time put in receipts (1012) and ``received_at`` (default: the host's
    local time). ``strict_versions=False`` accepts tags the registered FFD version does not
    define (decoding, sizes and numbers are still checked). Binding anything but loopback
    gives a :class:`RuntimeWarning`: the server has no authentication and is meant for tests.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, db_path: str | None = None,
                 inn: str = DEFAULT_OFD_INN, *, clock: Clock | None = None,
                 timeout: float = 60.0, strict_versions: bool = True) -> None:
        if not _is_loopback(host):
            warnings.warn(f"the emulated OFD binds {host}, not loopback: anyone on the network "
                          "can reach it; it is a test server", RuntimeWarning, stacklevel=2)
        self.inn = inn
        self.timeout = timeout
        self.strict_versions = strict_versions
        self._now: Callable[[], datetime] = clock.now if clock is not None else datetime.now
        self._store = OFDStore(db_path)
        self._server = _TCPServer((host, port), self)
        self._thread: threading.Thread | None = None
        self._modes = threading.Lock()
        self._reject: dict[int | None, int] = {}
        self._silent: int | None = 0  # messages left to ignore; None: all
        self._drops: list[_Drop] = []
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self._rejections: list[Rejection] = []
        self._errors: list[str] = []
        #: Messages received (copies included) and receipts sent.
        self.received = 0
        self.replies = 0

    # --- lifetime ------------------------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) the server listens on."""
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> OFDServer:
        """Serve in a daemon thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever,
                                            kwargs={"poll_interval": 0.05},
                                            name=f"sigmakkt-ofd-server-{self.address[1]}",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and the store."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            _shutdown(conn)
        self._store.close()

    close = stop

    def __enter__(self) -> OFDServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # --- test modes ----------------------------------------------------------------------------

    def reject(self, fd: int | None = None, reason: int = FORMAT_ERROR) -> None:
        """Answer document ``fd`` (None: every document) with 1022 = ``reason`` (≠ 0)."""
        if not 0 < reason < 256:
            raise ValueError("a rejection code is 1..255 (0 means accepted)")
        with self._modes:
            self._reject[fd] = reason

    def silent(self, times: int | None = None) -> None:
        """Read the next ``times`` messages (None: all) and never answer them."""
        with self._modes:
            self._silent = times

    def drop(self, step: DropStep, times: int = 1, fd: int | None = None) -> None:
        """Close the connection at ``step`` for the next ``times`` messages (of FD ``fd``).

        A :attr:`DropStep.BEFORE_READ` drop for one FD closes when that FD's message arrives,
        without processing it (the OFD never saw it); one for any FD closes before reading.
        """
        with self._modes:
            self._drops.append(_Drop(step, times, fd))

    def accept(self) -> None:
        """Clear every test mode: read, store and acknowledge everything."""
        with self._modes:
            self._reject.clear()
            self._silent = 0
            self._drops.clear()

    # --- reading back --------------------------------------------------------------------------

    def documents(self, fn_number: str | None = None) -> list[StoredDocument]:
        """The documents held: (fn_number, fd_number, doc_type, stlv, received_at)."""
        return self._store.documents(fn_number)

    def count(self) -> int:
        """How many distinct documents are held."""
        return self._store.count()

    def times_received(self, fn_number: str, fd: int) -> int:
        """How many copies of one document arrived."""
        return self._store.times_received(fn_number, fd)

    def rejections(self) -> list[Rejection]:
        """The documents answered with a format error, in order."""
        with self._modes:
            return list(self._rejections)

    def errors(self) -> list[str]:
        """Messages that could not be routed (bad header, CRC, BCD…), in order."""
        with self._modes:
            return list(self._errors)

    # --- serving -------------------------------------------------------------------------------

    def _take_drop(self, step: DropStep, fd: int | None, *, any_fd: bool = True) -> bool:
        """Consume one drop at ``step`` aimed at ``fd`` (None: only drops for any FD), or —
        with ``any_fd`` — one for any FD."""
        with self._modes:
            for d in self._drops:
                if d.step is not step or d.times <= 0:
                    continue
                if d.fd == fd or (any_fd and d.fd is None):
                    d.times -= 1
                    return True
        return False

    def _take_silent(self) -> bool:
        with self._modes:
            if self._silent is None:
                return True
            if self._silent > 0:
                self._silent -= 1
                return True
        return False

    def _serve_connection(self, conn: socket.socket) -> None:
        conn.settimeout(self.timeout)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._conns_lock:
            self._conns.add(conn)
        try:
            while self._serve_one(conn):
                pass
        except OSError as exc:
            _log.debug("OFD connection ended: %s", exc)
        finally:
            with self._conns_lock:
                self._conns.discard(conn)
            _shutdown(conn)

    def _serve_one(self, conn: socket.socket) -> bool:
        """Read one message and answer it; False when the connection is to be closed."""
        if self._take_drop(DropStep.BEFORE_READ, None):
            return False
        head = _recv_exact(conn, SESSION_HEADER_SIZE)
        if head is None:
            return False
        try:
            length = SessionHeader.unpack(head).length
            if not CONTAINER_HEADER_SIZE <= length <= MAX_CONTAINER:
                raise DecodeError(f"container length {length} out of range")
            container = _recv_exact(conn, length)
            if container is None:
                return False
            msg = Message.unpack(head + container)
        except DecodeError as exc:
            with self._modes:
                self._errors.append(str(exc))
            _log.warning("OFD: unroutable message: %s", exc)
            return False
        if self._take_drop(DropStep.BEFORE_READ, msg.container.fd_number, any_fd=False):
            return False  # a drop aimed at one FD: close as if its message was never read
        with self._modes:
            self.received += 1
        reply = self._answer(msg)
        if self._take_silent():
            return True
        if self._take_drop(DropStep.AFTER_READ, msg.container.fd_number):
            return False
        if self._take_drop(DropStep.MID_REPLY, msg.container.fd_number):
            conn.sendall(reply[: len(reply) // 2])
            return False
        # Count the reply before it leaves: once the client holds it, a reader of ``replies``
        # (a test right after the exchange) must already see it.
        with self._modes:
            self.replies += 1
        try:
            conn.sendall(reply)
        except OSError:
            with self._modes:
                self.replies -= 1
            raise
        return True

    def _answer(self, msg: Message) -> bytes:
        box = msg.container
        fn_number, fd = box.fn_number, box.fd_number
        now = self._now().replace(microsecond=0)
        with self._modes:
            code = self._reject.get(fd, self._reject.get(None, 0))
        try:
            checked = check_document(msg, self._store.ffd(fn_number),
                                     strict_versions=self.strict_versions)
        except FormatError as exc:
            return self._refuse(msg, FORMAT_ERROR, str(exc), now, find_fiscal_sign(box.body))
        if code:
            return self._refuse(msg, code, "rejected by test mode", now, checked.fiscal_sign)
        if checked.document.doc_type in REGISTRATION_TYPES:
            self._store.set_ffd(fn_number, checked.ffd)
        self._store.put(fn_number, fd, box.doc_type, checked.stlv, now)
        return self._receipt(msg, now, 0, checked.fiscal_sign)

    def _receipt(self, msg: Message, now: datetime, code: int, fiscal_sign: int) -> bytes:
        box = msg.container
        sign = operator_sign(box.fn_number, box.fd_number, fiscal_sign)
        return make_ack(msg, now, self.inn, code, sign).pack()

    def _refuse(self, msg: Message, code: int, reason: str, now: datetime,
                fiscal_sign: int) -> bytes:
        box = msg.container
        with self._modes:
            self._rejections.append(Rejection(box.fn_number, box.fd_number, code, reason))
        _log.info("OFD: FD %d of FN %s refused (1022 = %d): %s", box.fd_number, box.fn_number,
                  code, reason)
        return self._receipt(msg, now, code, fiscal_sign)


def _recv_exact(conn: socket.socket, size: int) -> bytes | None:
    """``size`` bytes, or None when the peer closes (or times out) first."""
    buf = bytearray()
    while len(buf) < size:
        try:
            chunk = conn.recv(size - len(buf))
        except TimeoutError:
            return None
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _shutdown(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        conn.close()
    except OSError:
        pass
