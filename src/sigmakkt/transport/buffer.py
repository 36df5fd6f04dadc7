"""A thread-safe receive buffer for transports whose bytes arrive by callback (emu, BLE).

The producer (a delivery callback, possibly on another thread) calls :meth:`ReceiveBuffer.feed`;
the transport's ``read`` waits on it with a :func:`time.monotonic` deadline. ``close`` wakes
every waiting reader, which then raises :class:`~sigmakkt.errors.Disconnected`.
"""

from __future__ import annotations

import threading
import time

from sigmakkt.errors import Disconnected, TransportTimeout


class ReceiveBuffer:
    """Bytes received but not yet read, with a condition variable for waiting readers."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._buf = bytearray()
        self._cond = threading.Condition()
        self._closed = False
        self._reason = ""

    def feed(self, data: bytes | bytearray) -> None:
        """Append received bytes and wake a reader (ignored once closed)."""
        if not data:
            return
        with self._cond:
            if self._closed:
                return
            self._buf += data
            self._cond.notify_all()

    def close(self, reason: str = "") -> None:
        """Mark the link closed; waiting and later reads raise ``Disconnected``."""
        with self._cond:
            if not self._closed:
                self._closed = True
                self._reason = reason
            self._cond.notify_all()

    def reopen(self) -> None:
        """Start afresh (empty, open) for a new connection."""
        with self._cond:
            self._buf.clear()
            self._closed = False
            self._reason = ""

    @property
    def closed(self) -> bool:
        return self._closed

    def clear(self) -> None:
        """Drop buffered bytes."""
        with self._cond:
            self._buf.clear()

    def read(self, deadline: float, max_bytes: int) -> bytes:
        """Wait until bytes are buffered (return up to ``max_bytes``), the deadline passes
        (:class:`TransportTimeout`) or the link closes (:class:`Disconnected`)."""
        with self._cond:
            while not self._buf:
                if self._closed:
                    raise Disconnected(
                        f"{self._what}: link closed{': ' + self._reason if self._reason else ''}"
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TransportTimeout(f"{self._what}: no data before the deadline")
                self._cond.wait(remaining)
            out = bytes(self._buf[:max_bytes])
            del self._buf[:max_bytes]
            return out
