"""One test per validation rule: bad input raises ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sigmakkt import SigmaKKTError, ValidationError
from sigmakkt.register import (
    VAT,
    AgentData,
    AgentType,
    Buyer,
    Cashier,
    FFDVersion,
    Item,
    ItemType,
    Measure,
    OperationType,
    Payment,
    SupplierData,
    TaxSystem,
)
from sigmakkt.register.validation import (
    MAX_RECEIPT_TLV,
    check_contact,
    check_document_time,
    check_inn,
    check_kkt_serial,
    check_rnm,
    check_shift,
    check_tax_systems,
    check_text,
    make_rnm,
    rnm_check_number,
    validate_receipt,
    validate_registration,
)

MILK = Item("Молоко 3,2% 1 л", price="89.90", quantity=2, vat=VAT.VAT20)


def field_of(exc: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return exc.value.field


# --- money and quantity --------------------------------------------------------------------


def test_validation_error_is_a_sigmakkt_error() -> None:
    assert issubclass(ValidationError, SigmaKKTError)


def test_float_price_is_refused_with_advice() -> None:
    with pytest.raises(ValidationError, match="string or Decimal") as exc:
        Item("Молоко", price=89.9, vat=VAT.VAT20)  # type: ignore[arg-type]
    assert field_of(exc) == "price"
    assert "'89.90'" in str(exc.value)


def test_float_quantity_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        Item("Сыр", "500.00", quantity=0.25, vat=VAT.VAT10)  # type: ignore[arg-type]
    assert field_of(exc) == "quantity"


def test_float_payment_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        Payment.cash(100.0)  # type: ignore[arg-type]
    assert field_of(exc) == "payment.sum"


@pytest.mark.parametrize("price", ["-1.00", "0", "0.00", Decimal("-0.01"), 0])
def test_negative_or_zero_price_is_refused(price: str | Decimal | int) -> None:
    with pytest.raises(ValidationError) as exc:
        Item("Товар", price, vat=VAT.NO_VAT)
    assert field_of(exc) == "price"


def test_price_with_three_decimals_is_refused() -> None:
    with pytest.raises(ValidationError, match="more than 2 decimals"):
        Item("Товар", "1.005", vat=VAT.NO_VAT)


def test_comma_decimal_separator_is_refused() -> None:
    with pytest.raises(ValidationError, match="dot"):
        Item("Товар", "89,90", vat=VAT.NO_VAT)


@pytest.mark.parametrize("price", ["abc", "1e", "NaN", "Infinity", True])
def test_non_numbers_are_refused(price: object) -> None:
    with pytest.raises(ValidationError):
        Item("Товар", price, vat=VAT.NO_VAT)  # type: ignore[arg-type]


def test_price_over_vln_limit_is_refused() -> None:
    # 6-byte VLN: at most 2**48 - 1 kopecks = 2814749767106.55 rubles
    Item("Дорого", "2814749767106.55", vat=VAT.NO_VAT)
    with pytest.raises(ValidationError, match="largest sum"):
        Item("Дорого", "2814749767106.56", vat=VAT.NO_VAT)


def test_quantity_with_seven_decimals_is_refused() -> None:
    Item("Гвозди", "1.00", quantity="0.000001", vat=VAT.NO_VAT)
    with pytest.raises(ValidationError, match="decimals") as exc:
        Item("Гвозди", "1.00", quantity="0.0000001", vat=VAT.NO_VAT)
    assert field_of(exc) == "quantity"


@pytest.mark.parametrize("qty", [0, "0", "-1", Decimal("-0.5")])
def test_zero_or_negative_quantity_is_refused(qty: object) -> None:
    with pytest.raises(ValidationError) as exc:
        Item("Гвозди", "1.00", quantity=qty, vat=VAT.NO_VAT)  # type: ignore[arg-type]
    assert field_of(exc) == "quantity"


def test_int_money_means_whole_rubles() -> None:
    item = Item("Хлеб", 45, vat=VAT.VAT10)
    assert item.price == Decimal("45.00")
    assert Payment.cash(100).sum == Decimal("100.00")


def test_values_are_normalised() -> None:
    item = Item("Сыр", Decimal("500"), quantity="0.250", vat=5)
    assert item.price == Decimal("500.00") and str(item.price) == "500.00"
    assert item.quantity == Decimal("0.25")
    assert item.vat is VAT.VAT0


# --- strings -------------------------------------------------------------------------------


def test_name_of_128_characters_is_accepted_and_129_refused() -> None:
    assert Item("Я" * 128, "1.00", vat=VAT.NO_VAT).name == "Я" * 128
    with pytest.raises(ValidationError, match="128") as exc:
        Item("Я" * 129, "1.00", vat=VAT.NO_VAT)
    assert field_of(exc) == "name"


def test_emoji_in_name_is_refused_with_position() -> None:
    with pytest.raises(ValidationError, match=r"position 4.*CP866") as exc:
        Item("Торт🎂", "1.00", vat=VAT.NO_VAT)
    assert field_of(exc) == "name"


@pytest.mark.parametrize("name", ["Молоко\n1 л", "Молоко\t", "\x1b@", "Мо\u200bлоко"])
def test_control_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        Item(name, "1.00", vat=VAT.NO_VAT)


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="empty"):
        Item(name, "1.00", vat=VAT.NO_VAT)


def test_cp866_punctuation_and_yo_are_accepted() -> None:
    text = "Ёжик №1 «х» — nope"
    with pytest.raises(ValidationError):     # «» and — are not in CP866
        check_text(text, "x", 64)
    assert check_text("Ёжик №1 \"х\" - ok", "x", 64)


def test_cashier_name_limit_is_64() -> None:
    Cashier("К" * 64)
    with pytest.raises(ValidationError) as exc:
        Cashier("К" * 65)
    assert field_of(exc) == "cashier.name"


# --- enums ---------------------------------------------------------------------------------


@pytest.mark.parametrize("vat", [0, 13, 99, "20%", None, True])
def test_unknown_vat_is_refused(vat: object) -> None:
    with pytest.raises(ValidationError, match="unknown VAT") as exc:
        Item("Товар", "1.00", vat=vat)  # type: ignore[arg-type]
    assert field_of(exc) == "vat"


def test_vat_codes_11_and_12_are_the_22_percent_rates() -> None:
    assert Item("Товар", "1.00", vat=11).vat is VAT.VAT22
    assert Item("Товар", "1.00", vat=12).vat is VAT.VAT22_122


def test_text_measure_is_refused_in_ffd_12_and_accepted_in_105() -> None:
    item = Item("Доска", "10.00", vat=VAT.NO_VAT, measure="пог.м")
    pays = [Payment.cash("10.00")]
    validate_receipt([item], pays, ffd=FFDVersion.FFD_105)
    with pytest.raises(ValidationError, match="Measure") as exc:
        validate_receipt([item], pays, ffd=FFDVersion.FFD_12)
    assert field_of(exc) == "items[0].measure"


def test_ffd12_item_type_in_105_is_refused() -> None:
    item = Item("Молоко", "1.00", vat=VAT.NO_VAT, item_type=ItemType.COMMODITY_WITH_MARKING)
    with pytest.raises(ValidationError) as exc:
        validate_receipt([item], [Payment.cash("1.00")], ffd=FFDVersion.FFD_105)
    assert field_of(exc) == "items[0].item_type"


def test_excise_item_needs_excise_registration() -> None:
    item = Item("Вино", "500.00", vat=VAT.VAT20, item_type=ItemType.EXCISE)
    with pytest.raises(ValidationError, match="excise"):
        validate_receipt([item], [Payment.cash("500")], excise_registered=False)
    validate_receipt([item], [Payment.cash("500")], excise_registered=True)


def test_agent_item_needs_supplier_inn() -> None:
    agent = AgentData(AgentType.COMMISSION_AGENT)
    item = Item("Билет", "100.00", vat=VAT.NO_VAT, agent=agent)
    with pytest.raises(ValidationError, match="1226") as exc:
        validate_receipt([MILK, item], [Payment.cash("500")])
    assert field_of(exc) == "items[1].supplier"
    good = Item("Билет", "100.00", vat=VAT.NO_VAT, agent=agent,
                supplier=SupplierData(inn="7707083893", name="ООО Театр"))
    validate_receipt([good], [Payment.cash("100")])


def test_agent_has_one_role() -> None:
    with pytest.raises(ValidationError):
        AgentData(AgentType.ATTORNEY | AgentType.COMMISSION_AGENT)


# --- INN, RNM, serial ----------------------------------------------------------------------


@pytest.mark.parametrize("inn", ["7707083893", "500100732259", "504404744207"])
def test_valid_inns(inn: str) -> None:
    assert check_inn(inn) == inn


@pytest.mark.parametrize("inn", ["7707083894", "500100732258", "500100732269"])
def test_bad_inn_check_digits_are_refused(inn: str) -> None:
    with pytest.raises(ValidationError, match="check digits"):
        check_inn(inn, "inn")


@pytest.mark.parametrize("inn", ["770708389", "77070838930", "77070838a3", 7707083893])
def test_malformed_inn_is_refused(inn: object) -> None:
    with pytest.raises(ValidationError):
        check_inn(inn)


def test_cashier_inn_must_be_a_persons_12_digits() -> None:
    with pytest.raises(ValidationError, match="12") as exc:
        Cashier("Иванова", inn="7707083893")
    assert field_of(exc) == "cashier.inn"


def test_rnm_check_number_matches_real_registration() -> None:
    # Published registration data (a KKT-server API example): INN 504404744207,
    # KKT serial 0149060006000651, RNM 0149060006035849.
    assert rnm_check_number("0149060006", "504404744207", "0149060006000651") == "035849"
    assert check_rnm("0149060006035849", "504404744207", "0149060006000651")


def test_rnm_check_number_is_crc16_ccitt_false_of_padded_fields() -> None:
    data = b"0000000001" + b"007707083893" + b"00000000000012345678"
    from sigmakkt.protocol.crc import crc16_ccitt_false
    assert rnm_check_number("1", "7707083893", "12345678") == f"{crc16_ccitt_false(data):06d}"
    assert make_rnm(1, "7707083893", "12345678") == "0000000001" + f"{crc16_ccitt_false(data):06d}"


def test_bad_rnm_check_number_is_refused() -> None:
    with pytest.raises(ValidationError, match="035849") as exc:
        check_rnm("0149060006035848", "504404744207", "0149060006000651")
    assert field_of(exc) == "rnm"
    with pytest.raises(ValidationError, match="does not match"):   # right RNM, other INN
        check_rnm("0149060006035849", "7707083893", "0149060006000651")


@pytest.mark.parametrize("rnm", ["014906000603584", "01490600060358490", "014906000603584x"])
def test_malformed_rnm_is_refused(rnm: str) -> None:
    with pytest.raises(ValidationError, match="16 digits"):
        check_rnm(rnm, "504404744207", "0149060006000651")


@pytest.mark.parametrize("serial", ["", "1" * 21, "12AB", 123])
def test_bad_kkt_serial_is_refused(serial: object) -> None:
    with pytest.raises(ValidationError):
        check_kkt_serial(serial)


# --- contacts ------------------------------------------------------------------------------


@pytest.mark.parametrize("contact", ["+79990000000", "buyer@example.ru", "a.b-c@mail.example.com"])
def test_good_contacts(contact: str) -> None:
    assert check_contact(contact) == contact


@pytest.mark.parametrize("contact", ["89990000000", "+7 999 000-00-00", "buyer@", "@x.ru", "abc",
                                     "+7999", "x" * 60 + "@e.ru"])
def test_bad_contacts_are_refused(contact: str) -> None:
    with pytest.raises(ValidationError) as exc:
        check_contact(contact)
    assert field_of(exc) == "customer"


def test_russian_phone_hint() -> None:
    with pytest.raises(ValidationError, match=r"\+79990000000"):
        check_contact("8 (999) 000-00-00")


# --- the receipt ---------------------------------------------------------------------------


def test_payments_short_of_total_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"179\.80.*add 0\.80") as exc:
        validate_receipt([MILK], [Payment.cash("179.00")])
    assert field_of(exc) == "payments"


def test_cash_may_exceed_total_and_gives_change() -> None:
    checked = validate_receipt([MILK], [Payment.cash("200.00")])
    assert checked.totals.total == 17980
    assert checked.totals.change == 2020
    assert checked.totals.fiscal_payments.cash == 17980


def test_non_cash_overpay_is_refused() -> None:
    with pytest.raises(ValidationError, match="only cash") as exc:
        validate_receipt([MILK], [Payment.electronic("180.00")])
    assert field_of(exc) == "payments"


def test_mixed_overpay_is_change_from_cash() -> None:
    checked = validate_receipt([MILK], [Payment.electronic("100.00"), Payment.cash("100.00")])
    assert checked.totals.change == 2020
    with pytest.raises(ValidationError):
        validate_receipt([MILK], [Payment.electronic("179.81"), Payment.cash("1.00")])


def test_return_must_pay_exactly() -> None:
    with pytest.raises(ValidationError, match="exactly"):
        validate_receipt([MILK], [Payment.cash("200.00")], operation=OperationType.SELL_RETURN)
    validate_receipt([MILK], [Payment.cash("179.80")], operation=OperationType.SELL_RETURN)


def test_empty_items_and_payments_are_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_receipt([], [Payment.cash("1")])
    assert field_of(exc) == "items"
    with pytest.raises(ValidationError) as exc:
        validate_receipt([MILK], [])
    assert field_of(exc) == "payments"


def test_wrong_types_in_lists_are_named() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_receipt([MILK, {"name": "x"}], [Payment.cash("1")])  # type: ignore[list-item]
    assert field_of(exc) == "items[1]"
    with pytest.raises(ValidationError) as exc:
        validate_receipt([MILK], [Payment.cash("200"), 5])  # type: ignore[list-item]
    assert field_of(exc) == "payments[1]"


def test_bad_customer_contact_on_receipt() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_receipt([MILK], [Payment.cash("200")], customer="not a contact")
    assert field_of(exc) == "customer"


def test_tax_system_must_be_named_when_several_are_registered() -> None:
    both = TaxSystem.USN_INCOME | TaxSystem.PATENT
    with pytest.raises(ValidationError, match="several") as exc:
        validate_receipt([MILK], [Payment.cash("200")], registered_tax_systems=both)
    assert field_of(exc) == "tax_system"
    checked = validate_receipt([MILK], [Payment.cash("200")], registered_tax_systems=both,
                               tax_system=TaxSystem.PATENT)
    assert checked.tax_system is TaxSystem.PATENT
    single = validate_receipt([MILK], [Payment.cash("200")],
                              registered_tax_systems=TaxSystem.OSN)
    assert single.tax_system is TaxSystem.OSN


def test_unregistered_or_combined_tax_system_is_refused() -> None:
    with pytest.raises(ValidationError, match="not among"):
        validate_receipt([MILK], [Payment.cash("200")], registered_tax_systems=TaxSystem.OSN,
                         tax_system=TaxSystem.PATENT)
    with pytest.raises(ValidationError, match="exactly one"):
        validate_receipt([MILK], [Payment.cash("200")],
                         tax_system=TaxSystem.OSN | TaxSystem.PATENT)


def test_tax_systems_for_registration() -> None:
    assert check_tax_systems({TaxSystem.OSN, TaxSystem.PATENT}) == TaxSystem.OSN | TaxSystem.PATENT
    with pytest.raises(ValidationError):
        check_tax_systems(set())
    with pytest.raises(ValidationError):
        check_tax_systems({1, 2})


def test_buyer_needs_name_or_inn_and_checks_inn() -> None:
    with pytest.raises(ValidationError):
        Buyer()
    with pytest.raises(ValidationError) as exc:
        Buyer(inn="1234567890")
    assert field_of(exc) == "buyer.inn"
    assert Buyer(name="ООО Покупатель", inn="7707083893").inn == "7707083893"


def test_oversize_receipt_is_refused_and_says_how_many_fit() -> None:
    item = Item("Н" * 128, "1.00", vat=VAT.VAT20, measure=Measure.PIECE)
    many = [item] * 250
    with pytest.raises(ValidationError, match=r"about (\d+) items") as exc:
        validate_receipt(many, [Payment.cash("250.00")])
    assert field_of(exc) == "items"
    fit = int(str(exc.value).split("about ")[1].split()[0])
    assert 150 < fit < 250
    checked = validate_receipt([item] * fit, [Payment.cash("250.00")])   # that many do fit
    assert checked.tlv_size <= MAX_RECEIPT_TLV


def test_item_over_1024_bytes_is_refused() -> None:
    agent = AgentData(AgentType.PAYING_AGENT, operation="Оплата услуг",
                      phones=[f"+7999000{i:04d}" for i in range(20)],
                      transfer_operator_name="Т" * 64, transfer_operator_address="А" * 256)
    item = Item("Н" * 128, "1.00", vat=VAT.NO_VAT, agent=agent,
                supplier=SupplierData(inn="7707083893", name="П" * 256,
                                      phones=[f"+7999111{i:04d}" for i in range(10)]))
    with pytest.raises(ValidationError, match="1024") as exc:
        validate_receipt([MILK, item], [Payment.cash("500")])
    assert field_of(exc) == "items[1]"


# --- registration and shift state ----------------------------------------------------------

REG = dict(inn="504404744207", rnm="0149060006035849", kkt_serial="0149060006000651",
           org_name='ООО "Рога и Копыта"', address="109097, Москва, ул. Ильинка, 9",
           tax_systems={TaxSystem.OSN}, ofd_inn="7704211201", ofd_name='ООО "Такском"')


def test_valid_registration_is_returned_typed() -> None:
    from sigmakkt.register import WorkMode
    info = validate_registration(**REG, ffd="1.2",  # type: ignore[arg-type]
                                 work_modes={WorkMode.INTERNET})
    assert info.rnm == "0149060006035849" and info.tax_systems is TaxSystem.OSN
    assert info.ffd is FFDVersion.FFD_12 and info.fns_site == "www.nalog.gov.ru"
    assert info.work_modes == frozenset({WorkMode.INTERNET})


@pytest.mark.parametrize(("change", "field"), [
    ({"inn": "504404744208"}, "inn"),
    ({"rnm": "0149060006035848"}, "rnm"),
    ({"kkt_serial": "0149060006000652"}, "rnm"),       # RNM no longer matches the serial
    ({"kkt_serial": "S/N 1"}, "kkt_serial"),
    ({"org_name": "О" * 257}, "org_name"),
    ({"address": ""}, "address"),
    ({"tax_systems": set()}, "tax_systems"),
    ({"ofd_inn": None}, "ofd_inn"),
    ({"ofd_inn": "7704211202"}, "ofd_inn"),
    ({"ffd": "1.1"}, "ffd"),
    ({"sender_email": "not-an-email"}, "sender_email"),
])
def test_bad_registration_data_is_refused(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_registration(**{**REG, **change})  # type: ignore[arg-type]
    assert field_of(exc) == field


def test_autonomous_registration_has_no_ofd() -> None:
    from sigmakkt.register import WorkMode
    base = {**REG, "ofd_inn": None, "ofd_name": None}
    validate_registration(**base, work_modes={WorkMode.AUTONOMOUS})  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as exc:
        validate_registration(**REG, work_modes={WorkMode.AUTONOMOUS})  # type: ignore[arg-type]
    assert field_of(exc) == "ofd_inn"
    with pytest.raises(ValidationError, match="FFD 1") as exc:
        validate_registration(**REG, ffd="1.05",  # type: ignore[arg-type]
                              work_modes={WorkMode.MARKING})
    assert field_of(exc) == "work_modes"


def test_receipt_needs_an_open_shift_under_24_hours() -> None:
    opened = dt.datetime(2026, 12, 4, 8, 0)
    check_shift(True, opened, opened + dt.timedelta(hours=24))
    with pytest.raises(ValidationError, match="24 hours") as exc:
        check_shift(True, opened, opened + dt.timedelta(hours=24, minutes=1))
    assert field_of(exc) == "shift"
    with pytest.raises(ValidationError, match="open_shift"):
        check_shift(False, None, opened)


def test_document_time_may_not_go_back() -> None:
    last = dt.datetime(2026, 12, 4, 8, 0)
    check_document_time(last.replace(second=59), last)
    check_document_time(last, None)
    with pytest.raises(ValidationError, match="clock") as exc:
        check_document_time(last - dt.timedelta(minutes=1), last)
    assert field_of(exc) == "datetime"


def test_correction_needs_basis_and_order_number() -> None:
    from sigmakkt.register import CorrectionBasis, CorrectionType
    from sigmakkt.register.validation import validate_correction
    pays = [Payment.cash("179.80")]
    basis = CorrectionBasis(dt.date(2026, 11, 30))
    checked = validate_correction([MILK], pays, CorrectionType.SELF, basis)
    assert checked.totals.total == 17980
    with pytest.raises(ValidationError) as exc:
        validate_correction([MILK], pays, CorrectionType.BY_ORDER, basis)
    assert field_of(exc) == "basis.number"
    with pytest.raises(ValidationError) as exc:
        validate_correction([MILK], pays, CorrectionType.SELF, None)
    assert field_of(exc) == "basis"
    with pytest.raises(ValidationError) as exc:   # the receipt rules still apply
        validate_correction([MILK], [Payment.electronic("200")], CorrectionType.SELF, basis)
    assert field_of(exc) == "payments"
