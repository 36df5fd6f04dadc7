"""``tcp://host:port``: a plain TCP socket (Nagle off, so small frames leave at once)."""

from __future__ import annotations

import select
import socket
import threading
import time
from urllib.parse import parse_qs, urlsplit

from sigmakkt.errors import Disconnected, TransportError, TransportTimeout
from sigmakkt.transport.base import Transport

#: Seconds to wait for the TCP handshake unless ``connect_timeout=`` says otherwise.
DEFAULT_CONNECT_TIMEOUT = 5.0


class TCPTransport(Transport):
    """A TCP client connection.

    ``read`` waits with :func:`select.select` for at most the time left to its deadline;
    ``close`` from another thread shuts the socket down, which wakes that wait.
    """

    mtu = 65536

    def __init__(self, url: str, *, connect_timeout: float | None = None) -> None:
        super().__init__(url)
        parts = urlsplit(url)
        if not parts.hostname or parts.port is None:
            raise TransportError(f"{url}: a TCP URL needs a host and a port, tcp://HOST:PORT")
        self.host = parts.hostname
        self.port = parts.port
        query = parse_qs(parts.query)
        if connect_timeout is None and "connect_timeout" in query:
            connect_timeout = float(query["connect_timeout"][0])
        self.connect_timeout = (
            DEFAULT_CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        )
        self._sock: socket.socket | None = None
        self._closing = threading.Event()

    def open(self) -> None:
        if self._sock is not None:
            return
        try:
            sock = socket.create_connection((self.host, self.port), self.connect_timeout)
        except TimeoutError as exc:
            raise TransportTimeout(
                f"{self.url}: no TCP connection within {self.connect_timeout:g} s; "
                "check the address and that the device is on"
            ) from exc
        except OSError as exc:
            raise TransportError(f"{self.url}: cannot connect: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        self._closing.clear()
        self._sock = sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        self._closing.set()
        if sock is None:
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def _require(self) -> socket.socket:
        sock = self._sock
        if sock is None:
            raise Disconnected(f"{self.url}: not connected")
        return sock

    def write(self, data: bytes) -> None:
        sock = self._require()
        view = memoryview(bytes(data))
        while view:
            try:
                sent = sock.send(view)
            except BlockingIOError:
                select.select([], [sock], [], 1.0)
                continue
            except OSError as exc:
                raise Disconnected(f"{self.url}: send failed: {exc}") from exc
            view = view[sent:]

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        sock = self._require()
        while True:
            try:
                data = sock.recv(max_bytes)
            except BlockingIOError:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TransportTimeout(f"{self.url}: no data before the deadline") from None
                try:
                    select.select([sock], [], [], remaining)
                except (OSError, ValueError) as exc:  # closed by another thread
                    raise Disconnected(f"{self.url}: closed while reading") from exc
                if self._closing.is_set():
                    raise Disconnected(f"{self.url}: closed while reading") from None
                continue
            except OSError as exc:
                raise Disconnected(f"{self.url}: receive failed: {exc}") from exc
            if not data:
                if self._closing.is_set():
                    raise Disconnected(f"{self.url}: closed while reading")
                raise Disconnected(f"{self.url}: the other side closed the connection")
            return data
