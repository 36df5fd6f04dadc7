"""Building the documents the FN signs: the KKT's TLVs, then the FN-formed tags, then 1077.

A document is the STLV whose tag is the FFD document type (reference §5.3). Its value is the TLV
list the KKT sent with 07h (kept byte for byte, in order), followed by the tags the FN forms
itself (reference §5.4 "FN-formed tag lists", S2 §5.3–5.4), followed by the fiscal sign 1077.
The sign covers everything before it (:mod:`.sign`).

Bit mappings of the registration bytes (reference §2.3, S2 Tables 37/38/50/51):

* FFD 1.05 work mode: b0 → 1056, b1 → 1002, b2 → 1001, b3 → 1109, b4 → 1110, b5 → 1108.
* FFD 1.2 work mode: b0–b2 as above; b3 services → 1290 bit 9, b4 BSO → bit 2, b5 Internet →
  bit 5, b6 catering → bit 15, b7 wholesale → bit 16.
* FFD 1.2 extended flags → 1290: b0 excise → 6, b1 gambling → 10, b2 lottery → 11, b3 printer in
  automat → 1, b4 marked goods → 8, b5 pawnshop → 12, b6 insurance → 13, b7 KKT in vending
  machine → 14.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sigmakkt.protocol.ffd.tags import fn_formed_tags as _ffd_fn_formed_tags
from sigmakkt.protocol.ffd.tags import tag_spec
from sigmakkt.protocol.ffd.tlv import encode_tlv, iter_tlv
from sigmakkt.protocol.ffd.types import (
    decode_string,
    decode_uint32,
    decode_unixtime,
    encode_byte,
    encode_string,
    encode_uint32,
    encode_unixtime,
    encode_vln,
)
from sigmakkt_emulator.fn.counters import CounterSet
from sigmakkt_emulator.fn.sign import (
    DEFAULT_FACTORY_SECRET,
    compute_fiscal_sign,
    sign_from_tag_value,
    sign_tag_value,
    verify_fiscal_sign,
)

FieldList = list[tuple[int, bytes]]

WORK_MODE_TAGS_105 = {0x01: 1056, 0x02: 1002, 0x04: 1001, 0x08: 1109, 0x10: 1110, 0x20: 1108}
_WORK_MODE_1290 = {0x08: 9, 0x10: 2, 0x20: 5, 0x40: 15, 0x80: 16}
_EXT_FLAGS_1290 = {0x01: 6, 0x02: 10, 0x04: 11, 0x08: 1, 0x10: 8, 0x20: 12, 0x40: 13, 0x80: 14}


def fn_formed_tags(ffd: int) -> frozenset[int]:
    """Tags the FN forms itself in FFD mode ``ffd`` (2 = 1.05, 4 = 1.2).

    Taken from the shared tag table (:func:`sigmakkt.protocol.ffd.tags.fn_formed_tags`, which
    follows S2 §5.3–5.4); the KKT sending one gets 0Bh + tag, and :func:`build_document` adds
    only tags in this set, so e.g. 1054/1020 are the KKT's business in FFD 1.05.
    """
    return _ffd_fn_formed_tags("1.2" if ffd >= 4 else "1.05")


def usage_conditions_1290(work_mode: int, ext_flags: int) -> int:
    """Tag 1290 (FFD 1.2 KKT usage conditions) from the A3h work-mode and extended-flags bytes."""
    out = 0
    for bit, pos in _WORK_MODE_1290.items():
        if work_mode & bit:
            out |= 1 << pos
    for bit, pos in _EXT_FLAGS_1290.items():
        if ext_flags & bit:
            out |= 1 << pos
    return out


@dataclass(frozen=True)
class BuiltDocument:
    """A signed document: its FFD type, the whole STLV, and the sign (also inside, in 1077)."""

    doc_type: int
    tlv: bytes
    fiscal_sign: int


def common_fields(fd: int, when: datetime, fn_number: str, inn: str, rnm: str) -> FieldList:
    """Tags every document carries: 1012 date, 1018 user INN, 1037 RNM, 1040 FD, 1041 FN."""
    return [
        (1012, encode_unixtime(when)),
        (1018, encode_string(inn)),
        (1037, encode_string(rnm.rstrip(" "))),
        (1040, encode_uint32(fd)),
        (1041, encode_string(fn_number)),
    ]


def registration_fields(
    ffd: int, tax_systems: int, work_mode: int, ext_flags: int, ofd_inn: str, reason: int | None
) -> FieldList:
    """FN-formed tags of a registration / re-registration report (reference §2.3)."""
    out: FieldList = [(1062, encode_byte(tax_systems))]
    for bit in (0x01, 0x02, 0x04):
        out.append((WORK_MODE_TAGS_105[bit], encode_byte(1 if work_mode & bit else 0)))
    if ffd >= 4:
        out.append((1017, encode_string(ofd_inn)))
        out.append((1290, encode_uint32(usage_conditions_1290(work_mode, ext_flags))))
        out.append((1190, encode_byte(4)))
        out.append((1209, encode_byte(4)))
        if reason is not None:
            out.append((1205, encode_uint32(reason)))
    else:
        for bit in (0x08, 0x10, 0x20):
            if work_mode & bit:
                out.append((WORK_MODE_TAGS_105[bit], encode_byte(1)))
        out.append((1209, encode_byte(2)))
        if reason is not None:
            out.append((1101, encode_byte(reason)))
    return out


def receipt_fields(shift: int, receipt_no: int, op_type: int, total: int) -> FieldList:
    """FN-formed tags of a receipt / correction receipt: shift, number, 1054, 1020."""
    return [
        (1038, encode_uint32(shift)),
        (1042, encode_uint32(receipt_no)),
        (1054, encode_byte(op_type)),
        (1020, encode_vln(total)),
    ]


def unsent_fields(count: int, first_fd: int | None, first_when: datetime | None) -> FieldList:
    """1097 untransmitted count, 1098 date and 1116 number of the first (state / shift close)."""
    out: FieldList = [(1097, encode_uint32(count))]
    if first_when is not None and first_fd is not None:
        out.append((1098, encode_unixtime(first_when)))
        out.append((1116, encode_uint32(first_fd)))
    return out


def warning_fields(flags: int) -> FieldList:
    """1050–1053 (30-day, 3-day, memory, OFD timeout) from warning-flag bits b1, b0, b2, b3."""
    return [
        (1050, encode_byte(1 if flags & 0x02 else 0)),
        (1051, encode_byte(1 if flags & 0x01 else 0)),
        (1052, encode_byte(1 if flags & 0x04 else 0)),
        (1053, encode_byte(1 if flags & 0x08 else 0)),
    ]


# Totals counters STLVs (1194 shift, 1157 FN), FFD 1.1+/1.2. Structure from the FFD tag tables
# as restated by the shared tag table (names of 1129–1146, 1194, 1201, 1218–1220, 1232/1233):
# 1194/1157 = 1134 receipt count + one STLV per settlement type (1129 приход, 1130 возврат
# прихода, 1131 расход, 1132 возврат расхода) + 1133 corrections (1144 count + one STLV per
# type: 1145, 1232, 1146, 1233). UNCERTAIN: the exact sub-tag set of each block (the table's
# maximum lengths do not add up to a unique reading); the emulator writes every sum it keeps.
_OP_BLOCK_TAGS = {1: 1129, 2: 1130, 3: 1131, 4: 1132}
_CORR_BLOCK_TAGS = {1: 1145, 2: 1232, 3: 1146, 4: 1233}
# CounterSet sums order -> tags: total, cash, electronic, prepaid, credit, counter-provision,
# VAT 20, VAT 10, turnover at 0 %, turnover without VAT, VAT 20/120, VAT 10/110.
_SUM_TAGS = (1201, 1136, 1138, 1218, 1219, 1220, 1139, 1140, 1143, 1183, 1141, 1142)


def _in_version(tag: int, ffd: int) -> bool:
    spec = tag_spec(tag)
    return spec is None or ("1.2" if ffd >= 4 else "1.05") in spec.versions


def totals_counters(counters: CounterSet, ffd: int) -> bytes:
    """The value of a 1194 / 1157 totals-counters STLV in FFD mode ``ffd``.

    Sub-tags the FFD version does not define (e.g. 1232/1233 before 1.2) are left out.
    """
    out = encode_tlv(1134, encode_uint32(counters.receipt_count + counters.correction_count))
    for op, tag in _OP_BLOCK_TAGS.items():
        totals = counters.receipts[op]
        block = encode_tlv(1135, encode_uint32(totals.count))
        block += b"".join(encode_tlv(t, encode_vln(v))
                          for t, v in zip(_SUM_TAGS, totals.sums, strict=True)
                          if _in_version(t, ffd))
        out += encode_tlv(tag, block)
    corr = encode_tlv(1144, encode_uint32(counters.correction_count))
    for op, tag in _CORR_BLOCK_TAGS.items():
        if not _in_version(tag, ffd):
            continue
        count, total = counters.corrections[op]
        corr += encode_tlv(tag, encode_tlv(1135, encode_uint32(count))
                           + encode_tlv(1201, encode_vln(total)))
    return out + encode_tlv(1133, corr)


def build_document(
    doc_type: int,
    kkt_tlv: bytes,
    fn_fields: FieldList,
    *,
    fn_number: str,
    fd: int,
    when: datetime,
    ffd: int,
    factory_secret: bytes = DEFAULT_FACTORY_SECRET,
) -> BuiltDocument:
    """Join the KKT's TLVs and the FN's, sign, and wrap in the document STLV.

    Of ``fn_fields`` only the tags the FN forms in FFD mode ``ffd`` are written.
    """
    formed = fn_formed_tags(ffd)
    body = bytes(kkt_tlv) + b"".join(
        encode_tlv(tag, value) for tag, value in fn_fields if tag in formed
    )
    sign = compute_fiscal_sign(fn_number, fd, when, body, factory_secret)
    body += encode_tlv(1077, sign_tag_value(sign))
    return BuiltDocument(doc_type, encode_tlv(doc_type, body), sign)


def verify_document(document: bytes, factory_secret: bytes = DEFAULT_FACTORY_SECRET) -> bool:
    """True when the 1077 inside an archived document STLV is the sign this emulator issued.

    FN number, FD number and date are read from the document itself (1041, 1040, 1012).
    """
    outer = list(iter_tlv(document))
    if len(outer) != 1:
        return False
    rest = bytearray()
    sign: int | None = None
    fd = fn = when = None
    for t in iter_tlv(outer[0].value):
        if t.tag == 1077:
            sign = sign_from_tag_value(t.value)
            continue
        rest += encode_tlv(t.tag, t.value)
        if t.tag == 1040:
            fd = decode_uint32(t.value)
        elif t.tag == 1041:
            fn = decode_string(t.value)
        elif t.tag == 1012:
            when = decode_unixtime(t.value)
    if sign is None or fd is None or fn is None or when is None:
        return False
    return verify_fiscal_sign(fn, fd, when, bytes(rest), sign, factory_secret)
