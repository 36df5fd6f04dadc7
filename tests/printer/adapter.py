"""A Transport over an in-process ByteDevice, for client tests (no sockets, no threads)."""

from __future__ import annotations

from sigmakkt.errors import Disconnected, TransportTimeout
from sigmakkt.transport.base import Transport
from sigmakkt_emulator.device import ByteDevice


class DeviceTransport(Transport):
    """write() hands bytes to the device at once; read() returns its answers.

    The device answers synchronously, so when nothing is buffered nothing will come:
    read() raises TransportTimeout immediately instead of waiting for the deadline.
    """

    def __init__(self, device: ByteDevice, mtu: int = 65536) -> None:
        super().__init__("test://device")
        self.device = device
        self.mtu = mtu
        self._open = False
        self._rx = bytearray()
        self.written = bytearray()
        self.writes = 0

    def open(self) -> None:
        self._open = True

    def close(self) -> None:
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def write(self, data: bytes) -> None:
        if not self._open:
            raise Disconnected("closed")
        for i in range(0, len(data), self.mtu):
            chunk = data[i:i + self.mtu]
            self.written += chunk
            self.writes += 1
            self._rx += self.device.receive(chunk)

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        if not self._open:
            raise Disconnected("closed")
        if not self._rx:
            raise TransportTimeout("no data")
        out = bytes(self._rx[:max_bytes])
        del self._rx[:max_bytes]
        return out
