"""The receipt size estimate agrees with the FFD TLV codec of the protocol tier."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.register import VAT, FFDVersion, Item, Measure, Payment
from sigmakkt.register.money import to_kopecks
from sigmakkt.register.size import (
    MAX_RECEIPT_TLV,
    item_tlv_size,
    items_that_fit,
    receipt_tlv_size,
    vln_size,
)
from sigmakkt.register.totals import item_total, vat_amount


def encoded_item(item: Item) -> bytes:
    """Item STLV 1059 built with the protocol tier's codec (FFD 1.2 tags)."""
    assert isinstance(item.measure, Measure)
    total = item_total(item.price, item.quantity)
    vat = vat_amount(total, item.vat)
    body = (encode_tlv(1030, encode_string(item.name))
            + encode_tlv(1079, encode_vln(to_kopecks(item.price)))
            + encode_tlv(1023, encode_fvln(item.quantity))
            + encode_tlv(1199, encode_byte(int(item.vat)))
            + encode_tlv(1043, encode_vln(total))
            + encode_tlv(1212, encode_byte(int(item.item_type)))
            + encode_tlv(1214, encode_byte(int(item.payment_method)))
            + encode_tlv(2108, encode_byte(int(item.measure))))
    if vat:
        body += encode_tlv(1200, encode_vln(vat))
    return encode_tlv(1059, body)


names = st.text(alphabet="АБВГДежзий klmn0123456789", min_size=1, max_size=128).filter(
    lambda s: s.strip() != "")


@given(name=names,
       price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
       qty=st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3),
       vat=st.sampled_from(list(VAT)), measure=st.sampled_from(list(Measure)))
def test_item_size_equals_the_codec(name: str, price: Decimal, qty: Decimal, vat: VAT,
                                    measure: Measure) -> None:
    item = Item(name, price, qty, vat=vat, measure=measure)
    assert item_tlv_size(item, FFDVersion.FFD_12) == len(encoded_item(item))


def test_vln_size() -> None:
    assert [vln_size(v) for v in (0, 1, 255, 256, 65535, 65536, 2**48 - 1)] == [
        1, 1, 1, 2, 2, 3, 6]


def test_receipt_size_is_an_upper_bound_and_items_that_fit_is_safe() -> None:
    item = Item("Молоко 3,2% 1 л", "89.90", 2, vat=VAT.VAT20)
    one = receipt_tlv_size([item], [Payment.cash("200")])
    assert one >= len(encoded_item(item))
    n = items_that_fit(item)
    assert receipt_tlv_size([item] * n, [Payment.cash("200")]) <= MAX_RECEIPT_TLV
    assert receipt_tlv_size([item] * (n + 40), [Payment.cash("200")]) > MAX_RECEIPT_TLV
    assert items_that_fit(item, limit=0) == 0
