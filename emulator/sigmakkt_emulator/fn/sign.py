"""The emulated fiscal sign (ФПД): a deterministic keyed MAC standing in for the FN's GOST MAC.

A real FN signs with keys that never leave it, so no emulator can produce a sign a tax-service
checker accepts (fn-protocol reference §6). We follow the reference's recommendation:

* per-FN key = HMAC-SHA256(factory secret, FN number) — derived, never stored or logged;
* MAC = HMAC-SHA256(key, FN number (ASCII 16) ‖ FD number (Uint32 LE) ‖ DATE_TIME (5 bytes)
  ‖ document TLV without tag 1077); its first 4 bytes, read big-endian, are the sign;
* tag 1077 holds 6 bytes: two fixed leading bytes (:data:`SIGN_PREFIX`) and the 4 sign bytes
  big-endian, so the printed value (big-endian Uint32 of bytes 2..5, Yandex
  ``extract_fiscal_sign_for_print``) equals the Uint32 the FN returns LE in its answer frames.

The meaning of a real FN's two leading bytes is not public (reference §6 marks it UNCERTAIN);
the emulator writes ``00 00`` there.

The same document on the same FN always gets the same sign.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from datetime import datetime

#: The two leading bytes of tag 1077 written by the emulator (meaning unknown on real FNs).
SIGN_PREFIX = b"\x00\x00"
#: Factory secret used when :class:`~sigmakkt_emulator.fn.factory.FNSettings` gives none.
DEFAULT_FACTORY_SECRET = b"sigmakkt-emulated-fn-factory-secret-v1"


def date_time_bytes(when: datetime) -> bytes:
    """DATE_TIME per spec Table 190: YY MM DD hh mm as binary bytes (no seconds)."""
    return bytes((when.year - 2000, when.month, when.day, when.hour, when.minute))


def _fn_key(fn_number: str, factory_secret: bytes) -> bytes:
    return hmac.new(factory_secret, fn_number.encode("ascii"), hashlib.sha256).digest()


def compute_fiscal_sign(
    fn_number: str,
    fd_number: int,
    when: datetime,
    document_tlv: bytes,
    factory_secret: bytes = DEFAULT_FACTORY_SECRET,
) -> int:
    """The 32-bit fiscal sign of a document (``document_tlv`` = its TLVs without 1077)."""
    msg = (
        fn_number.encode("ascii")
        + struct.pack("<I", fd_number)
        + date_time_bytes(when)
        + bytes(document_tlv)
    )
    mac = hmac.new(_fn_key(fn_number, factory_secret), msg, hashlib.sha256).digest()
    return int.from_bytes(mac[:4], "big")


def sign_tag_value(sign: int) -> bytes:
    """The 6-byte value of tag 1077 for a 32-bit sign."""
    return SIGN_PREFIX + sign.to_bytes(4, "big")


def sign_from_tag_value(value: bytes) -> int:
    """The printed fiscal sign from the 6 bytes of tag 1077."""
    if len(value) != 6:
        raise ValueError(f"tag 1077 holds 6 bytes, got {len(value)}")
    return int.from_bytes(value[2:6], "big")


def verify_fiscal_sign(
    fn_number: str,
    fd_number: int,
    when: datetime,
    document_tlv: bytes,
    sign: int,
    factory_secret: bytes = DEFAULT_FACTORY_SECRET,
) -> bool:
    """True when ``sign`` is the sign this emulator (with ``factory_secret``) issued."""
    expected = compute_fiscal_sign(fn_number, fd_number, when, document_tlv, factory_secret)
    return hmac.compare_digest(expected.to_bytes(4, "big"), (sign & 0xFFFFFFFF).to_bytes(4, "big"))
