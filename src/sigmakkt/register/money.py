"""Money and quantity values: what the Register accepts, and the FFD limits they must fit.

Rules (strict on purpose, because a fiscal document cannot be taken back):

* Money is a ``str`` ("89.90") or a :class:`~decimal.Decimal` in **rubles**, with at most two
  decimals. A plain ``int`` is whole rubles (``100`` == ``"100.00"``). ``float`` is refused: binary
  floats cannot hold 0.10 exactly. ``bool`` is refused. A comma as decimal separator is refused.
* Sums travel in FFD documents as VLN kopecks, at most 6 bytes (fn-protocol reference §5.1), so the
  largest sum is 2**48 - 1 kopecks.
* A quantity is ``int``, ``str`` or ``Decimal`` with at most 6 decimals; it travels as FVLN (tag
  1023, 8 bytes: one byte for the decimal places and up to 7 bytes of unscaled integer).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sigmakkt.errors import ValidationError

MoneyInput = str | int | Decimal
QuantityInput = str | int | Decimal

#: Largest sum in kopecks that fits a 6-byte VLN.
MAX_KOPECKS = (1 << 48) - 1
#: Largest unscaled quantity that fits the 7 value bytes of an 8-byte FVLN.
MAX_QUANTITY_UNSCALED = (1 << 56) - 1
#: Most decimal places of a quantity (FVLN; ATOL and tax-service JSON use at most 6).
QUANTITY_DECIMALS = 6

_HUNDRED = Decimal(100)


def _to_decimal(value: object, field: str, what: str) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a string or Decimal, not bool", field)
    if isinstance(value, float):
        raise ValidationError(
            f"{what} {value!r} is a float; pass a string or Decimal such as '{value:.2f}' "
            "(floats cannot hold kopecks exactly)", field)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, str):
        text = value.strip()
        if "," in text:
            raise ValidationError(f"{what} {value!r} uses a comma; write it with a dot, e.g. "
                                  f"'{text.replace(',', '.')}'", field)
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValidationError(f"{what} {value!r} is not a number; write it like '89.90'",
                                  field) from None
    else:
        raise ValidationError(
            f"{what} must be a string or Decimal (got {type(value).__name__})", field)
    if not result.is_finite():
        raise ValidationError(f"{what} {value!r} is not a finite number", field)
    return result


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only reach here
    return max(0, -exponent)


def parse_money(value: object, field: str = "sum", *, allow_zero: bool = False) -> Decimal:
    """Return ``value`` as a Decimal of rubles with exactly two decimals, or raise.

    Raises :class:`~sigmakkt.ValidationError` (naming ``field``) for floats, non-numbers, more than
    two decimals, negative values, zero (unless ``allow_zero``) and sums over the VLN limit.
    """
    amount = _to_decimal(value, field, "a sum")
    if _decimals(amount) > 2:
        raise ValidationError(f"{value!r} has more than 2 decimals; round it to kopecks first",
                              field)
    if amount < 0:
        raise ValidationError(f"{value!r} is negative; sums are positive (use a return "
                              "operation to give money back)", field)
    if amount == 0 and not allow_zero:
        raise ValidationError("the sum is zero; it must be greater than 0", field)
    if amount * _HUNDRED > MAX_KOPECKS:
        raise ValidationError(f"{value!r} exceeds the largest sum a fiscal document can hold "
                              f"({to_rubles(MAX_KOPECKS)})", field)
    return amount.quantize(Decimal("0.01"))


def parse_quantity(value: object, field: str = "quantity") -> Decimal:
    """Return ``value`` as a positive Decimal quantity with at most 6 decimals, or raise."""
    qty = _to_decimal(value, field, "a quantity")
    places = _decimals(qty)
    if places > QUANTITY_DECIMALS:
        raise ValidationError(f"{value!r} has {places} decimals; at most {QUANTITY_DECIMALS} "
                              "are allowed", field)
    if qty <= 0:
        raise ValidationError(f"{value!r} is not positive; the quantity must be greater than 0",
                              field)
    if int(qty.scaleb(places)) > MAX_QUANTITY_UNSCALED:
        raise ValidationError(f"{value!r} is too large for the quantity field (FVLN 8 bytes)",
                              field)
    return qty.normalize() if places else qty.quantize(Decimal(1))


def to_kopecks(rubles: Decimal) -> int:
    """Rubles (at most 2 decimals) to integer kopecks; exact, raises ValueError otherwise."""
    kop = rubles * _HUNDRED
    if kop != kop.to_integral_value():
        raise ValueError(f"{rubles} has fractions of a kopeck")
    return int(kop)


def to_rubles(kopecks: int) -> Decimal:
    """Integer kopecks to a two-decimal Decimal of rubles."""
    return (Decimal(kopecks) / _HUNDRED).quantize(Decimal("0.01"))


def format_rubles(kopecks: int) -> str:
    """Kopecks as printed on a receipt: ``17980`` -> ``"179.80"``."""
    sign = "-" if kopecks < 0 else ""
    whole, frac = divmod(abs(kopecks), 100)
    return f"{sign}{whole}.{frac:02d}"


def format_quantity(quantity: Decimal) -> str:
    """A quantity as printed: integers without decimals, fractions as given (``0.5``, ``1.25``)."""
    if quantity == quantity.to_integral_value():
        return str(int(quantity))
    return format(quantity.normalize(), "f")
