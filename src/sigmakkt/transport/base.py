"""The transport interface: a byte pipe to one device, with deadlines.

A transport moves bytes and knows nothing of frames. Framers (e.g.
:class:`sigmakkt.protocol.fn.FrameDecoder`) turn its byte stream into frames, so partial reads,
BLE MTU chunks and TCP coalescing are handled in one place.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self


class Transport(ABC):
    """A connection to one device endpoint, named by :attr:`url`.

    ``read`` takes an absolute deadline on the :func:`time.monotonic` clock so a caller waiting
    for a whole frame over several reads keeps one budget. Implementations must be safe to
    ``close()`` from another thread while a ``read`` waits (the read then raises
    :class:`~sigmakkt.errors.Disconnected`).
    """

    #: Largest write the link carries in one piece; ``write`` splits longer data itself.
    mtu: int = 65536

    def __init__(self, url: str) -> None:
        self.url = url

    @abstractmethod
    def open(self) -> None:
        """Connect. Raises :class:`~sigmakkt.errors.TransportError` subclasses on failure."""

    @abstractmethod
    def close(self) -> None:
        """Disconnect; idempotent."""

    @property
    @abstractmethod
    def is_open(self) -> bool:
        """Whether the link is up as far as this side knows."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send all of ``data`` (in chunks of at most :attr:`mtu`)."""

    @abstractmethod
    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        """Return at least one and at most ``max_bytes`` bytes.

        Raises :class:`~sigmakkt.errors.TransportTimeout` if nothing arrived by ``deadline``
        (a :func:`time.monotonic` value) and :class:`~sigmakkt.errors.Disconnected` if the link
        closed.
        """

    def discard_input(self) -> None:
        """Drop bytes already received but not read (e.g. a late answer before a new request).

        The default reads with a zero deadline until nothing is left.
        """
        from sigmakkt.errors import TransportTimeout

        while True:
            try:
                self.read(time.monotonic(), 65536)
            except TransportTimeout:
                return

    def __enter__(self) -> Self:
        if not self.is_open:
            self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url} {'open' if self.is_open else 'closed'}>"
