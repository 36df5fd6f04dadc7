"""Protocol-tier benchmark: a 100-item FFD 1.2 receipt through its 07h frames and back.

Encodes the receipt's TLVs (what the KKT sends to the FN), packs whole TLVs into chunks of at
most 1536 bytes, wraps each in an FN frame for command 07h, then decodes the byte stream with
:class:`~sigmakkt.protocol.fn.FrameDecoder` and :func:`~sigmakkt.protocol.ffd.decode_fields`.
Prints the CPU time per receipt and its share of the time the same bytes take on a 115200-baud
8N1 line (10 bits a byte). Target: under 5 %.

Run: ``python bench/protocol.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from sigmakkt.protocol.ffd import Field, Tag, decode_fields, encode_fields
from sigmakkt.protocol.fn import MAX_DATA, FrameDecoder, encode_frame

BAUD = 115200
BITS_PER_BYTE = 10  # 8N1: start + 8 data + stop


def receipt_fields(n_items: int = 100) -> list[Field]:
    """The TLVs a KKT sends for a sale receipt of ``n_items`` items (FFD 1.2)."""
    items = []
    for i in range(n_items):
        price = 8990 + i
        qty = Decimal("1.250") if i % 3 else Decimal(2)
        total = int(price * qty)
        items.append(Field(Tag.ITEMS, [
            Field(Tag.NAME, f"Товар №{i + 1}: молоко пастеризованное 3,2% 1 л"),
            Field(Tag.PRICE, price),
            Field(Tag.QUANTITY, qty),
            Field(Tag.ITEMS_QUANTITY_MEASURE, 11 if i % 3 else 0),
            Field(Tag.SUM, total),
            Field(Tag.NDS, 1),
            Field(Tag.NDS_SUM, total // 6),
            Field(Tag.PRODUCT_TYPE, 1),
            Field(Tag.PAYMENT_TYPE, 4),
        ]))
    return [
        Field(Tag.APPLIED_TAXATION_TYPE, 1),
        Field(Tag.OPERATOR, "Иванова А.А."),
        Field(Tag.OPERATOR_INN, "770708389301"),
        *items,
        Field(Tag.CASH_TOTAL_SUM, 1_000_000),
        Field(Tag.ECASH_TOTAL_SUM, 0),
        Field(Tag.BUYER_PHONE_OR_ADDRESS, "+79990000000"),
    ]


def to_frames(fields: list[Field]) -> list[bytes]:
    """07h frames carrying ``fields``, whole TLVs per frame, each ≤ 1536 data bytes."""
    frames: list[bytes] = []
    chunk = b""
    for f in fields:
        tlv = encode_fields([f])
        if chunk and len(chunk) + len(tlv) > MAX_DATA:
            frames.append(encode_frame(0x07, chunk))
            chunk = b""
        chunk += tlv
    if chunk:
        frames.append(encode_frame(0x07, chunk))
    return frames


def from_stream(stream: bytes) -> list[Field]:
    """Decode a byte stream of 07h frames back into fields."""
    out: list[Field] = []
    for frame in FrameDecoder(requests=True).feed(stream):
        out.extend(decode_fields(frame.data))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args()

    fields = receipt_fields(args.items)
    stream = b"".join(to_frames(fields))
    assert from_stream(stream) == fields, "round trip failed"

    start = time.process_time()
    for _ in range(args.rounds):
        frames = to_frames(fields)
    encode_s = (time.process_time() - start) / args.rounds
    start = time.process_time()
    for _ in range(args.rounds):
        from_stream(stream)
    decode_s = (time.process_time() - start) / args.rounds

    wire_s = len(stream) * BITS_PER_BYTE / BAUD
    cpu_s = encode_s + decode_s
    print(f"receipt: {args.items} items, {len(frames)} frames of 07h, {len(stream)} bytes")
    print(f"encode  {encode_s * 1e3:8.3f} ms CPU per receipt")
    print(f"decode  {decode_s * 1e3:8.3f} ms CPU per receipt")
    print(f"wire    {wire_s * 1e3:8.3f} ms at {BAUD} baud 8N1")
    print(f"CPU / wire = {cpu_s / wire_s:.2%} (target < 5 %)")


if __name__ == "__main__":
    main()
