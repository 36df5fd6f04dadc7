"""FN primitive types (Table 190) pinned to specification bytes, plus round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.fn.types import (
    DATE,
    DATE_OR_NONE,
    DATE_TIME,
    DATE_TIME_OR_NONE,
    FN_NUMBER,
    INN,
    RNM,
    Uint40,
    Uint48,
    ascii_field,
    build,
    parse,
)


def test_date_time_spec_vector() -> None:
    # S2 Table 190: 2015-07-20 18:33 → 0F 07 14 12 21
    assert build(DATE_TIME, dt.datetime(2015, 7, 20, 18, 33)) == bytes.fromhex("0F 07 14 12 21")
    assert parse(DATE_TIME, bytes.fromhex("0F 07 14 12 21")) == dt.datetime(2015, 7, 20, 18, 33)


def test_date_time_drops_seconds() -> None:
    wire = build(DATE_TIME, dt.datetime(2015, 7, 20, 18, 33, 59, 999_999))
    assert wire == bytes.fromhex("0F 07 14 12 21")


@pytest.mark.parametrize("bad", ["0F 0D 14 12 21", "0F 07 20 12 21", "0F 02 1E 00 00",
                                 "0F 07 14 18 00", "0F 07 14 12 3C", "00 00 00 00 00"])
def test_date_time_invalid_raises_decode_error(bad: str) -> None:
    with pytest.raises(DecodeError):
        parse(DATE_TIME, bytes.fromhex(bad))


def test_date_time_refuses_aware_and_out_of_range() -> None:
    with pytest.raises(ValidationError):
        build(DATE_TIME, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(ValidationError):
        build(DATE_TIME, dt.datetime(1999, 12, 31, 23, 59))
    with pytest.raises(ValidationError):
        build(DATE_TIME, "2020-01-01")


def test_nullable_dates() -> None:
    assert parse(DATE_TIME_OR_NONE, bytes(5)) is None
    assert build(DATE_TIME_OR_NONE, None) == bytes(5)
    assert parse(DATE_OR_NONE, bytes(3)) is None
    assert build(DATE_OR_NONE, None) == bytes(3)


def test_date() -> None:
    assert build(DATE, dt.date(2026, 12, 4)) == bytes((26, 12, 4))
    assert parse(DATE, bytes((26, 2, 28))) == dt.date(2026, 2, 28)
    with pytest.raises(DecodeError):
        parse(DATE, bytes((26, 2, 29)))
    with pytest.raises(ValidationError):
        build(DATE, dt.datetime(2026, 1, 1))


def test_inn_is_space_padded_right() -> None:
    # §4.5.2: INN shorter than 12 → right-pad with spaces
    assert build(INN, "7707083893") == b"7707083893  "
    assert build(INN, "500100732259") == b"500100732259"
    assert parse(INN, b"7707083893  ") == "7707083893"


def test_rnm_padding() -> None:
    # §4.5.2: RNM shorter than 20 → left-pad '0' to 16, then right-pad spaces to 20
    assert build(RNM, "123") == b"0000000000000123    "
    assert build(RNM, "0000000001012345") == b"0000000001012345    "
    assert parse(RNM, b"0000000000000123    ") == "0000000000000123"
    with pytest.raises(ValidationError):
        build(RNM, "1" * 21)


def test_fn_number_and_nul_padding() -> None:
    assert build(FN_NUMBER, "9999078900004312") == b"9999078900004312"
    assert build(ascii_field(16), "FN v1") == b"FN v1" + bytes(11)
    assert parse(ascii_field(16), b"FN v1" + bytes(11)) == "FN v1"


def test_cp866_text() -> None:
    assert build(ascii_field(6), "Тест") == "Тест".encode("cp866") + bytes(2)
    assert parse(ascii_field(6), "Тест".encode("cp866") + bytes(2)) == "Тест"
    with pytest.raises(ValidationError):
        build(ascii_field(6), "€")  # not in CP866


def test_wide_integers_little_endian() -> None:
    assert build(Uint40, 0x0102030405) == bytes.fromhex("05 04 03 02 01")
    assert build(Uint48, 1) == bytes.fromhex("01 00 00 00 00 00")
    with pytest.raises(ValidationError):
        build(Uint40, 1 << 40)


def test_trailing_bytes_rejected() -> None:
    with pytest.raises(DecodeError):
        parse(DATE, bytes((26, 1, 1, 0)))


minute_datetimes = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2255, 12, 31, 23, 59)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@given(minute_datetimes)
def test_date_time_round_trip(value: dt.datetime) -> None:
    assert parse(DATE_TIME, build(DATE_TIME, value)) == value


@given(st.dates(dt.date(2000, 1, 1), dt.date(2255, 12, 31)))
def test_date_round_trip(value: dt.date) -> None:
    assert parse(DATE, build(DATE, value)) == value


@given(st.text(st.characters(codec="cp866", exclude_characters="\x00"), max_size=12)
       .map(str.rstrip))
def test_inn_round_trip(value: str) -> None:
    if len(value.encode("cp866")) <= 12:
        assert parse(INN, build(INN, value)) == value


@given(st.binary(min_size=5, max_size=5))
def test_date_time_random_bytes(data: bytes) -> None:
    try:
        value = parse(DATE_TIME, data)
    except DecodeError:
        return
    assert build(DATE_TIME, value) == data
