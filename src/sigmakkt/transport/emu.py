"""``emu://NAME``: an in-process emulator endpoint, no OS resources.

The endpoint is looked up in :mod:`sigmakkt.transport.registry` (the emulator registers it
when it serves a device with ``transport="emu"``). Writes go straight to the device side;
answers come back through a callback into a :class:`~sigmakkt.transport.buffer.ReceiveBuffer`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sigmakkt.errors import Disconnected, TransportError
from sigmakkt.transport import registry
from sigmakkt.transport.base import Transport
from sigmakkt.transport.buffer import ReceiveBuffer


class EmuTransport(Transport):
    """Transport to an endpoint registered as ``emu://NAME`` in this process."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        parts = urlsplit(url)
        self.name = (parts.netloc + parts.path).strip("/")
        if not self.name:
            raise TransportError(f"{url}: an emu URL names an endpoint, e.g. emu://fn")
        self._rx = ReceiveBuffer(url)
        self._conn: registry.EmuConnection | None = None

    def open(self) -> None:
        if self._conn is not None:
            return
        endpoint = registry.emu_endpoint(self.name)
        if endpoint is None:
            known = ", ".join(registry.emu_names()) or "none"
            raise TransportError(
                f"{self.url}: no in-process endpoint named {self.name!r} (registered: {known}); "
                "start the emulator in this process first"
            )
        self._rx.reopen()
        self._conn = endpoint.connect(self._rx.feed, self._on_closed)

    def _on_closed(self) -> None:
        self._rx.close("the emulator closed the connection")
        self._conn = None

    def close(self) -> None:
        conn, self._conn = self._conn, None
        self._rx.close("closed by this side")
        if conn is not None:
            conn.close()

    @property
    def is_open(self) -> bool:
        return self._conn is not None and not self._rx.closed

    def write(self, data: bytes) -> None:
        conn = self._conn
        if conn is None or self._rx.closed:
            raise Disconnected(f"{self.url}: not connected")
        conn.write(bytes(data))

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        return self._rx.read(deadline, max_bytes)

    def discard_input(self) -> None:
        self._rx.clear()
