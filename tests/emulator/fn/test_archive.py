"""Archived documents read back through 45h/46h: the KKT's TLVs + FN-formed tags, signed
(issue 3 acceptance 3), and the fiscal sign's determinism."""

from __future__ import annotations

import pytest

from sigmakkt.protocol.ffd.tags import is_fn_formed
from sigmakkt.protocol.ffd.tlv import encode_tlv, iter_tlv
from sigmakkt.protocol.ffd.types import (
    decode_string,
    decode_uint32,
    decode_unixtime,
    decode_vln,
    encode_string,
)
from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.enums import DocumentType, OperationType
from sigmakkt_emulator.fn import FNSettings, verify_fiscal_sign
from sigmakkt_emulator.fn.documents import verify_document
from sigmakkt_emulator.fn.sign import sign_from_tag_value

from .driver import Driver, item
from .test_answer_codes import registered
from .test_life import FN_NUMBER, INN, RNM, receipt_tlv

FN_TAGS_RECEIPT_12 = [1012, 1018, 1037, 1040, 1041, 1038, 1042, 1054, 1020, 1077]


def read_document(d: Driver, fd: int) -> tuple[int, bytes]:
    """45h then 46h until 08h: (document type, concatenated top-level TLVs)."""
    info = d.call(0x45, DocumentNumber(fd))
    out = b""
    while (frame := d.raw(0x46)).code == 0:
        assert len(list(iter_tlv(frame.data))) == 1  # one top-level TLV per 46h call
        out += frame.data
    assert frame.code == 0x08
    assert len(out) == info.length
    return int(info.document_type), out


def sell(d: Driver, extra: bytes = b"") -> tuple[bytes, object]:
    d.clock.advance(minutes=1)
    items = [item("Молоко 3,2% 1 л", 8990, "2", 1), item("Хлеб", 4500, "1", 2)]
    kkt = receipt_tlv(2, 22480, 22480, True, items) + extra
    d.call(0x15, DateTimeRequest(d.now()))
    d.send_tlv(kkt)
    ans = d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL_RETURN, 22480))
    return kkt, ans


def test_receipt_reads_back_as_sent_plus_fn_tags() -> None:
    d = registered()
    kkt, ans = sell(d, encode_tlv(1008, encode_string("+79990000000")))
    doc_type, body = read_document(d, ans.fd)
    assert doc_type == DocumentType.RECEIPT
    assert body.startswith(kkt)  # the KKT's TLVs, byte for byte and in order
    fn_part = list(iter_tlv(body[len(kkt):]))
    assert [t.tag for t in fn_part] == FN_TAGS_RECEIPT_12
    assert all(is_fn_formed(t.tag, "1.2") for t in fn_part)
    f = {t.tag: t.value for t in fn_part}
    assert decode_unixtime(f[1012]) == d.now()
    assert decode_string(f[1018]).strip() == INN
    assert decode_string(f[1037]) == RNM
    assert decode_uint32(f[1040]) == ans.fd
    assert decode_string(f[1041]) == FN_NUMBER
    assert (decode_uint32(f[1038]), decode_uint32(f[1042])) == (1, ans.receipt_number)
    assert (f[1054], decode_vln(f[1020])) == (bytes((2,)), 22480)
    # 1077: 6 bytes, printed value = the FPD of the 16h answer (reference §6)
    assert len(f[1077]) == 6 and sign_from_tag_value(f[1077]) == ans.fpd
    whole = encode_tlv(doc_type, body)
    assert verify_document(whole)
    without_sign = body[: len(body) - 10]
    assert verify_fiscal_sign(FN_NUMBER, ans.fd, d.now(), without_sign, ans.fpd)
    assert not verify_fiscal_sign(FN_NUMBER, ans.fd, d.now(), without_sign, ans.fpd ^ 1)
    tampered = bytearray(whole)
    tampered[40] ^= 0x01
    assert not verify_document(bytes(tampered))


def test_every_document_type_reads_back_and_verifies() -> None:
    d = registered()
    sell(d)
    d.call(0x13, DateTimeRequest(d.now()))
    d.call(0x14)
    d.call(0x18, DateTimeRequest(d.now()))
    d.call(0x19)
    last = d.call(0x30).last_fd
    types = []
    for fd in range(1, last + 1):
        doc_type, body = read_document(d, fd)
        types.append(doc_type)
        assert verify_document(encode_tlv(doc_type, body))
        assert d.call(0x40, DocumentNumber(fd)).document_type == doc_type
    assert types == [1, 2, 3, 5, 21]


def test_decode_document_with_the_ffd_codec() -> None:
    ffd = pytest.importorskip("sigmakkt.protocol.ffd.document")
    d = registered()
    _, ans = sell(d)
    doc_type, body = read_document(d, ans.fd)
    doc = ffd.decode_document(encode_tlv(doc_type, body))
    assert doc.doc_type == 3
    assert doc.get(1040) == ans.fd
    assert doc.get(1020) == 22480
    assert len(doc.items) == 2
    assert ffd.encode_document(doc) == encode_tlv(doc_type, body)


def _script(settings: FNSettings) -> list[int]:
    d = registered(settings)
    return [sell(d)[1].fpd for _ in range(3)]


def test_fiscal_sign_is_deterministic_per_fn() -> None:
    a = _script(FNSettings())
    assert a == _script(FNSettings())  # same FN, same documents -> same signs
    assert len(set(a)) == 3
    other = _script(FNSettings(fn_number="9999078900000002"))
    assert not set(a) & set(other)
    secret = _script(FNSettings(factory_secret=b"another factory"))
    assert not set(a) & set(secret)
