"""The fiscal sign of a document (ФПД), tag 1077 (fn-protocol reference §6).

Tag 1077 holds 6 bytes. The value printed on the receipt and put in its QR code is the
big-endian Uint32 of bytes 2..5 (the rule of ``yandex/ofd``'s ``extract_fiscal_sign_for_print``;
sample ``21 04 AA 10 75 41`` prints as 2853205313). FN answers (03h, 05h, 12h, 14h, 16h, 19h,
A3h) carry the same 32-bit value as a Uint32 little-endian.

What is known of the first two bytes: nothing certain — no public source explains them (reference
§6, UNCERTAIN); they are not part of the printed value. The emulator writes the two bytes of the
only published sample, :data:`FISCAL_SIGN_PREFIX` (``21 04``), in front of its own 32-bit value.
"""

from __future__ import annotations

from sigmakkt.errors import DecodeError, ValidationError

__all__ = [
    "FISCAL_SIGN_PREFIX",
    "FISCAL_SIGN_SIZE",
    "fiscal_sign_bytes",
    "fiscal_sign_from_answer",
    "fiscal_sign_to_answer",
    "fiscal_sign_value",
]

#: Bytes in tag 1077.
FISCAL_SIGN_SIZE = 6
#: Leading two bytes the emulator uses (those of the yandex/ofd test sample).
FISCAL_SIGN_PREFIX = b"\x21\x04"


def fiscal_sign_value(raw: bytes) -> int:
    """The printed fiscal sign of a 1077 value: big-endian Uint32 of bytes 2..5."""
    if len(raw) != FISCAL_SIGN_SIZE:
        raise DecodeError(f"fiscal sign (1077) must be {FISCAL_SIGN_SIZE} bytes, got {len(raw)}")
    return int.from_bytes(raw[2:6], "big")


def fiscal_sign_bytes(value: int, prefix: bytes = FISCAL_SIGN_PREFIX) -> bytes:
    """The 6 bytes of tag 1077 for printed value ``value`` after the 2 ``prefix`` bytes."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 32:
        raise ValidationError(f"fiscal sign {value!r} is outside 0..4294967295", "tag 1077")
    if len(prefix) != 2:
        raise ValidationError("the fiscal sign prefix is 2 bytes", "tag 1077")
    return bytes(prefix) + value.to_bytes(4, "big")


def fiscal_sign_from_answer(raw: bytes) -> int:
    """The fiscal sign from an FN answer field (Uint32 little-endian)."""
    if len(raw) != 4:
        raise DecodeError(f"fiscal sign in an FN answer is 4 bytes, got {len(raw)}")
    return int.from_bytes(raw, "little")


def fiscal_sign_to_answer(value: int) -> bytes:
    """The fiscal sign as an FN answer field (Uint32 little-endian)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 32:
        raise ValidationError(f"fiscal sign {value!r} is outside 0..4294967295", "fiscal_sign")
    return value.to_bytes(4, "little")
