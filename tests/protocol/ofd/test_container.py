"""KKT–OFD session header and container, pinned to the yandex/ofd test vectors (reference §7)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.protocol.ffd import Document, Field, decode_document, encode_document
from sigmakkt.protocol.ofd import (
    Container,
    Message,
    OperatorAck,
    SessionHeader,
    decode_bcd_fn,
    encode_bcd_fn,
    make_ack,
    strip_session_header,
)

# yandex/ofd tests/unit/test_protocol.py: a session header ...
SESSION = bytes.fromhex(
    "2a08410a"                          # signature
    "81a2"                              # S-protocol version
    "0001"                              # A-protocol version
    "39393939303738393530202020202020"  # FN number "9999078950" space-padded to 16
    "3101"                              # container length 305
    "1400"                              # flags 0x0014
    "0000"                              # CRC (not computed)
)
# ... and a container header with its body (a registration report) whose CRC is 60419.
CONTAINER_HEADER = bytes.fromhex(
    "3101"              # length 305 (header 32 + body 273)
    "03ec"              # CRC 0xEC03 = 60419
    "a5"                # message type
    "01"                # document type 1 (registration report)
    "01"                # container version 1
    "1009"              # service data
    "999907891234567f"  # FN number BCD: 999907891234567 + F filler nibble
    "000001"            # FD number 1, big-endian
    "00230982c400000100020107"  # service data
)
BODY = bytes.fromhex(
    "0100030111041000393939393037383931323334353637200d04140031323030"
    "30303133303030302020202020202020fa030c00313132323333343435353636"
    "1004040001000000f403040028540e573504060021041c6b81a4e903010000ea"
    "0301000020040100002604010001180409008e8e8e20228c8c8c222104010000"
    "2204010000f10326008caee1aaa2a02c2087a5aba5adeba920afe0aee1afa5aa"
    "e22c20a42e363620aaaee0af2e2032160408008e94842de2a5e1e225040a0077"
    "77772e6f66642e727524040c007777772e6e616c6f672e727519040600313131"
    "323334fd0312009188912e2080848c888d8891929080928e90f5030a00303632"
    "30303030303031810673fca34b28720000"
)


def test_session_header_vector() -> None:
    head = SessionHeader.unpack(SESSION)
    assert head == SessionHeader("9999078950", 305, 0x0014, 0, b"\x00\x01")
    assert head.pack() == SESSION


def test_container_vector() -> None:
    c = Container.unpack(CONTAINER_HEADER + BODY)
    assert (c.doc_type, c.fn_number, c.fd_number, c.version) == (1, "999907891234567", 1, 1)
    assert c.service1 == bytes.fromhex("1009")
    assert c.service2 == bytes.fromhex("00230982c400000100020107")
    assert c.pack() == CONTAINER_HEADER + BODY
    # the CRC: CCITT-FALSE over bytes 0-1 and 4-end
    assert crc16_ccitt_false(CONTAINER_HEADER[:2] + CONTAINER_HEADER[4:] + BODY) == 60419


def test_container_body_document_and_trailer() -> None:
    c = Container.unpack(CONTAINER_HEADER + BODY)
    assert len(c.body) == 273 and c.trailer == bytes.fromhex("810673fca34b28720000")
    doc = c.document()
    assert doc.doc_type == 1
    assert doc.get(1041) == "999907891234567 "
    assert doc.get(1040) == 1
    assert doc.get(1048) == 'ООО "МММ"'
    assert doc.fiscal_sign == int.from_bytes(bytes.fromhex("1c6b81a4"), "big")
    assert encode_document(doc) == c.document_bytes()


def test_container_rejects_corruption() -> None:
    good = CONTAINER_HEADER + BODY
    for pos in (1, 4, 40, len(good) - 1):
        bad = bytearray(good)
        bad[pos] ^= 0x01
        with pytest.raises(DecodeError):
            Container.unpack(bytes(bad))
    with pytest.raises(DecodeError, match="length"):
        Container.unpack(good + b"\x00")
    with pytest.raises(DecodeError):
        Container.unpack(good[:31])


def test_bcd_fn_number() -> None:
    assert encode_bcd_fn("9999078900004312") == bytes.fromhex("9999078900004312")
    assert encode_bcd_fn("999907891234567") == bytes.fromhex("999907891234567f")
    assert decode_bcd_fn(bytes.fromhex("999907891234567f")) == "999907891234567"
    with pytest.raises(ValidationError):
        encode_bcd_fn("99990789000043121")
    with pytest.raises(ValidationError):
        encode_bcd_fn("99990789X")
    with pytest.raises(DecodeError):
        decode_bcd_fn(bytes.fromhex("9999a78900004312"))


def test_fd_number_three_bytes_big_endian() -> None:
    raw = Container(3, "9999078900004312", 0x010203, b"").pack()
    assert raw[17:20] == b"\x01\x02\x03"
    assert raw[4:7] == b"\xa5\x03\x01"
    assert int.from_bytes(raw[:2], "little") == 32
    with pytest.raises(ValidationError):
        Container(3, "9999078900004312", 1 << 24, b"").pack()


def test_message_vector() -> None:
    msg = Message.unpack(SESSION + CONTAINER_HEADER + BODY)
    assert msg.fn_number == "9999078950" and msg.container.fn_number == "999907891234567"
    assert msg.pack() == SESSION + CONTAINER_HEADER + BODY
    assert strip_session_header(msg.pack()) == CONTAINER_HEADER + BODY
    assert strip_session_header(CONTAINER_HEADER + BODY) == CONTAINER_HEADER + BODY
    with pytest.raises(DecodeError, match="announces"):
        Message.unpack(SESSION + CONTAINER_HEADER + BODY + b"\x00")
    with pytest.raises(DecodeError, match="signature"):
        Message.unpack(b"\x00" + SESSION[1:] + CONTAINER_HEADER + BODY)


def test_ack_round_trip() -> None:
    receipt = encode_document(Document(3, [Field(1040, 42), Field(1041, "9999078900004312")]))
    request = Message(Container(3, "9999078900004312", 42, receipt))
    reply = make_ack(request, datetime(2026, 12, 4, 12, 0), "7704358518  ", 0, b"\x11" * 18)
    raw = reply.pack()
    assert raw[:4] == bytes.fromhex("2a08410a")
    parsed = Message.unpack(raw)
    assert parsed.container.doc_type == 7 and parsed.container.fd_number == 42
    ack = OperatorAck.from_container(raw)
    assert ack == OperatorAck("9999078900004312", 42, datetime(2026, 12, 4, 12, 0),
                              "7704358518  ", 0, b"\x11" * 18)
    assert OperatorAck.from_container(strip_session_header(raw)) == ack
    # the body layout the module docstring promises
    doc = decode_document(parsed.container.body)
    assert [f.tag for f in doc.fields] == [1012, 1017, 1041, 1040, 1068, 1078]
    assert doc.get(1068) == [Field(1022, 0)]


def test_ack_missing_fields() -> None:
    with pytest.raises(DecodeError):
        OperatorAck.from_document(Document(7, [Field(1040, 1)]))
    with pytest.raises(DecodeError):
        OperatorAck.from_document(Document(3, []))


@given(st.integers(0, 255), st.from_regex(r"[0-9]{1,16}", fullmatch=True),
       st.integers(0, 2**24 - 1), st.binary(max_size=200), st.binary(min_size=2, max_size=2),
       st.binary(min_size=12, max_size=12))
def test_container_round_trip(doc_type: int, fn: str, fd: int, body: bytes, s1: bytes,
                              s2: bytes) -> None:
    c = Container(doc_type, fn, fd, body, 1, s1, s2)
    assert Container.unpack(c.pack()) == c
    m = Message(c, a_version=b"\x01\x05")
    assert Message.unpack(m.pack()) == m


@given(st.binary(max_size=400))
def test_random_bytes_only_documented_errors(data: bytes) -> None:
    for parse in (Container.unpack, Message.unpack, SessionHeader.unpack,
                  OperatorAck.from_container):
        try:
            parse(data)
        except (DecodeError, ValidationError):
            pass


@given(st.binary(max_size=200))
def test_random_container_bodies(body: bytes) -> None:
    c = Container.unpack(Container(7, "1", 1, body).pack())
    try:
        c.document()
        OperatorAck.from_document(c.document())
    except (DecodeError, ValidationError):
        pass
