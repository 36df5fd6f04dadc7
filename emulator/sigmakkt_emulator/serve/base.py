"""What :func:`~sigmakkt_emulator.serve.serve` returns: a device reachable at a URL."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self

from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults


class ServedEndpoint(ABC):
    """A device served on one link. ``url`` is what ``open_transport`` accepts."""

    #: The link kind: ``"emu"``, ``"tcp"``, ``"pty"``, ``"usb"`` or ``"ble"``.
    transport: str = ""

    def __init__(self, device: ByteDevice, faults: Faults | None = None,
                 device_lock: threading.Lock | None = None) -> None:
        self.device = device
        self.faults = faults if faults is not None else Faults()
        #: Serialises calls into the device across this endpoint's connections.
        self.device_lock = device_lock if device_lock is not None else threading.Lock()
        self.closed = False

    @property
    @abstractmethod
    def url(self) -> str:
        """The URL a client opens to reach the device."""

    @abstractmethod
    def _shutdown(self) -> None:
        """Release the link's resources."""

    def close(self) -> None:
        """Stop serving; idempotent. Connected hosts see a disconnect."""
        if self.closed:
            return
        self.closed = True
        self.faults.cancel_timers()
        self._shutdown()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}{' closed' if self.closed else ''}>"
