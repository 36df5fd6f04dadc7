"""The receipt QR payload (fn-protocol reference §6).

``t=YYYYMMDDTHHMM&s=R.KK&fn=<FN number>&i=<FD number>&fp=<fiscal sign>&n=<1054 operation>``,
e.g. ``t=20220315T1230&s=1250.00&fn=9999078900004312&i=12345&fp=1234567890&n=1``. Parsing also
accepts seconds in ``t`` (``THHMMSS``, seen on real receipts), keys in any order, ``s`` with
0–2 decimals, and ignores unknown keys; anything malformed (including an ``n`` that is no 1054
code) raises :class:`~sigmakkt.errors.DecodeError`. This is the one QR codec: the Register prints
``ReceiptQR(...).build()`` and tests read receipts back with :meth:`ReceiptQR.parse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd.values import OperationType

__all__ = ["ReceiptQR"]

_T = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?\Z", re.ASCII)
_S = re.compile(r"\d{1,15}(\.\d{1,2})?\Z", re.ASCII)
_DIGITS = re.compile(r"\d{1,20}\Z", re.ASCII)
_REQUIRED = ("t", "s", "fn", "i", "fp", "n")


@dataclass(frozen=True, slots=True)
class ReceiptQR:
    """The data of a receipt's QR code.

    ``when`` is the receipt's date-time (wall clock, minutes; seconds kept when parsed),
    ``total`` the receipt total in kopecks, ``fn_number`` the FN number (digits),
    ``fd_number`` the fiscal document number, ``fiscal_sign`` the printed fiscal sign,
    ``operation`` the 1054 value (1 sale, 2 sale return, 3 purchase, 4 purchase return).
    """

    when: datetime
    total: int
    fn_number: str
    fd_number: int
    fiscal_sign: int
    operation: OperationType

    @property
    def total_rubles(self) -> Decimal:
        """The total as a Decimal in rubles."""
        return Decimal(self.total).scaleb(-2)

    def build(self) -> str:
        """The payload string (``t`` to the minute, ``s`` as rubles with 2 decimals)."""
        if self.total < 0 or not (self.fn_number.isascii() and self.fn_number.isdigit()):
            raise ValidationError("QR needs a non-negative total and a digits-only FN number")
        return (
            f"t={self.when:%Y%m%dT%H%M}&s={self.total // 100}.{self.total % 100:02d}"
            f"&fn={self.fn_number}&i={self.fd_number}&fp={self.fiscal_sign}"
            f"&n={int(self.operation)}"
        )

    __str__ = build

    @classmethod
    def parse(cls, payload: str) -> ReceiptQR:
        """Parse a payload string; DecodeError says which part is wrong."""
        if not isinstance(payload, str):
            raise DecodeError("a QR payload is a string")
        parts: dict[str, str] = {}
        for part in payload.strip().split("&"):
            key, sep, value = part.partition("=")
            if not sep:
                raise DecodeError(f"QR part {part[:20]!r} has no '='")
            parts[key.strip().lower()] = value.strip()
        missing = [k for k in _REQUIRED if k not in parts]
        if missing:
            raise DecodeError(f"QR payload lacks {', '.join(missing)}")
        m = _T.match(parts["t"])
        if m is None:
            raise DecodeError(f"QR t={parts['t'][:20]!r} is not YYYYMMDDTHHMM[SS]")
        try:
            y, mo, d, h, mi = (int(x) for x in m.groups()[:5])
            when = datetime(y, mo, d, h, mi, int(m.group(6) or 0))
        except ValueError as exc:
            raise DecodeError(f"QR t={parts['t']!r}: {exc}") from None
        if _S.match(parts["s"]) is None:
            raise DecodeError(f"QR s={parts['s'][:20]!r} is not rubles[.kopecks]")
        rub, _, kop = parts["s"].partition(".")
        total = int(rub) * 100 + int(kop.ljust(2, "0") or 0)
        for key in ("fn", "i", "fp", "n"):
            if _DIGITS.match(parts[key]) is None:
                raise DecodeError(f"QR {key}={parts[key][:20]!r} is not a decimal number")
        if int(parts["n"]) not in OperationType._value2member_map_:
            raise DecodeError(f"QR n={parts['n'][:20]!r} is not a 1054 operation code (1..4)")
        return cls(when, total, parts["fn"], int(parts["i"]), int(parts["fp"]),
                   OperationType(int(parts["n"])))
