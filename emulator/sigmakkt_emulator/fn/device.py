"""The emulated FN as a byte stream endpoint (:class:`~sigmakkt_emulator.device.ByteDevice`).

Frame-level behaviour (reference §1):

* request frames are cut from any chunking by ``FrameDecoder(requests=True)``;
* a lone ENQ (05h) between frames repeats the last answer byte for byte (nothing is executed);
  before any answer an ENQ gets no reply;
* a frame with a bad CRC (or an impossible LEN) is answered with **01h** ("unknown command /
  bad format"). The spec has no bad-CRC code (reference §1). We do not stay silent: silence
  makes the KKT time out and send ENQ, which would repeat the *previous* command's answer and
  could be taken as the answer to the corrupted one. 03h ("FN failure") would send the KKT to
  read 35h diagnostics for what is a line fault. 01h says "not executed, nothing changed",
  so resending the command is safe. One 01h is sent per chunk in which bad frames were met,
  after the answers to that chunk's good frames; it becomes the answer ENQ repeats.

:meth:`FNDevice.power_cycle` models power loss: the volatile state (document being built, OFD
read, 45h/46h cursor, last answer) is dropped and the durable state reloaded from the store.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sigmakkt.errors import FrameError
from sigmakkt.protocol.fn.frame import Frame, FrameDecoder, encode_frame
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn.factory import FNSettings
from sigmakkt_emulator.fn.machine import UNKNOWN_COMMAND, EmulatedFN


class FNDevice:
    """A :class:`~sigmakkt_emulator.device.ByteDevice` speaking the FN's frame protocol."""

    def __init__(
        self,
        settings: FNSettings | None = None,
        *,
        clock: Clock | None = None,
        state_dir: str | Path | None = None,
        fn: EmulatedFN | None = None,
    ) -> None:
        self.fn = fn or EmulatedFN(settings, clock=clock, state_dir=state_dir)
        self._decoder = FrameDecoder(requests=True)
        self._last_answer = b""
        # receive() runs on the serving thread; power_cycle() may come from a fault injector.
        self._lock = threading.RLock()

    @property
    def last_answer(self) -> bytes:
        """The last answer frame sent (what ENQ repeats)."""
        return self._last_answer

    def receive(self, data: bytes) -> bytes:
        """Consume host bytes; return the answer frames they completed."""
        with self._lock:
            return self._receive(data)

    def _receive(self, data: bytes) -> bytes:
        bad = False
        try:
            frames = self._decoder.feed(data)
        except FrameError as exc:
            frames = list(exc.frames)
            bad = True
        out = bytearray()
        for frame in frames:
            out += self._answer(frame)
        if bad:
            self._last_answer = encode_frame(UNKNOWN_COMMAND | self._warn_bit())
            out += self._last_answer
        return bytes(out)

    def _warn_bit(self) -> int:
        return 0x80 if self.fn.warnings() else 0

    def _answer(self, frame: Frame) -> bytes:
        if frame.enq:
            return self._last_answer
        self._last_answer = self.fn.handle(frame)
        return self._last_answer

    def power_cycle(self) -> None:
        """Power loss and restart: drop volatile state, reload from the state directory."""
        with self._lock:
            self._decoder.reset()
            self._last_answer = b""
            self.fn._load()

    def close(self) -> None:
        """Release the FN's database."""
        with self._lock:
            self.fn.close()
