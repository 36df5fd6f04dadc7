"""FFD value codecs pinned to the bytes of fn-protocol reference §5.1 and yandex/ofd's vectors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd.types import (
    DataType,
    decode_fvln,
    decode_scalar,
    decode_string,
    decode_unixtime,
    decode_vln,
    encode_fvln,
    encode_scalar,
    encode_string,
    encode_unixtime,
    encode_vln,
)


def test_fvln_one_point_zero_zero_zero() -> None:
    # reference §5.1: 1.000 → 03 E8 03 (3 decimals, 1000 little-endian)
    assert encode_fvln(Decimal("1.000")) == bytes.fromhex("03e803")
    value = decode_fvln(bytes.fromhex("03e803"))
    assert value == Decimal("1.000") and str(value) == "1.000"


def test_fvln_yandex_vector() -> None:
    # yandex/ofd tests: 02 15 CD 5B 07 is 1234567.89
    assert decode_fvln(bytes.fromhex("0215cd5b07")) == Decimal("1234567.89")
    assert encode_fvln(Decimal("1234567.89")) == bytes.fromhex("0215cd5b07")


def test_fvln_rejects_negative_and_too_long() -> None:
    with pytest.raises(ValidationError, match="tag 1023"):
        encode_fvln(Decimal("-1"), 1023)
    with pytest.raises(ValidationError):
        encode_fvln(Decimal(2**64), 1023, max_len=8)
    with pytest.raises(DecodeError):
        decode_fvln(b"\x03")


def test_vln_drops_trailing_zero_bytes() -> None:
    assert encode_vln(0) == b"\x00"
    assert encode_vln(8990) == bytes.fromhex("1e23")
    assert encode_vln(0x10000) == bytes.fromhex("000001")
    # yandex/ofd tests: E9 2D 06 is 404969
    assert decode_vln(bytes.fromhex("e92d06")) == 404969
    # a non-minimal form (fixed width) decodes to the same number
    assert decode_vln(bytes.fromhex("1e2300000000")) == 8990
    with pytest.raises(ValidationError, match="at most 6"):
        encode_vln(1 << 48, 1020, max_len=6)
    with pytest.raises(DecodeError):
        decode_vln(b"")


def test_unixtime_is_wall_clock_as_utc() -> None:
    # yandex/ofd tests: 8A 02 9E 55 is 1436418698 s = 2015-07-09 05:11:38
    dt = decode_unixtime(bytes.fromhex("8a029e55"))
    assert dt == datetime(2015, 7, 9, 5, 11, 38) and dt.tzinfo is None
    assert encode_unixtime(dt) == bytes.fromhex("8a029e55")
    # an aware datetime is written by its own wall-clock reading (Moscow 05:11:38 → 05:11:38)
    msk = timezone(timedelta(hours=3))
    assert encode_unixtime(datetime(2015, 7, 9, 5, 11, 38, tzinfo=msk)) == bytes.fromhex("8a029e55")
    assert encode_unixtime(datetime(2015, 7, 9, 5, 11, 38, 999, tzinfo=UTC)) == bytes.fromhex(
        "8a029e55"
    )
    with pytest.raises(ValidationError):
        encode_unixtime(datetime(1969, 12, 31))


def test_string_cp866() -> None:
    # yandex/ofd tests: 92 A5 E1 E2 is "Тест"
    assert encode_string("Тест") == bytes.fromhex("92a5e1e2")
    assert decode_string(bytes.fromhex("92a5e1e2")) == "Тест"


def test_string_outside_cp866_names_the_tag() -> None:
    with pytest.raises(ValidationError, match="tag 1030") as err:
        encode_string("Молоко «Весёлый молочник» — 1 л", 1030)
    assert err.value.field == "tag 1030"
    assert "«" in str(err.value)


def test_wrong_lengths_raise_decode_error() -> None:
    for dtype, raw in [(DataType.BYTE, b""), (DataType.BYTE, b"\x01\x02"),
                       (DataType.UINT16, b"\x01"), (DataType.UINT32, b"\x01\x02\x03"),
                       (DataType.UNIXTIME, b"\x00" * 5)]:
        with pytest.raises(DecodeError):
            decode_scalar(dtype, raw, 1000)


def test_fixed_ints_range_checked() -> None:
    with pytest.raises(ValidationError):
        encode_scalar(DataType.BYTE, 256, 1054)
    with pytest.raises(ValidationError):
        encode_scalar(DataType.UINT32, -1, 1040)
    with pytest.raises(ValidationError):
        encode_scalar(DataType.UINT16, "1", 1213)
    assert encode_scalar(DataType.UINT32, 0x01020304) == bytes.fromhex("04030201")


def test_max_len_applies_to_every_type() -> None:
    with pytest.raises(ValidationError, match="at most 3"):
        encode_scalar(DataType.STRING, "abcd", 1230, max_len=3)
    with pytest.raises(ValidationError, match="at most 2"):
        encode_scalar(DataType.BYTES, b"abc", 9, max_len=2)


_CP866 = "".join(bytes(range(256)).decode("cp866"))
_SCALARS: list[tuple[DataType, st.SearchStrategy[object]]] = [
    (DataType.BYTE, st.integers(0, 255)),
    (DataType.UINT16, st.integers(0, 0xFFFF)),
    (DataType.UINT32, st.integers(0, 0xFFFFFFFF)),
    (DataType.VLN, st.integers(0, 2**64 - 1)),
    (DataType.FVLN, st.builds(lambda m, s: Decimal(m).scaleb(-s), st.integers(0, 2**56 - 1),
                              st.integers(0, 20))),
    (DataType.UNIXTIME, st.datetimes(datetime(1970, 1, 1), datetime(2106, 2, 7)).map(
        lambda d: d.replace(microsecond=0))),
    (DataType.STRING, st.text(alphabet=_CP866, max_size=300)),
    (DataType.BYTES, st.binary(max_size=300)),
]


@pytest.mark.parametrize(("dtype", "strategy"), _SCALARS, ids=[d.value for d, _ in _SCALARS])
def test_every_type_round_trips(dtype: DataType, strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def check(value: object) -> None:
        raw = encode_scalar(dtype, value)
        back = decode_scalar(dtype, raw)
        assert back == value
        assert encode_scalar(dtype, back) == raw
        if dtype is DataType.FVLN:
            assert str(back) == str(value)  # the scale survives

    check()


@given(st.sampled_from(list(DataType)[:-1]), st.binary(max_size=12))
def test_random_values_decode_or_raise_decode_error(dtype: DataType, raw: bytes) -> None:
    try:
        decode_scalar(dtype, raw)
    except DecodeError:
        pass
