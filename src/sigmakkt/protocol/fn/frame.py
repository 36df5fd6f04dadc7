"""The KKT–FN frame: ``04 | LEN (Uint16 LE) | CMD | DATA | CRC16 (LE)``.

Layout per the FNS "protocol of information exchange between KKT and FN" v1.2.06 §3.2–3.3
(fn-protocol reference §1): LEN counts the command/answer byte plus DATA; the CRC
(CRC-16/CCITT-FALSE) covers LEN, CMD and DATA but not the start byte. DATA is at most 1536
bytes. In an answer, bit 7 of the answer byte is the warning flag (details via command 30h).

Over UART the KKT may send a lone ENQ (``05``) between frames to have the FN repeat its last
answer; :class:`FrameDecoder` with ``requests=True`` reports such a byte as an ENQ frame.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from sigmakkt.errors import CRCError, FrameError
from sigmakkt.protocol.crc import crc16_ccitt_false

START = 0x04
ENQ = 0x05
MAX_DATA = 1536
#: Largest valid LEN field: the command byte plus MAX_DATA.
MAX_LEN = MAX_DATA + 1
#: Largest whole frame on the wire: start + LEN(2) + CMD + DATA + CRC(2).
MAX_FRAME = 1 + 2 + MAX_LEN + 2

WARNING_BIT = 0x80

_LEN = struct.Struct("<H")


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded frame.

    For a request ``code`` is the command byte. For an answer ``code`` is the answer code with
    bit 7 removed and ``warning`` tells whether bit 7 was set. ``enq`` marks a lone ENQ byte
    (requests only; ``code`` is then 05h and ``data`` empty).
    """

    code: int
    data: bytes = b""
    warning: bool = False
    enq: bool = False


def encode_frame(code: int, data: bytes = b"") -> bytes:
    """Build one frame around command (or answer) byte ``code`` and its ``data``.

    For an answer with the warning flag, pass ``code | 0x80``.
    """
    if not 0 <= code <= 0xFF:
        raise FrameError(f"command byte {code!r} is outside 00h..FFh")
    if len(data) > MAX_DATA:
        raise FrameError(
            f"frame data is {len(data)} bytes; the FN protocol allows at most {MAX_DATA}"
        )
    body = _LEN.pack(len(data) + 1) + bytes((code,)) + bytes(data)
    return bytes((START,)) + body + _LEN.pack(crc16_ccitt_false(body))


class FrameDecoder:
    """Streaming decoder: feed it bytes as they arrive, get whole frames back.

    * Bytes before a start byte are skipped (resync on garbage); with ``requests=True`` a lone
      ENQ byte there is reported as ``Frame(code=5, enq=True)``.
    * A LEN of 0 or over :data:`MAX_LEN` is rejected at once, without waiting for (or buffering)
      the bytes it announces; decoding resumes at the next start byte.
    * A frame whose CRC does not match is dropped.

    Bad frames are reported by raising :class:`~sigmakkt.errors.CRCError` or
    :class:`~sigmakkt.errors.FrameError` at the end of the :meth:`feed` call that met them, after
    the whole chunk was consumed; the good frames of that chunk are on the exception's
    ``frames`` attribute, so nothing is lost. At most one partial frame (< :data:`MAX_FRAME`
    bytes) is kept between calls.
    """

    def __init__(self, *, answers: bool = True, requests: bool = False) -> None:
        if answers and requests:
            answers = False
        self._answers = answers
        self._requests = requests
        self._buf = bytearray()

    @property
    def buffered(self) -> int:
        """Bytes held back waiting for the rest of a frame."""
        return len(self._buf)

    def reset(self) -> None:
        """Forget any partial frame (e.g. after the link was reopened)."""
        self._buf.clear()

    def feed(self, chunk: bytes | bytearray | memoryview) -> list[Frame]:
        """Consume ``chunk``; return the frames it completed (in order)."""
        frames: list[Frame] = []
        first_error: FrameError | None = None
        errors = 0
        view = memoryview(bytes(chunk))
        # Consume in slices of one maximal frame so the buffer stays bounded even for a
        # multi-megabyte chunk of garbage.
        for pos in range(0, len(view), MAX_FRAME):
            self._buf += view[pos : pos + MAX_FRAME]
            for item in self._drain():
                if isinstance(item, Frame):
                    frames.append(item)
                else:
                    errors += 1
                    first_error = first_error or item
        if first_error is not None:
            first_error.frames = frames
            first_error.count = errors
            raise first_error
        return frames

    def _drain(self) -> list[Frame | FrameError]:
        out: list[Frame | FrameError] = []
        buf = self._buf
        while buf:
            start = buf.find(START)
            if start != 0:
                skipped = buf if start < 0 else buf[:start]
                if self._requests:
                    out.extend(Frame(ENQ, enq=True) for b in skipped if b == ENQ)
                if start < 0:
                    buf.clear()
                    break
                del buf[:start]
            if len(buf) < 3:
                break
            (length,) = _LEN.unpack_from(buf, 1)
            if length == 0 or length > MAX_LEN:
                out.append(
                    FrameError(f"frame LEN {length} is outside 1..{MAX_LEN}; skipped to resync")
                )
                del buf[:1]
                continue
            total = 3 + length + 2
            if len(buf) < total:
                break
            (crc,) = _LEN.unpack_from(buf, 3 + length)
            if crc != crc16_ccitt_false(memoryview(buf)[1 : 3 + length]):
                out.append(CRCError(f"frame CRC mismatch (LEN {length}); frame dropped"))
                # A genuine start byte may hide inside a corrupt "frame": resync one byte on.
                del buf[:1]
                continue
            code = buf[3]
            data = bytes(buf[4 : 3 + length])
            del buf[:total]
            if self._answers:
                out.append(Frame(code & 0x7F, data, warning=bool(code & WARNING_BIT)))
            else:
                out.append(Frame(code, data))
        return out
