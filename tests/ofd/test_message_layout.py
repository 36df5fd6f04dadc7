"""The emulated FN's message for an FFD 1.05 registration, read byte by byte as a third-party
KKT–OFD parser would (issue 7 acceptance 4; fn-protocol reference §7, yandex/ofd layout)."""

from __future__ import annotations

import struct

import pytest

from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.protocol.ffd.tlv import iter_tlv

from .kkt import FN_NUMBER, KKT
from .test_server import read_message

#: A-protocol versions third-party parsers accept (reference §7, from yandex/ofd).
ACCEPTED_A_VERSIONS = {b"\x00\x01", b"\x00\x02", b"\x01\x00", b"\x01\x05", b"\x01\x10"}


@pytest.fixture(scope="module")
def message() -> bytes:
    with KKT(ffd12=False) as k:
        k.register()
        return read_message(k)


def test_session_header(message: bytes) -> None:
    sig, s_ver, _a_ver, fn, length, flags, crc = struct.unpack_from("<4s2s2s16sHHH", message)
    assert sig == bytes.fromhex("2A08410A")
    assert s_ver == bytes.fromhex("81A2")
    assert fn == FN_NUMBER.encode("ascii")  # 16 ASCII digits
    assert length == len(message) - 30  # the container follows, nothing else
    assert flags == 0x0014  # response expected + container + no CRC
    assert crc == 0  # session CRC: not computed, as flags 0x0014 say


def test_a_version_is_one_parsers_accept(message: bytes) -> None:
    assert message[6:8] in ACCEPTED_A_VERSIONS


def test_container_header_bcd_fn_and_big_endian_fd(message: bytes) -> None:
    box = message[30:]
    length, crc, mtype, doc_type, version = struct.unpack_from("<HHBBB", box)
    assert length == len(box)
    assert (mtype, doc_type, version) == (0xA5, 1, 1)  # registration report, container v1
    assert box[9:17] == bytes.fromhex(FN_NUMBER)  # "9999078900000001" as 8 BCD bytes
    assert box[9:17] == b"\x99\x99\x07\x89\x00\x00\x00\x01"
    assert box[17:20] == b"\x00\x00\x01"  # FD 1, 3 bytes big-endian
    # container CRC: CRC-16/CCITT-FALSE over bytes 0–1 and 4–end (CRC field excluded)
    assert crc == crc16_ccitt_false(box[:2] + box[4:])
    damaged = bytearray(box)
    damaged[40] ^= 1
    assert crc != crc16_ccitt_false(bytes(damaged[:2] + damaged[4:]))


def test_body_is_the_registration_stlv(message: bytes) -> None:
    (outer,) = list(iter_tlv(message[62:]))
    assert outer.tag == 1
    fields = {t.tag: t.value for t in iter_tlv(outer.value)}
    assert fields[1041] == FN_NUMBER.encode("ascii")
    assert int.from_bytes(fields[1040], "little") == 1
    assert fields[1209] == b"\x02"  # FFD 1.05
