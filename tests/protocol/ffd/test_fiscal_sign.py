"""Fiscal sign (1077) pinned to fn-protocol reference §6."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd.fiscal_sign import (
    FISCAL_SIGN_PREFIX,
    fiscal_sign_bytes,
    fiscal_sign_from_answer,
    fiscal_sign_to_answer,
    fiscal_sign_value,
)


def test_printed_value_of_the_reference_sample() -> None:
    raw = bytes.fromhex("2104aa107541")
    assert fiscal_sign_value(raw) == 2853205313
    assert fiscal_sign_bytes(2853205313, b"\x21\x04") == raw
    assert fiscal_sign_bytes(2853205313) == raw  # the default prefix is the sample's
    assert FISCAL_SIGN_PREFIX == b"\x21\x04"


def test_answer_form_is_little_endian() -> None:
    assert fiscal_sign_to_answer(2853205313) == bytes.fromhex("417510aa")
    assert fiscal_sign_from_answer(bytes.fromhex("417510aa")) == 2853205313


def test_errors() -> None:
    with pytest.raises(DecodeError):
        fiscal_sign_value(b"\x00" * 5)
    with pytest.raises(ValidationError):
        fiscal_sign_bytes(1 << 32)
    with pytest.raises(ValidationError):
        fiscal_sign_bytes(1, b"\x00")
    with pytest.raises(DecodeError):
        fiscal_sign_from_answer(b"\x00")


@given(st.integers(0, 2**32 - 1), st.binary(min_size=2, max_size=2))
def test_round_trip(value: int, prefix: bytes) -> None:
    raw = fiscal_sign_bytes(value, prefix)
    assert len(raw) == 6 and raw[:2] == prefix
    assert fiscal_sign_value(raw) == value
    assert fiscal_sign_from_answer(fiscal_sign_to_answer(value)) == value
