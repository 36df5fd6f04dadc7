"""Size of a receipt's TLV data, to refuse a receipt the FN would reject (answer 10h) up front.

The FN accepts at most 30 KB of TLV data for a receipt (fn-protocol reference §2.2). A TLV is a
4-byte header (tag, length; §5.1) plus its value: strings one byte per character (CP866), VLN
money the minimal little-endian bytes of the kopecks, FVLN one byte of decimal places plus the
minimal bytes of the unscaled integer, Byte 1. Only the tags the KKT sends are counted; the FN adds
its own (1012, 1018, 1020 …) without counting them against the limit.

The estimate is an upper bound: optional strings whose length the receipt does not know here
(settlement address 1009, place 1187, FNS site 1060, sender e-mail 1117) are counted at their
maximum length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sigmakkt.register.enums import VAT, FFDVersion, Measure, TaxSystem, measure_label
from sigmakkt.register.money import to_kopecks
from sigmakkt.register.totals import item_total, vat_amount

if TYPE_CHECKING:
    from sigmakkt.register.models import Buyer, Cashier, Item, Payment

HEADER = 4
#: Largest TLV payload of a receipt or correction receipt sent by 07h: "30 KB" in the FN
#: protocol v1.2.06 (fn-protocol reference §2.2), read as 30 × 1024 bytes.
MAX_RECEIPT_TLV = 30 * 1024
#: Largest item STLV (tag 1059) with its header, per the FFD 1.2 tag table (reference §5.4).
MAX_ITEM_STLV = 1024
#: 1009, 1187, 1060 (256 bytes each) and 1117 (64), at their maximum, with headers.
RECEIPT_OVERHEAD_MAX = 3 * (HEADER + 256) + HEADER + 64
#: The five payment sums (1031, 1081, 1215, 1216, 1217) at 6 bytes each.
PAYMENTS_MAX = 5 * (HEADER + 6)
#: Receipt VAT totals: at most one tag per rate, 6 bytes each.
VAT_TOTALS_MAX = len(VAT) * (HEADER + 6)


def vln_size(value: int) -> int:
    """Bytes of a VLN holding ``value`` (at least 1; zero-length TLVs are not allowed)."""
    return max(1, (value.bit_length() + 7) // 8)


def _text(value: str | None) -> int:
    return 0 if value is None else HEADER + len(value)


def item_tlv_size(item: Item, ffd: FFDVersion = FFDVersion.FFD_12) -> int:
    """Bytes of one item STLV (tag 1059) with its header."""
    total = item_total(item.price, item.quantity)
    exponent = item.quantity.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    unscaled = int(item.quantity.scaleb(places))
    body = (_text(item.name)
            + HEADER + vln_size(to_kopecks(item.price))       # 1079 price
            + HEADER + 1 + vln_size(unscaled)                 # 1023 quantity (FVLN)
            + HEADER + 1                                      # 1199 VAT rate
            + HEADER + vln_size(total)                        # 1043 item total
            + HEADER + 1 + HEADER + 1)                        # 1212, 1214
    vat = vat_amount(total, item.vat)
    if vat:
        body += HEADER + vln_size(vat)                        # 1200 item VAT
    if ffd is FFDVersion.FFD_12 or isinstance(item.measure, Measure):
        body += HEADER + 1                                    # 2108 (or 1197 label in 1.05)
        if ffd is FFDVersion.FFD_105 and isinstance(item.measure, Measure):
            body += len(measure_label(item.measure)) - 1
    else:
        body += _text(item.measure)                           # 1197 unit (1.05)
    if item.agent is not None:
        a = item.agent
        inner = (_text(a.operation) + sum(_text(p) for p in a.phones)
                 + sum(_text(p) for p in a.receiver_phones)
                 + sum(_text(p) for p in a.transfer_operator_phones)
                 + _text(a.transfer_operator_name) + _text(a.transfer_operator_address)
                 + (HEADER + 12 if a.transfer_operator_inn else 0))
        body += HEADER + 1 + (HEADER + inner if inner else 0)  # 1222 + 1223
    if item.supplier is not None:
        s = item.supplier
        inner = _text(s.name) + sum(_text(p) for p in s.phones)
        body += (HEADER + inner if inner else 0) + (HEADER + 12 if s.inn else 0)  # 1224, 1226
    return HEADER + body


def receipt_tlv_size(items: Sequence[Item], payments: Sequence[Payment], *,
                     ffd: FFDVersion = FFDVersion.FFD_12, customer: str | None = None,
                     buyer: Buyer | None = None, cashier: Cashier | None = None,
                     tax_system: TaxSystem | None = None) -> int:
    """Upper bound of the TLV bytes a receipt sends to the FN (compare with 30 KB)."""
    size = sum(item_tlv_size(item, ffd) for item in items)
    size += RECEIPT_OVERHEAD_MAX + PAYMENTS_MAX + VAT_TOTALS_MAX
    size += _text(customer)
    if cashier is not None:
        size += _text(cashier.name) + (HEADER + 12 if cashier.inn else 0)
    if buyer is not None:
        size += _text(buyer.name) + (HEADER + 12 if buyer.inn else 0)
        size += HEADER if ffd is FFDVersion.FFD_12 else 0    # 1256 wrapper in FFD 1.2
    if tax_system is not None:
        size += HEADER + 1                                    # 1055
    return size


def items_that_fit(item: Item, *, ffd: FFDVersion = FFDVersion.FFD_12,
                   limit: int | None = None) -> int:
    """How many items of ``item``'s shape fit one receipt, with the largest receipt-level data.

    Counts a 64-byte cashier with INN, a 64-byte customer contact, a 256-byte buyer with INN and
    the applied tax system, so the answer holds for any receipt of such items.
    """
    budget = (MAX_RECEIPT_TLV if limit is None else limit) - (
        RECEIPT_OVERHEAD_MAX + PAYMENTS_MAX + VAT_TOTALS_MAX
        + (HEADER + 64) + (HEADER + 12)          # cashier 1021 + 1203
        + (HEADER + 64)                          # customer 1008
        + HEADER + (HEADER + 256) + (HEADER + 12)  # buyer 1256 / 1227 / 1228
        + HEADER + 1)                            # 1055
    return max(0, budget // item_tlv_size(item, ffd))
