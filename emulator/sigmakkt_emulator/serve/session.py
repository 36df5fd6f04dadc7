"""One host connection to a served device: host bytes in, faults applied, answers out.

Every link type (emu, TCP, pty, USB, BLE) wraps its connection in a :class:`DeviceSession`; the
session feeds the device under the device's lock (a device is called from one thread at a time,
see :class:`~sigmakkt_emulator.device.ByteDevice`), parses the request frames so faults can
target a command, and hands the answer to :meth:`Faults.apply`.
"""

from __future__ import annotations

import logging
import threading

from sigmakkt.errors import FrameError
from sigmakkt.protocol.fn.frame import Frame, FrameDecoder
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults, LinkSide

log = logging.getLogger("sigmakkt_emulator.serve")


class DeviceSession:
    """Pumps one link's host bytes through ``device``, with ``faults`` between."""

    def __init__(
        self, device: ByteDevice, device_lock: threading.Lock, faults: Faults, link: LinkSide,
        *, parse_requests: bool = True,
    ) -> None:
        self.device = device
        self._device_lock = device_lock
        self.faults = faults
        self.link = link
        self._requests = FrameDecoder(requests=True) if parse_requests else None
        faults.attach(link)

    def host_bytes(self, data: bytes) -> None:
        """The host wrote ``data``: run the device and deliver its answer."""
        requests: list[Frame] = []
        if self._requests is not None:
            try:
                requests = self._requests.feed(data)
            except FrameError as exc:  # the device answers bad frames itself
                requests = exc.frames
        with self._device_lock:
            answer = self.device.receive(bytes(data))
        self.faults.apply(requests, answer, self.link)

    def end(self) -> None:
        """The link closed: stop counting it for power cuts."""
        self.faults.detach(self.link)
