"""Serve a device on a pseudo-terminal: the host opens the slave path like a real serial port.

``os.openpty`` gives a master/slave pair; the URL is ``serial://<slave path>``. A daemon thread
reads the master fd (with :func:`select.select` and a wake-up pipe) and writes answers back to
it. The emulator keeps its own slave fd open so the master never reads EIO between host
connections, and sets the slave raw (no echo, no line editing) before any host opens it.
A serial line cannot be "closed" from the device side, so the disconnect fault just stops
sending mid-frame. POSIX only.
"""

from __future__ import annotations

import os
import select
import threading
import tty

from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint
from sigmakkt_emulator.serve.session import DeviceSession


class PtyEndpoint(ServedEndpoint):
    """A device behind the master side of a pty."""

    transport = "pty"

    def __init__(self, device: ByteDevice, faults: Faults | None = None, *,
                 device_lock: threading.Lock | None = None) -> None:
        super().__init__(device, faults, device_lock)
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._wake_r, self._wake_w = os.pipe()
        self._write_lock = threading.Lock()
        self._mute = False
        self.session = DeviceSession(device, self.device_lock, self.faults, self)
        self._thread = threading.Thread(
            target=self._run, name=f"sigmakkt-emu-pty-{os.path.basename(self.path)}",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"serial://{self.path}"

    def _run(self) -> None:
        while not self.closed:
            try:
                ready, _, _ = select.select([self._master, self._wake_r], [], [])
            except (OSError, ValueError):
                return
            if self._wake_r in ready or self.closed:
                return
            try:
                data = os.read(self._master, 65536)
            except OSError:
                return
            if data:
                self._mute = False  # a new request: the line is "reconnected"
                self.session.host_bytes(data)

    def deliver(self, data: bytes) -> None:
        if self.closed or self._mute:
            return
        view = memoryview(data)
        with self._write_lock:
            while view:
                try:
                    n = os.write(self._master, view)
                except BlockingIOError:
                    select.select([], [self._master], [], 1.0)
                    continue
                except OSError:
                    return
                view = view[n:]

    def disconnect(self) -> None:
        # A tty cannot be hung up from the device side; go silent until the host writes again.
        self._mute = True

    def _shutdown(self) -> None:
        os.write(self._wake_w, b"x")
        self._thread.join(2.0)
        self.session.end()
        for fd in (self._master, self._slave, self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
