"""Receipt QR payload (fn-protocol reference §6)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ffd.qr import ReceiptQR
from sigmakkt.protocol.ffd.values import OperationType

SAMPLE = "t=20220315T1230&s=1250.00&fn=9999078900004312&i=12345&fp=1234567890&n=1"


def test_reference_sample() -> None:
    qr = ReceiptQR.parse(SAMPLE)
    assert qr == ReceiptQR(datetime(2022, 3, 15, 12, 30), 125000, "9999078900004312", 12345,
                           1234567890, OperationType.SELL)
    assert qr.total_rubles == Decimal("1250.00")
    assert qr.build() == SAMPLE
    assert str(qr) == SAMPLE


def test_seconds_any_order_and_short_sums() -> None:
    qr = ReceiptQR.parse("fn=9999078900004312&fp=1&i=2&n=2&s=5.5&t=20220315T123045&x=y")
    assert qr.when == datetime(2022, 3, 15, 12, 30, 45)
    assert qr.total == 550 and qr.operation is OperationType.SELL_RETURN
    assert qr.build() == "t=20220315T1230&s=5.50&fn=9999078900004312&i=2&fp=1&n=2"
    assert ReceiptQR.parse(SAMPLE.replace("1250.00", "1250")).total == 125000


@pytest.mark.parametrize("bad", [
    "", "t=20220315T1230", SAMPLE.replace("T1230", "1230"), SAMPLE.replace("0315", "1315"),
    SAMPLE.replace("1250.00", "12,50"), SAMPLE.replace("fp=1234567890", "fp=abc"),
    SAMPLE.replace("&n=1", "&n"), SAMPLE.replace("1250.00", "1.234"),
    SAMPLE.replace("&n=1", "&n=5"), SAMPLE.replace("&n=1", "&n=0"),
])
def test_malformed(bad: str) -> None:
    with pytest.raises(DecodeError):
        ReceiptQR.parse(bad)


@given(st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
           lambda d: d.replace(second=0, microsecond=0)),
       st.integers(0, 10**12), st.from_regex(r"[0-9]{16}", fullmatch=True),
       st.integers(1, 2**32 - 1), st.integers(0, 2**32 - 1), st.sampled_from(OperationType))
def test_round_trip(when: datetime, total: int, fn: str, fd: int, fp: int,
                    n: OperationType) -> None:
    qr = ReceiptQR(when, total, fn, fd, fp, n)
    assert ReceiptQR.parse(qr.build()) == qr


@given(st.text(max_size=120))
def test_random_text_only_decode_error(text: str) -> None:
    try:
        ReceiptQR.parse(text)
    except DecodeError:
        pass
