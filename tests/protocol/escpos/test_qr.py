"""QR sizing: every payload gets a symbol of at least 160 dots (20 mm) that fits 384 dots."""

from __future__ import annotations

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmakkt.protocol.escpos.qr import _BYTE_CAPACITY, QRErrorLevel, qr_size


@given(st.binary(min_size=1, max_size=200), st.sampled_from(list(QRErrorLevel)))
def test_side_at_least_160_and_fits(data: bytes, level: QRErrorLevel) -> None:
    size = qr_size(data, level)
    assert 160 <= size.side_dots <= 384
    assert size.modules == 17 + 4 * size.version


@pytest.mark.parametrize("level", list(QRErrorLevel))
def test_byte_capacity_table_matches_segno(level: QRErrorLevel) -> None:
    for version, capacity in list(enumerate(_BYTE_CAPACITY[level], start=1))[::3]:
        # lowercase forces byte mode
        assert segno.make_qr(b"a" * capacity, error=level.name, boost_error=False,
                             mode="byte").version == version
        assert segno.make_qr(b"a" * (capacity + 1), error=level.name, boost_error=False,
                             mode="byte").version == version + 1


def test_fiscal_qr_sizes() -> None:
    payload = b"t=20250901T120000&s=99999.99&fn=9999078900004312&i=123456&fp=4294967295&n=1"
    size = qr_size(payload, QRErrorLevel.M)
    assert (size.version, size.module, size.side_dots) == (5, 5, 185)


ascii_payloads = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=700),
    st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", min_size=1, max_size=500),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1,
            max_size=400),
)


@settings(max_examples=80)  # segno encodes whole symbols: keep it quick
@given(ascii_payloads, st.sampled_from(list(QRErrorLevel)))
def test_table_version_equals_segno(text: str, level: QRErrorLevel) -> None:
    from sigmakkt.protocol.escpos.qr import qr_version

    expected = segno.make_qr(text, error=level.name, boost_error=False).version
    assert qr_version(text.encode(), level) == expected
