"""``serial://PATH``: a serial port through pyserial (also pty paths and pyserial URLs).

* ``serial:///dev/ttyACM0?baudrate=115200`` (or ``serial://COM3``) opens a native port; query
  options ``baudrate`` (default 115200, the FN's UART rate), ``bytesize``, ``parity``,
  ``stopbits``, ``rtscts``, ``xonxoff``, ``exclusive``.
* Any other pyserial URL (``rfc2217://host:port``, ``socket://host:port``, ``loop://``,
  ``spy://…``) passes through to :func:`serial.serial_for_url` unchanged.

Native ports are opened with ``exclusive=True`` (an advisory ``flock``), so a port another
process holds raises :class:`~sigmakkt.errors.PortBusy` instead of two programs interleaving
frames. Reads wait in slices of at most :data:`POLL_SLICE` seconds, so a ``close`` from another
thread (which also cancels the pending read) ends a blocked ``read`` promptly.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import serial as pyserial

from sigmakkt.errors import Disconnected, PortBusy, TransportError, TransportTimeout
from sigmakkt.transport.base import Transport

#: Baud rate of the FN's UART (fn-protocol reference §1: 115200 8N1).
DEFAULT_BAUDRATE = 115200
#: Longest single wait inside ``read``; bounds how long a close from another thread takes.
POLL_SLICE = 0.1

_INT_OPTIONS = ("baudrate", "bytesize")
_BOOL_OPTIONS = ("rtscts", "xonxoff", "dsrdtr", "exclusive")
_BUSY_ERRNOS = {errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK}


def _truthy(value: str) -> bool:
    return value.lower() in ("1", "true", "yes", "on")


class SerialTransport(Transport):
    """A pyserial port."""

    mtu = 4096

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        self._options: dict[str, Any] = {}
        if scheme == "serial":
            self.port = (parts.netloc + parts.path) if parts.netloc else parts.path
            if not self.port:
                raise TransportError(f"{url}: name the port, e.g. serial:///dev/ttyACM0")
            for key, values in parse_qs(parts.query).items():
                value = values[-1]
                if key in _INT_OPTIONS:
                    self._options[key] = int(value)
                elif key in _BOOL_OPTIONS:
                    self._options[key] = _truthy(value)
                elif key == "stopbits":
                    self._options[key] = float(value) if "." in value else int(value)
                elif key == "parity":
                    self._options[key] = value.upper()[:1]
                else:
                    raise TransportError(f"{url}: unknown serial option {key!r}")
            self._native = True
        elif "://" in url:  # rfc2217://, socket://, loop://, spy://… : pyserial's own URLs
            self.port = url
            self._native = False
        else:  # a bare path or COM name
            self.port = url
            self._native = True
        self._options.setdefault("baudrate", DEFAULT_BAUDRATE)
        if self._native:
            self._options.setdefault("exclusive", True)
        self._options.update(options)
        self._port: Any = None
        self._timeout: float | None = None
        self._lock = threading.Lock()

    def open(self) -> None:
        if self._port is not None:
            return
        try:
            port = pyserial.serial_for_url(self.port, timeout=POLL_SLICE, **self._options)
        except pyserial.SerialException as exc:
            code = exc.errno if isinstance(exc.errno, int) else None
            text = str(exc)
            # POSIX: flock refused (EWOULDBLOCK) or TIOCEXCL/driver busy (EBUSY). Windows opens
            # COM ports exclusively and reports a held port as "Access is denied".
            held_on_windows = os.name == "nt" and "denied" in text.lower()
            if (code in _BUSY_ERRNOS or held_on_windows or "lock" in text.lower()
                    or "busy" in text.lower()):
                raise PortBusy(
                    f"{self.port} is in use by another program (it holds the port open); "
                    "close that program (another POS, a terminal, ModemManager) and retry"
                ) from exc
            if code == errno.EACCES:
                raise TransportError(
                    f"{self.port}: permission denied; on Linux add your user to the 'dialout' "
                    "group (then log in again) or install a udev rule"
                ) from exc
            if code == errno.ENOENT:
                raise TransportError(f"{self.port}: no such serial port; is it plugged in?") \
                    from exc
            raise TransportError(f"{self.port}: cannot open: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise TransportError(f"{self.port}: cannot open: {exc}") from exc
        self._timeout = POLL_SLICE
        self._port = port

    def close(self) -> None:
        port, self._port = self._port, None
        if port is None:
            return
        cancel = getattr(port, "cancel_read", None)
        if cancel is not None:
            try:
                cancel()
            except Exception:  # best effort wake-up of a blocked read
                pass
        with self._lock:  # wait for a read in progress to leave the port
            try:
                port.close()
            except (OSError, pyserial.SerialException):
                pass

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def _require(self) -> Any:
        port = self._port
        if port is None:
            raise Disconnected(f"{self.url}: not open")
        return port

    def write(self, data: bytes) -> None:
        port = self._require()
        try:
            port.write(bytes(data))
            port.flush()
        except (OSError, pyserial.SerialException) as exc:
            raise Disconnected(f"{self.url}: write failed: {exc}") from exc

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        with self._lock:
            while True:
                port = self._require()
                remaining = deadline - time.monotonic()
                try:
                    waiting = port.in_waiting
                    if waiting:
                        return bytes(port.read(min(waiting, max_bytes)))
                except (OSError, pyserial.SerialException, TypeError, AttributeError) as exc:
                    if self._port is None:
                        raise Disconnected(f"{self.url}: closed while reading") from exc
                    raise Disconnected(f"{self.url}: read failed: {exc}") from exc
                if remaining <= 0:
                    # TransportTimeout is an OSError: raised outside the try on purpose.
                    raise TransportTimeout(f"{self.url}: no data before the deadline")
                try:
                    timeout = min(POLL_SLICE, remaining)
                    if timeout != self._timeout:
                        port.timeout = timeout
                        self._timeout = timeout
                    first = port.read(1)
                except (OSError, pyserial.SerialException, TypeError, AttributeError) as exc:
                    if self._port is None:
                        raise Disconnected(f"{self.url}: closed while reading") from exc
                    raise Disconnected(f"{self.url}: read failed: {exc}") from exc
                if first:
                    more = port.in_waiting if max_bytes > 1 else 0
                    rest = port.read(min(more, max_bytes - 1)) if more else b""
                    return bytes(first) + bytes(rest)

    def discard_input(self) -> None:
        port = self._port
        if port is not None:
            try:
                port.reset_input_buffer()
            except (OSError, pyserial.SerialException):
                pass
