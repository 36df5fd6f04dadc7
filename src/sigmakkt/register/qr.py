"""The QR-code payload printed on receipts; a buyer checks the receipt with the tax service by it.

Format (tax-service requirements to KKT, items 61–62, quoted in the public ``ru.vzotov``
receipt model; fn-protocol reference §6): six fields joined by ``&`` —
``t=<YYYYMMDDTHHMM>&s=<rubles>.<kopecks>&fn=<FN number>&i=<FD number>&fp=<fiscal sign>&n=<1054>``;
FD number and fiscal sign are not zero-padded. Example from the requirements:
``t=20150720T1638&s=9999999.00&fn=000110000105&i=12345678&fp=123456&n=2``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sigmakkt.errors import DecodeError
from sigmakkt.register.enums import OperationType
from sigmakkt.register.money import format_rubles


def receipt_qr(when: dt.datetime, total_kopecks: int, fn_number: str, fd_number: int,
               fiscal_sign: int, operation: OperationType) -> str:
    """Build the QR payload of a receipt (minute resolution, as the FN stores the time)."""
    return (f"t={when:%Y%m%dT%H%M}&s={format_rubles(total_kopecks)}&fn={fn_number}"
            f"&i={fd_number}&fp={fiscal_sign}&n={int(operation)}")


@dataclass(frozen=True)
class ReceiptQR:
    """A parsed receipt QR payload."""

    datetime: dt.datetime
    total_kopecks: int
    fn_number: str
    fd_number: int
    fiscal_sign: int
    operation: OperationType


_FIELDS = re.compile(r"([a-z]+)=([^&]*)")


def parse_receipt_qr(payload: str) -> ReceiptQR:
    """Parse a receipt QR payload; seconds (``THHMMSS``) are tolerated. Raises DecodeError."""
    fields = dict(_FIELDS.findall(payload))
    try:
        stamp = fields["t"]
        fmt = "%Y%m%dT%H%M%S" if len(stamp) == 15 else "%Y%m%dT%H%M"
        rubles, _, kop = fields["s"].partition(".")
        return ReceiptQR(
            datetime=dt.datetime.strptime(stamp, fmt),
            total_kopecks=int(rubles) * 100 + int((kop or "0").ljust(2, "0")[:2]),
            fn_number=fields["fn"], fd_number=int(fields["i"]),
            fiscal_sign=int(fields["fp"]), operation=OperationType(int(fields["n"])))
    except (KeyError, ValueError) as exc:
        raise DecodeError(f"not a receipt QR payload: {payload!r} ({exc})") from None
