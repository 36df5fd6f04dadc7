"""What every emulated device is to the serving layer: a byte-in, byte-out endpoint.

The serving layer (:mod:`sigmakkt_emulator.serve`) pumps bytes between a link (in-process, TCP,
pty, USB backend, BLE backend) and a :class:`ByteDevice`; fault injection sits between the two.
A device never sees sockets or threads; it is called from one thread at a time.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class ByteDevice(Protocol):
    """An emulated device as a stream endpoint."""

    def receive(self, data: bytes) -> bytes:
        """Consume bytes the host wrote (any chunking); return the bytes the device answers.

        The answer may be empty (the device is still waiting for the rest of a command, or the
        command has no reply) or hold several replies.
        """
        ...
