"""Test-local KKT driver: raw frames to an emulated FN, through the shared codecs only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.protocol.fn import NO_DATA, Frame, FrameDecoder, command_for, encode_frame
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice, FNSettings

START = datetime(2026, 3, 2, 9, 0)


class FNAnswer(Exception):
    """The FN answered with a non-zero code."""

    def __init__(self, code: int, extra: bytes) -> None:
        super().__init__(f"FN answered {code:02X}h extra={extra.hex()}")
        self.code = code
        self.extra = extra


class Driver:
    """One KKT talking to one FNDevice through raw frames."""

    def __init__(self, device: FNDevice | None = None, *, clock: Clock | None = None,
                 state_dir: str | None = None, settings: FNSettings | None = None) -> None:
        self.clock = clock or Clock(START, frozen=True)
        self.device = device or FNDevice(settings, clock=self.clock, state_dir=state_dir)
        self.decoder = FrameDecoder(answers=True)
        self.last: Frame | None = None

    def raw(self, code: int, data: bytes = b"") -> Frame:
        """Send one request frame; return the one answer frame."""
        return self.send_bytes(encode_frame(code, data))

    def send_bytes(self, wire: bytes) -> Frame:
        """Send raw bytes; exactly one answer frame must come back."""
        frames = self.decoder.feed(self.device.receive(wire))
        assert len(frames) == 1, frames
        self.last = frames[0]
        return frames[0]

    def call(self, code: int, req: Any = NO_DATA) -> Any:
        """Encode ``req`` with the codec of ``code``, send, decode the answer (or raise)."""
        cmd = command_for(code)
        frame = self.raw(code, cmd.encode_request(req))
        if frame.code != 0:
            raise FNAnswer(frame.code, frame.data)
        return cmd.decode_answer(frame.data)

    def code_of(self, code: int, req: Any = NO_DATA) -> int:
        """The answer code of one command (0 on success)."""
        try:
            self.call(code, req)
        except FNAnswer as exc:
            return exc.code
        return 0

    def now(self) -> datetime:
        """The KKT's clock: the emulated clock, to the minute."""
        return self.clock.now().replace(second=0, microsecond=0)

    def send_tlv(self, data: bytes) -> None:
        """07h with whole TLVs split into frames of at most 1536 bytes."""
        from sigmakkt.protocol.ffd.tlv import iter_tlv
        from sigmakkt.protocol.fn.commands.document import DocumentData

        chunk = b""
        for t in iter_tlv(data):
            raw = encode_tlv(t.tag, t.value)
            if len(chunk) + len(raw) > 1536:
                self.call(0x07, DocumentData(chunk))
                chunk = b""
            chunk += raw
        if chunk:
            self.call(0x07, DocumentData(chunk))


def item(name: str, price: int, qty: str, vat_rate: int, ffd12: bool = True) -> bytes:
    """A 1059 item STLV: name, price, quantity, total, VAT rate and VAT sum."""
    from decimal import Decimal

    q = Decimal(qty)
    total = int(price * q)
    vat_sum = {1: total * 20 // 120, 2: total * 10 // 110}.get(vat_rate, 0)
    body = b"".join((
        encode_tlv(1030, encode_string(name)),
        encode_tlv(1079, encode_vln(price)),
        encode_tlv(1023, encode_fvln(q)),
        encode_tlv(1043, encode_vln(total)),
        encode_tlv(1199, encode_byte(vat_rate)),
        encode_tlv(1200, encode_vln(vat_sum)),
        encode_tlv(1214, encode_byte(4)),
        encode_tlv(1212, encode_byte(1)),
    ))
    if ffd12:
        body += encode_tlv(2108, encode_byte(0))
    return encode_tlv(1059, body)
