"""The emulated OFD server on its own: parsing, validation, dedup, storage, reply layout."""

from __future__ import annotations

import socket
import warnings
from pathlib import Path

import pytest

from sigmakkt.protocol.fn.commands.ofd import ReadBlock, TransportStatus
from sigmakkt.protocol.fn.enums import TransportState
from sigmakkt.protocol.ofd import Message, OperatorAck, SessionHeader
from sigmakkt_emulator.ofd import DEFAULT_OFD_INN, FORMAT_ERROR, OFDServer

from .conftest import exchange
from .kkt import FN_NUMBER, KKT


def read_message(kkt: KKT) -> bytes:
    """The next queued message, read raw through 21h/22h/23h/24h (left queued)."""
    kkt.call(0x21, TransportStatus(TransportState.UP))
    length = kkt.call(0x22).length
    data = kkt.call(0x23, ReadBlock(0, length)).data
    kkt.call(0x24)
    assert len(data) == length
    return bytes(data)


def roundtrip(server: OFDServer, message: bytes) -> bytes:
    """Send one message on a fresh connection; return the whole reply (b"" if closed)."""
    with socket.create_connection(server.address, timeout=2) as sock:
        sock.sendall(message)
        head = sock.recv(30, socket.MSG_WAITALL)
        if not head:
            return b""
        length = SessionHeader.unpack(head).length
        return head + sock.recv(length, socket.MSG_WAITALL)


def test_reply_is_an_operator_ack_for_the_document(server: OFDServer) -> None:
    with KKT() as k:
        k.register()
        msg = read_message(k)
    reply = roundtrip(server, msg)
    parsed = Message.unpack(reply)
    assert parsed.flags == 0x0014 and parsed.fn_number == FN_NUMBER
    assert parsed.a_version == Message.unpack(msg).a_version  # echoed
    assert parsed.container.doc_type == 7 and parsed.container.fd_number == 1
    ack = OperatorAck.from_container(reply)
    assert (ack.fn_number, ack.fd_number, ack.answer_code, ack.ofd_inn.strip()) == (
        FN_NUMBER, 1, 0, DEFAULT_OFD_INN)
    assert len(ack.operator_sign) == 18


def test_a_resent_document_is_stored_once_and_acknowledged_again(server: OFDServer) -> None:
    with KKT() as k:
        k.register()
        msg = read_message(k)
    first, second = roundtrip(server, msg), roundtrip(server, msg)
    assert OperatorAck.from_container(first).answer_code == 0
    assert OperatorAck.from_container(second).answer_code == 0
    assert server.count() == 1 and server.times_received(FN_NUMBER, 1) == 2
    assert server.received == 2


@pytest.mark.parametrize("strict", [True, False])
def test_tag_outside_the_registered_ffd_is_a_format_error(strict: bool) -> None:
    with OFDServer(strict_versions=strict) as server:
        _check_version_rule(server, strict)


def _check_version_rule(server: OFDServer, strict: bool) -> None:
    # The OFD learns FFD 1.05 from this FN's registration report ...
    with KKT(ffd12=False) as old:
        old.register()
        with exchange(old, server) as ex:
            assert ex.run_once().complete
    # ... then gets a receipt carrying 2108 (FFD 1.2 only) under the same FN number.
    with KKT(ffd12=True) as new:
        new.register()
        new.open_shift()
        new.receipt()  # FD 3
        with OFDServer() as sink:  # take FD 1 and 2 off the queue elsewhere
            sink.reject(fd=3)
            with exchange(new, sink) as ex:
                assert ex.run_once().acknowledged == [1, 2]
        receipt = read_message(new)
    assert Message.unpack(receipt).container.doc_type == 3
    ack = OperatorAck.from_container(roundtrip(server, receipt))
    if not strict:  # strict_versions=False: known tags of any version pass
        assert ack.answer_code == 0 and server.count() == 2 and not server.rejections()
        return
    assert ack.answer_code == FORMAT_ERROR
    (rejection,) = server.rejections()
    assert rejection.fd == 3 and "tag 2108" in rejection.reason and "1.05" in rejection.reason
    assert server.count() == 1  # only the registration report is stored


@pytest.mark.parametrize("damage", ["signature", "crc"])
def test_unroutable_message_closes_the_connection(server: OFDServer, damage: str) -> None:
    with KKT() as k:
        k.register()
        msg = bytearray(read_message(k))
    if damage == "signature":
        msg[0] ^= 0xFF
    else:
        msg[-1] ^= 0x55
    assert roundtrip(server, bytes(msg)) == b""
    assert server.count() == 0 and len(server.errors()) == 1
    assert ("signature" if damage == "signature" else "CRC") in server.errors()[0]


def test_documents_survive_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "ofd.sqlite3")
    with KKT() as k:
        k.register()
        with OFDServer(db_path=db) as srv, exchange(k, srv) as ex:
            ex.run_once()
        stlv = k.archive_stlv(1)
    with OFDServer(db_path=db) as again:
        (doc,) = again.documents()
    assert (doc.fn_number, doc.fd_number, doc.doc_type, doc.stlv) == (FN_NUMBER, 1, 1, stlv)


def test_binding_beyond_loopback_warns() -> None:
    with pytest.warns(RuntimeWarning, match="not loopback"):
        srv = OFDServer(host="0.0.0.0")
    srv.stop()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        OFDServer(host="localhost").stop()


def test_reject_code_must_be_nonzero(server: OFDServer) -> None:
    with pytest.raises(ValueError):
        server.reject(reason=0)
