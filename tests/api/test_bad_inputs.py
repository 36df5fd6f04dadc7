"""Hostile and bad input at the Register API: a table of bad calls, each refused with its
specific error, leaving the FN untouched.

Two kinds of rows:

* input rows — the data itself is wrong (float money, over-long names, emoji, bad check
  digits …): refused before any byte goes to the FN. Asserted by counting request frames at the
  FN link (the transport's ``write`` is tapped): **zero**.
* state rows — the call is fine but the KKT is in the wrong phase (no shift, not registered,
  shift already open …): the Register must read the FN's state to know, so read-only queries
  (30h status, 31h–3Bh, 40h archive …) may pass, but no command that changes the FN.

For every row the FN's durable state is compared before and after (last FD number, document in
progress, shift state) and the printer must have printed nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from sigmakkt.errors import SigmaKKTError, Unsupported, ValidationError
from sigmakkt.protocol.fn.frame import FrameDecoder
from sigmakkt.register import (
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionType,
    Item,
    Payment,
    ReregistrationReason,
    TaxSystem,
)
from sigmakkt.register.enums import VAT, ItemType
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm
from sigmakkt_emulator.clock import Clock

INN = "7707083893"
SERIAL = "0149060006000651"
RNM = make_rnm(1, INN, SERIAL)
OFD_INN = "7704211201"
CASHIER = Cashier("Иванова А.А.", inn="500100732259")
START = dt.datetime(2026, 3, 2, 9, 0)

# Rows pass wrong types on purpose (that is the point of the table); tests are not type-checked.

#: FN commands that only read (status, shift, counters, OFD status, archive, registration).
READ_ONLY = frozenset({0x10, 0x20, 0x30, 0x31, 0x32, 0x33, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A,
                       0x3B, 0x3D, 0x40, 0x41, 0x43, 0x44, 0x45, 0x46})


class LinkTap:
    """Counts the request frames the Register writes to the FN link."""

    def __init__(self, kkt: Register) -> None:
        self.codes: list[int] = []
        self._transport = kkt._fn.transport
        self._write = self._transport.write
        decoder = FrameDecoder(requests=True)

        def write(data: bytes) -> None:
            self.codes.extend(f.code for f in decoder.feed(data) if not f.enq)
            self._write(data)

        self._transport.write = write

    def close(self) -> None:
        self._transport.write = self._write  # type: ignore[method-assign]

    @property
    def changing(self) -> list[int]:
        return [c for c in self.codes if c not in READ_ONLY]


def _register(kkt: Register, ffd: str = "1.2") -> None:
    kkt.register(inn=INN, rnm=RNM, kkt_serial=SERIAL, org_name='ООО "Ромашка"',
                 address="г. Москва, ул. Ленина, д. 1", place="Магазин № 5",
                 tax_systems={TaxSystem.OSN}, ofd_inn=OFD_INN, ofd_name="ООО ОФД", ffd=ffd,
                 cashier=CASHIER)


@pytest.fixture(scope="module")
def kkts() -> Iterator[dict[str, Register]]:
    """The four KKTs the rows run on: ``shift`` (FFD 1.2, shift open), ``noshift`` (registered,
    no shift), ``fresh`` (not registered), ``ffd105`` (FFD 1.05, shift open)."""
    made: dict[str, Register] = {}
    try:
        for name in ("shift", "noshift", "fresh", "ffd105"):
            kkt = Register.emulated(emulator_clock=Clock(START, frozen=True))
            made[name] = kkt
            if name != "fresh":
                _register(kkt, "1.05" if name == "ffd105" else "1.2")
            if name in ("shift", "ffd105"):
                kkt.open_shift(CASHIER)
        yield made
    finally:
        for kkt in made.values():
            kkt.close()


def milk(**kw: Any) -> Item:
    return Item("Молоко 3,2% 1 л", price="89.90", quantity=2, vat=VAT.VAT20, **kw)


def cash(amount: str = "200.00") -> list[Payment]:
    return [Payment.cash(amount)]


def sell(*items: Item, payments: list[Payment] | None = None,
         **kw: Any) -> Callable[[Register], Any]:
    return lambda k: k.sell(list(items) or [milk()], payments or cash(), **kw)


def item(name: str = "Товар", price: Any = "10.00", quantity: Any = 1,
         **kw: Any) -> Callable[[Register], Any]:
    """A sale of one item built inside the call (the constructor is where it fails)."""
    kw.setdefault("vat", VAT.VAT20)
    return lambda k: k.sell([Item(name, price, quantity, **kw)], cash("1000.00"))


def pay(factory: Callable[[], Payment]) -> Callable[[Register], Any]:
    return lambda k: k.sell([milk()], [factory()])


def reg(**changes: Any) -> Callable[[Register], Any]:
    args: dict[str, Any] = dict(inn=INN, rnm=RNM, kkt_serial=SERIAL, org_name="ООО Ромашка",
                                address="г. Москва", place=None, tax_systems={TaxSystem.OSN},
                                ofd_inn=OFD_INN)
    args.update(changes)
    return lambda k: k.register(**args)


def corr(**kw: Any) -> Callable[[Register], Any]:
    kw.setdefault("correction_type", CorrectionType.SELF)
    kw.setdefault("basis", CorrectionBasis(dt.date(2026, 3, 1), "1"))
    return lambda k: k.correction([milk()], cash("179.80"), **kw)


LONG = "Т" * 129
HUGE_NAME = "Товар " + "х" * 120


@dataclass(frozen=True)
class Row:
    id: str
    call: Callable[[Register], Any]
    field: str | None  # expected ValidationError.field prefix (None: not checked)
    kkt: str = "shift"
    error: type[SigmaKKTError] = ValidationError
    state: bool = False  # a state row: read-only queries allowed


ROWS: list[Row] = [
    # --- money: floats, signs, precision, non-numbers --------------------------------------
    Row("float price", item(price=89.9), "price"),
    Row("float quantity", item(quantity=1.5), "quantity"),
    Row("float payment", pay(lambda: Payment.cash(200.0)), "payment.sum"),
    Row("float electronic payment", pay(lambda: Payment.electronic(179.8)), "payment.sum"),
    Row("negative price", item(price="-1.00"), "price"),
    Row("zero price", item(price="0"), "price"),
    Row("zero price as Decimal", item(price=Decimal("0.00")), "price"),
    Row("negative quantity", item(quantity=-1), "quantity"),
    Row("zero quantity", item(quantity=0), "quantity"),
    Row("quantity with 7 decimals", item(quantity="1.0000001"), "quantity"),
    Row("price with 3 decimals", item(price="1.001"), "price"),
    Row("price NaN", item(price=Decimal("NaN")), "price"),
    Row("price infinite", item(price=Decimal("Infinity")), "price"),
    Row("price not a number", item(price="сто"), "price"),
    Row("price None", item(price=None), "price"),
    Row("price bool", item(price=True), "price"),
    Row("price over the Uint48 limit", item(price="9" * 20), "price"),
    Row("negative cash", pay(lambda: Payment.cash("-1.00")), "payment.sum"),
    Row("payment type as text", pay(lambda: Payment("cash", "200.00")),  # type: ignore[arg-type]
        "payment.type"),
    # --- names and text: length, emoji, control characters, types --------------------------
    Row("129-character name", item(name=LONG), "name"),
    Row("empty name", item(name=""), "name"),
    Row("emoji in name", item(name="Кофе ☕"), "name"),
    Row("emoji only", item(name="🍺"), "name"),
    Row("NUL in name", item(name="Мол\x00око"), "name"),
    Row("newline in name", item(name="Молоко\nХлеб"), "name"),
    Row("ESC sequence in name", item(name="\x1b@Молоко"), "name"),
    Row("DEL in name", item(name="Молоко\x7f"), "name"),
    Row("name not a string", item(name=12345), "name"),
    Row("cashier name 65 characters", lambda k: k.sell([milk()], cash(),
                                                       cashier=Cashier("И" * 65)),
        "cashier.name"),
    Row("cashier name with emoji", lambda k: k.sell([milk()], cash(),
                                                    cashier=Cashier("Анна 😀")), "cashier.name"),
    Row("cashier INN wrong check digits", lambda k: k.sell(
        [milk()], cash(), cashier=Cashier("Иванова", inn="500100732258")), "cashier.inn"),
    Row("cashier as a string", sell(cashier="Иванова"), "cashier"),
    Row("buyer without name or INN", lambda k: k.sell([milk()], cash(), buyer=Buyer()), "buyer"),
    Row("buyer INN wrong check digits", lambda k: k.sell(
        [milk()], cash(), buyer=Buyer("ООО Лютик", inn="7707083894")), "buyer.inn"),
    Row("buyer as a dict", sell(buyer={"name": "x"}), "buyer"),
    # --- codes: VAT, units, payment methods, item types ------------------------------------
    Row("unknown VAT code", item(vat=99), "vat"),
    Row("VAT as text", item(vat="20%"), "vat"),
    Row("VAT None", item(vat=None), "vat"),
    Row("measure of a wrong type", item(measure=5), "measure"),
    Row("payment method as text", item(payment_method="full"), "payment_method"),
    Row("item type as int", item(item_type=1), "item_type"),
    Row("FFD 1.2 unit given as text (FFD 1.05 form)", item(measure="шт"), "items[0].measure"),
    Row("FFD 1.05 unit text over 16 bytes", item(measure="к" * 17), "measure", kkt="ffd105"),
    Row("FFD 1.2-only item type on FFD 1.05",
        item(item_type=ItemType.EXCISE_WITH_MARKING), "items[0].item_type", kkt="ffd105"),
    Row("excise item without excise registration", item(item_type=ItemType.EXCISE),
        "items[0].item_type"),
    # --- receipt totals and payments --------------------------------------------------------
    Row("no items", lambda k: k.sell([], cash()), "items"),
    Row("items not a list of Item", lambda k: k.sell(["Молоко"], cash()), "items"),
    Row("no payments", lambda k: k.sell([milk()], []), "payments"),
    Row("payments not Payment", lambda k: k.sell([milk()], [("cash", "200.00")]), "payments"),
    Row("payments short of the total", sell(payments=cash("179.79")), "payments"),
    Row("non-cash overpay", sell(payments=[Payment.electronic("179.81")]), "payments"),
    Row("prepaid overpay", sell(payments=[Payment.prepaid("200.00")]), "payments"),
    Row("card alone over the total beside cash",
        sell(payments=[Payment.cash("10.00"), Payment.electronic("180.00")]), "payments"),
    Row("return with change", lambda k: k.sell_return([milk()], cash("200.00")), "payments"),
    Row("oversize receipt (> 30 KB of TLV)",
        lambda k: k.sell([Item(HUGE_NAME, "1.00", vat=VAT.VAT20)] * 250, cash("250.00")),
        "items"),
    # --- customer, tax system, electronic receipts -----------------------------------------
    Row("phone without +7", sell(customer="89990000000"), "customer"),
    Row("e-mail without domain", sell(customer="ivan@"), "customer"),
    Row("customer 65 characters", sell(customer="a" * 57 + "@mail.ru"), "customer"),
    Row("customer with control character", sell(customer="+7999\n0000000"), "customer"),
    Row("electronically without customer", sell(electronically=True), "customer"),
    Row("tax system not registered", sell(tax_system=TaxSystem.USN_INCOME), "tax_system"),
    Row("tax system as text", sell(tax_system="OSN"), "tax_system"),
    # --- corrections --------------------------------------------------------------------------
    Row("correction by order without number",
        corr(correction_type=CorrectionType.BY_ORDER,
             basis=CorrectionBasis(dt.date(2026, 1, 1))), "basis.number"),
    Row("correction without basis", corr(basis=None), "basis"),
    Row("correction type as text", corr(correction_type="self"), "correction_type"),
    Row("correction basis date as text",
        lambda k: k.correction([milk()], cash("179.80"), correction_type=CorrectionType.SELF,
                               basis=CorrectionBasis("2026-03-01", "1")), "basis.date"),
    # --- registration data -------------------------------------------------------------------
    Row("INN wrong check digits", reg(inn="7707083894"), "inn", kkt="fresh"),
    Row("INN of 11 digits", reg(inn="77070838931"), "inn", kkt="fresh"),
    Row("INN with letters", reg(inn="77070838AB"), "inn", kkt="fresh"),
    Row("RNM wrong check number", reg(rnm="0000000001000000"), "rnm", kkt="fresh"),
    Row("RNM of 15 digits", reg(rnm=RNM[:15]), "rnm", kkt="fresh"),
    Row("OFD INN wrong check digits", reg(ofd_inn="7704211202"), "ofd_inn", kkt="fresh"),
    Row("organisation name empty", reg(org_name=""), "org_name", kkt="fresh"),
    Row("organisation name with emoji", reg(org_name="ООО 🌼"), "org_name", kkt="fresh"),
    Row("no tax system", reg(tax_systems=set()), "tax_systems", kkt="fresh"),
    Row("unknown FFD version", reg(ffd="1.3"), "ffd", kkt="fresh"),
    Row("reregister without reasons", lambda k: k.reregister(0, address="z"), "reasons",
        kkt="noshift"),
    Row("reregister unknown field", lambda k: k.reregister(
        ReregistrationReason.ADDRESS_OR_PLACE_CHANGED, colour="red"), "colour", kkt="noshift"),
    Row("open shift without cashier", lambda k: k.open_shift(None), "cashier",
        kkt="noshift"),
    # --- calls in the wrong phase or with no shift (state rows) -----------------------------
    Row("sale with no shift", sell(), "shift", kkt="noshift", state=True),
    Row("return with no shift", lambda k: k.sell_return([milk()], cash("179.80")), "shift",
        kkt="noshift", state=True),
    Row("correction with no shift", corr(), "shift", kkt="noshift", state=True),
    Row("close shift with no shift", lambda k: k.close_shift(), "shift", kkt="noshift",
        state=True),
    Row("open shift twice", lambda k: k.open_shift(CASHIER), "shift", state=True),
    Row("register twice", reg(), "phase", state=True),
    Row("reregister with the shift open", lambda k: k.reregister(
        ReregistrationReason.ADDRESS_OR_PLACE_CHANGED, address="г. Тверь"), "shift", state=True),
    Row("close FN with the shift open", lambda k: k.close_fn(), "shift", state=True),
    Row("sale before registration", sell(), "registration", kkt="fresh", state=True),
    Row("open shift before registration", lambda k: k.open_shift(CASHIER), "registration",
        kkt="fresh", state=True),
    Row("X report before registration", lambda k: k.x_report(), "registration", kkt="fresh",
        state=True),
    Row("state report before registration", lambda k: k.state_report(), "registration",
        kkt="fresh", state=True),
]


def test_table_size() -> None:
    assert len(ROWS) >= 60
    assert len({r.id for r in ROWS}) == len(ROWS)


def _snapshot(kkt: Register) -> tuple[Any, ...]:
    fn = kkt.emulator.fn
    return (fn.state.last_fd, fn.state.phase, fn.state.shift_open, fn.state.shift_number,
            fn.current, len(kkt.emulator.receipts))


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_is_refused(kkts: dict[str, Register], row: Row) -> None:
    kkt = kkts[row.kkt]
    before = _snapshot(kkt)
    tap = LinkTap(kkt)
    try:
        with pytest.raises(row.error) as info:
            row.call(kkt)
    finally:
        tap.close()
    err = info.value
    if row.field is not None:
        assert isinstance(err, ValidationError)
        assert err.field is not None and err.field.startswith(row.field), (err.field, str(err))
    assert str(err), "an error must say what to do"
    if row.state:
        assert tap.changing == [], [f"{c:02X}h" for c in tap.codes]
    else:
        assert tap.codes == [], [f"{c:02X}h" for c in tap.codes]
    assert _snapshot(kkt) == before


def test_unsupported_is_a_validation_error() -> None:
    """Callers catching ValidationError also catch Unsupported (rows may raise either)."""
    assert issubclass(Unsupported, ValidationError)


def test_good_sale_still_passes(kkts: dict[str, Register]) -> None:
    """The KKTs are still usable after every refusal: one valid sale goes through."""
    kkt = kkts["shift"]
    last = kkt.emulator.fn.state.last_fd
    receipt = kkt.sell([milk()], cash())
    assert receipt.fiscal_document_number == last + 1 and receipt.printed
