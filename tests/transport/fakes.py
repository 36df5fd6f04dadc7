"""Small test-local ByteDevices: an echo, and a scripted FN-frame answerer with ENQ."""

from __future__ import annotations

import threading
from collections import Counter

from sigmakkt.errors import FrameError
from sigmakkt.protocol.fn.frame import FrameDecoder, encode_frame

#: The 30h status answer DATA the scripted FN gives (30 bytes: phase 3, no document, shift
#: closed, no warnings, last document 2026-12-04 12:30, FN number, last FD 7).
STATUS_DATA = (
    bytes((3, 0, 0, 0, 0)) + bytes((26, 12, 4, 12, 30)) + b"9999078900000001"
    + (7).to_bytes(4, "little")
)


class Echo:
    """Answers every chunk with itself."""

    def __init__(self) -> None:
        self.received = bytearray()

    def receive(self, data: bytes) -> bytes:
        self.received += data
        return bytes(data)


class ScriptedFN:
    """An FN stand-in: answers request frames from ``script`` (code -> (answer code, data));
    unknown codes get 01h. ENQ repeats the last answer. ``executed`` counts executions."""

    def __init__(self, script: dict[int, tuple[int, bytes]] | None = None) -> None:
        self.script = {0x30: (0x00, STATUS_DATA)}
        self.script.update(script or {})
        self.executed: Counter[int] = Counter()
        self.enqs = 0
        self.last = b""
        self._decoder = FrameDecoder(requests=True)
        self.lock = threading.Lock()

    def receive(self, data: bytes) -> bytes:
        try:
            frames = self._decoder.feed(data)
        except FrameError as exc:
            frames = exc.frames
        out = bytearray()
        for frame in frames:
            if frame.enq:
                self.enqs += 1
                out += self.last
                continue
            with self.lock:
                self.executed[frame.code] += 1
            code, payload = self.script.get(frame.code, (0x01, b""))
            self.last = encode_frame(code, payload)
            out += self.last
        return bytes(out)
