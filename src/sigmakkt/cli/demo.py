"""``sigmakkt demo``: a short tour of what works today.

It grows with the project; for now it shows the FN frame codec round trip.
"""

from __future__ import annotations

from typing import TextIO

from sigmakkt.protocol.fn import FrameDecoder, encode_frame


def run_demo(out: TextIO) -> int:
    """Print an FN status request, encoded and decoded back. Returns the exit code."""
    wire = encode_frame(0x30)
    (frame,) = FrameDecoder(requests=True).feed(wire)
    out.write(f"FN status request on the wire: {wire.hex(' ').upper()}\n")
    out.write(f"decoded back: command {frame.code:02X}h, {len(frame.data)} data bytes\n")
    return 0
