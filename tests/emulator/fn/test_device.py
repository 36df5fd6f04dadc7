"""FNDevice: byte-level behaviour (chunking, ENQ, bad CRC), power loss, and robustness."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_string
from sigmakkt.protocol.fn import FrameDecoder, encode_frame
from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt.protocol.fn.commands.document import DocumentData
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.enums import DocumentCode, OperationType
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.fn import FNDevice
from sigmakkt_emulator.fn.machine import EmulatedFN

from .driver import Driver, item
from .test_answer_codes import registered
from .test_life import receipt_tlv


def test_is_a_byte_device() -> None:
    assert isinstance(FNDevice(), ByteDevice)


def test_byte_by_byte_and_coalesced_requests() -> None:
    d = registered()
    wire = encode_frame(0x30) + encode_frame(0x31) + encode_frame(0x42)
    out = b"".join(d.device.receive(bytes((b,))) for b in wire)
    frames = FrameDecoder(answers=True).feed(out)
    assert [f.code for f in frames] == [0, 0, 0]
    assert frames[1].data == b"9999078900000001"
    assert FrameDecoder(answers=True).feed(d.device.receive(wire)) == frames


def test_enq_repeats_the_last_answer_byte_for_byte() -> None:
    d = registered()
    assert d.device.receive(b"\x05") == d.device.last_answer
    answer = d.device.receive(encode_frame(0x10))
    assert d.device.receive(b"\x05") == answer
    assert d.device.receive(b"\x05\x05") == answer * 2
    fresh = FNDevice()
    assert fresh.receive(b"\x05") == b""  # nothing answered yet


def test_power_cycle_drops_the_unfinished_document(tmp_path: Path) -> None:
    d = _registered_on_disk(tmp_path)
    d.clock.advance(minutes=1)
    d.call(0x15, DateTimeRequest(d.now()))
    d.call(0x07, DocumentData(encode_tlv(1021, encode_string("Иванова"))))
    before = d.call(0x30)
    assert before.document == DocumentCode.RECEIPT and before.document_data_received
    d.device.power_cycle()
    after = d.call(0x30)
    assert after.document == DocumentCode.NONE and not after.document_data_received
    assert after.last_fd == before.last_fd and after.shift_open
    # the same receipt can be rebuilt from scratch and gets the next FD
    d.call(0x15, DateTimeRequest(d.now()))
    d.send_tlv(receipt_tlv(1, 100, 100, True, [item("a", 100, "1", 1)]))
    done = d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL, 100))
    assert done.fd == before.last_fd + 1
    # a restarted process sees the same archive
    d.device.close()
    again = Driver(state_dir=str(tmp_path / "fn"), clock=d.clock)
    assert again.call(0x30).last_fd == before.last_fd + 1
    assert again.call(0x40, DocumentNumber(before.last_fd + 1)).fd == before.last_fd + 1


def _registered_on_disk(tmp_path: Path) -> Driver:
    from sigmakkt.protocol.fn.commands.registration import (
        BeginRegistrationV2,
        CompleteRegistrationV2,
    )
    from sigmakkt.protocol.fn.enums import (
        ExtendedFlags,
        FFDVersion,
        RegistrationType,
        TaxSystem,
        WorkMode,
    )

    from .test_life import INN, OFD_INN, RNM

    d = Driver(state_dir=str(tmp_path / "fn"))
    d.call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
    d.call(0xA3, CompleteRegistrationV2(d.now(), INN, RNM, TaxSystem.OSN, WorkMode(0),
                                        ExtendedFlags(0), OFD_INN, None))
    d.clock.advance(minutes=1)
    d.call(0x11, DateTimeRequest(d.now()))
    d.call(0x12)
    return d


_FN = registered().device.fn
_CODES = sorted(_FN._handlers)


@given(code=st.sampled_from(_CODES), data=st.binary(max_size=64))
def test_random_requests_never_break_the_fn(code: int, data: bytes) -> None:
    fn: EmulatedFN = _FN
    answer, payload = fn.dispatch(code, data)
    assert answer != 0x03, f"{code:02X}h {data.hex()} hit an internal error"
    assert len(payload) <= 1536
    # the FN stays usable and consistent
    assert fn.dispatch(0x30, b"")[0] == 0


@given(chunks=st.lists(st.binary(max_size=80), max_size=20))
def test_random_byte_streams_get_whole_answer_frames(chunks: list[bytes]) -> None:
    device = FNDevice()
    decoder = FrameDecoder(answers=True)
    for chunk in chunks:
        # with a start byte sprinkled in, some chunks look like (bad) frames
        out = device.receive(b"\x04" + chunk if chunk[:1] == b"\x00" else chunk)
        frames = decoder.feed(out)  # never a partial or corrupt answer
        assert decoder.buffered == 0
        assert all(f.code != 0x03 for f in frames)  # no internal failure
    assert device.fn.dispatch(0x30, b"")[0] == 0
