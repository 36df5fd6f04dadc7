"""Serve a device in-process as ``emu://NAME`` (no threads, no OS resources).

The endpoint registers itself in :mod:`sigmakkt.transport.registry`; a host ``write`` runs
the device synchronously in the writer's thread and the answer is delivered through the
transport's callback (delayed answers come from a timer thread).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from sigmakkt.transport import registry
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint
from sigmakkt_emulator.serve.session import DeviceSession

_names = itertools.count(1)


class _EmuConnection:
    """One host attached to an :class:`EmuEndpoint` (also the fault layer's link side)."""

    def __init__(self, endpoint: EmuEndpoint, deliver: Callable[[bytes], None],
                 closed: Callable[[], None]) -> None:
        self._endpoint = endpoint
        self._deliver = deliver
        self._closed_cb = closed
        self._open = True
        self.session = DeviceSession(endpoint.device, endpoint.device_lock, endpoint.faults, self)

    # host side (registry.EmuConnection)
    def write(self, data: bytes) -> None:
        if self._open:
            self.session.host_bytes(data)

    def close(self) -> None:
        if self._open:
            self._open = False
            self.session.end()
            self._endpoint._forget(self)

    # device side (faults.LinkSide)
    def deliver(self, data: bytes) -> None:
        if self._open:
            self._deliver(data)

    def disconnect(self) -> None:
        if self._open:
            self.close()
            self._closed_cb()


class EmuEndpoint(ServedEndpoint):
    """A device registered as ``emu://NAME`` in this process."""

    transport = "emu"

    def __init__(self, device: ByteDevice, faults: Faults | None = None, *,
                 name: str | None = None, device_lock: threading.Lock | None = None) -> None:
        super().__init__(device, faults, device_lock)
        self.name = name or f"device{next(_names)}"
        self._conns: list[_EmuConnection] = []
        self._lock = threading.Lock()
        registry.register_emu_endpoint(self.name, self)

    @property
    def url(self) -> str:
        return f"emu://{self.name}"

    def connect(self, deliver: Callable[[bytes], None],
                closed: Callable[[], None]) -> _EmuConnection:
        if self.closed:
            raise ConnectionError(f"{self.url} is no longer served")
        conn = _EmuConnection(self, deliver, closed)
        with self._lock:
            self._conns.append(conn)
        return conn

    def _forget(self, conn: _EmuConnection) -> None:
        with self._lock:
            self._conns = [c for c in self._conns if c is not conn]

    def _shutdown(self) -> None:
        registry.unregister_emu_endpoint(self.name, self)
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            conn.disconnect()
