"""Printed layout: every requisite present, 32-column lines, wrapping, Cyrillic, QR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sigmakkt.protocol.ffd import ReceiptQR
from sigmakkt.register import (
    VAT,
    AgentData,
    AgentType,
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionType,
    FNWarning,
    Item,
    Measure,
    OperationCounters,
    OperationType,
    Payment,
    PaymentType,
    ReregistrationReason,
    ShiftCounters,
    SupplierData,
    TaxSystem,
    WorkMode,
)
from sigmakkt.register.enums import operation_label
from sigmakkt.register.layout import (
    CorrectionInfo,
    OrgInfo,
    PrintableFNClose,
    PrintableReceipt,
    PrintableRegistration,
    PrintableShiftReport,
    PrintableStateReport,
    PrintableXReport,
    layout_fn_close,
    layout_receipt,
    layout_registration,
    layout_shift_report,
    layout_state_report,
    layout_x_report,
)
from sigmakkt.register.lines import (
    WIDTH,
    Align,
    Layout,
    QRLine,
    Separator,
    TextLine,
    pair,
    wrap,
)
from sigmakkt.register.validation import make_rnm

WHEN = dt.datetime(2026, 12, 4, 16, 30)
ORG = OrgInfo(
    name='ООО "Ромашка"', inn="7707083893",
    address="123456, г. Москва, ул. Ленина, д. 1, стр. 2",
    rnm=make_rnm(1057, "7707083893", "00106702456001"), fn_number="9999078900000961",
    place="Магазин у дома", kkt_serial="00106702456001", sender_email="noreply@romashka.ru")
CASHIER = Cashier("Иванова А.А.", inn="500100732259")
LONG_NAME = ("Хлеб бородинский нарезной в упаковке, 400 г, производство хлебозавода №1 "
             "города Москвы")
ITEMS = [Item("Молоко 3,2% 1 л", "89.90", 2, vat=VAT.VAT20),
         Item(LONG_NAME, "45.50", "0.5", vat=VAT.VAT10, measure=Measure.KILOGRAM),
         Item("Пакет", "5.00", vat=VAT.NO_VAT)]
PAYMENTS = [Payment.cash("200.00"), Payment.electronic("50.00")]


def receipt(**extra: object) -> PrintableReceipt:
    total = 17980 + 2275 + 500
    op = extra.pop("operation", OperationType.SELL)
    assert isinstance(op, OperationType)
    qr = ReceiptQR(WHEN, total, ORG.fn_number, 71, 1494325660, op).build()
    return PrintableReceipt.build(
        ORG, op, ITEMS, PAYMENTS, receipt_number=12, shift_number=3, datetime=WHEN,
        fd_number=71, fiscal_sign=1494325660, qr=qr, tax_system=TaxSystem.OSN,
        cashier=CASHIER, customer="+79990000000", **extra)  # type: ignore[arg-type]


def assert_fits(layout: Layout) -> None:
    for line in layout.lines:
        if isinstance(line, TextLine):
            assert len(line.text) <= line.columns(WIDTH), line
    for row in layout.text().splitlines():
        if not row.startswith("[QR "):
            assert len(row) <= WIDTH, row
    layout.text().replace("[QR ", "").encode("cp866")  # printable in the printer's code page


RECEIPT_REQUISITES = [
    "КАССОВЫЙ ЧЕК", "ПРИХОД", "ЧЕК №", "СМЕНА №", "04.12.26 16:30", 'ООО "Ромашка"',
    "ИНН                   7707083893", "г. Москва, ул. Ленина", "МЕСТО РАСЧЕТОВ",
    "Магазин у дома", "СНО", "ОСН", "1. Молоко 3,2% 1 л", "2 шт x 89.90", "=179.80",
    "0.5 кг x 45.50", "=22.75", "ПОЛНЫЙ РАСЧЕТ, ТОВАР", "НДС 20%", "=29.97", "НДС 10%",
    "=2.07", "БЕЗ НДС", "ИТОГ", "=207.55", "НАЛИЧНЫМИ", "=157.55", "БЕЗНАЛИЧНЫМИ", "=50.00",
    "ПОЛУЧЕНО", "=200.00", "СДАЧА", "=42.45", "СУММА НДС 20%", "СУММА НДС 10%",
    "СУММА БЕЗ НДС", "=5.00", "КАССИР", "Иванова А.А.", "ИНН КАССИРА", "500100732259",
    "РН ККТ", ORG.rnm, "ЗН ККТ", "00106702456001", "ФН №", "9999078900000961", "ФД №",
    "ФП", "1494325660", "САЙТ ФНС", "www.nalog.gov.ru", "ТЕЛ. ПОКУПАТЕЛЯ", "+79990000000",
    "ЭЛ. АДР. ОТПРАВИТЕЛЯ", "noreply@romashka.ru",
]


def test_receipt_has_every_requisite() -> None:
    layout = layout_receipt(receipt())
    text = layout.text()
    missing = [r for r in RECEIPT_REQUISITES if r not in text]
    assert not missing, text
    assert "КОПИЯ" not in text
    assert_fits(layout)


def test_receipt_qr_is_present_large_enough_and_correct() -> None:
    layout = layout_receipt(receipt())
    qrs = [line for line in layout.lines if isinstance(line, QRLine)]
    assert len(qrs) == 1 and qrs[0].size_mm >= 20
    assert qrs[0].data == ("t=20261204T1630&s=207.55&fn=9999078900000961&i=71&fp=1494325660"
                           "&n=1")
    parsed = ReceiptQR.parse(qrs[0].data)
    assert (parsed.total, parsed.fd_number, parsed.fiscal_sign) == (20755, 71, 1494325660)
    with pytest.raises(ValueError):
        QRLine("x", size_mm=19)


def test_total_line_is_emphasised() -> None:
    line = next(t for t in layout_receipt(receipt()).text_lines if t.text.startswith("ИТОГ"))
    assert line.bold and line.double_height and line.text.endswith("=207.55")
    assert len(line.text) == WIDTH


def test_long_item_name_is_word_wrapped_in_order() -> None:
    text = layout_receipt(receipt()).text()
    rows = text.splitlines()
    start = next(i for i, row in enumerate(rows) if row.startswith("2. Хлеб"))
    words: list[str] = []
    for row in rows[start:]:
        if "кг x" in row:
            break
        assert len(row) <= WIDTH
        words += row.split()
    assert words == ["2.", *LONG_NAME.split()]


@pytest.mark.parametrize("op", list(OperationType))
def test_operation_name_is_printed(op: OperationType) -> None:
    layout = layout_receipt(receipt(operation=op))
    titles = [t.text for t in layout.text_lines if t.bold and t.align is Align.CENTER]
    assert titles[-2:] == ["КАССОВЫЙ ЧЕК", operation_label(op)]
    assert f"&n={int(op)}]" in layout.text()


def test_copy_mark_only_adds_a_line() -> None:
    normal = layout_receipt(receipt()).lines
    copy = layout_receipt(receipt(copy=True)).lines
    assert copy[0] == TextLine("КОПИЯ", Align.CENTER, bold=True)
    assert copy[1:] == normal


def test_correction_receipt() -> None:
    info = CorrectionInfo(CorrectionType.BY_ORDER,
                          CorrectionBasis(dt.date(2026, 11, 30), number="ПР-15/2026"))
    text = layout_receipt(receipt(correction=info)).text()
    for req in ("КАССОВЫЙ ЧЕК КОРРЕКЦИИ", "ПО ПРЕДПИСАНИЮ", "30.11.2026", "ПР-15/2026", "ИТОГ",
                "ФП", "РН ККТ"):
        assert req in text


def test_email_customer_buyer_and_agent_lines() -> None:
    agent_item = Item("Билет в театр на спектакль", "1500.00", vat=VAT.NO_VAT,
                      measure=Measure.PIECE, agent=AgentData(AgentType.COMMISSION_AGENT),
                      supplier=SupplierData(inn="7707083893", name="ООО Театр"))
    qr = ReceiptQR(WHEN, 150000, ORG.fn_number, 72, 1, OperationType.SELL).build()
    r = PrintableReceipt.build(ORG, OperationType.SELL, [agent_item],
                               [Payment.electronic("1500.00")], receipt_number=1,
                               shift_number=1, datetime=WHEN, fd_number=72, fiscal_sign=1,
                               qr=qr, customer="buyer@example.ru",
                               buyer=Buyer(name="ИП Петров", inn="500100732259"))
    layout = layout_receipt(r)
    text = layout.text()
    for req in ("ЭЛ. АДР. ПОКУПАТЕЛЯ", "buyer@example.ru", "ПОКУПАТЕЛЬ", "ИП Петров",
                "ИНН ПОКУПАТЕЛЯ", "ПРИЗНАК АГЕНТА КОМИССИОНЕР", "ПОСТАВЩИК ООО Театр",
                "ИНН ПОСТАВЩИКА"):
        assert req in text
    assert "СДАЧА" not in text
    assert not any(row.startswith("НАЛИЧНЫМИ") for row in text.splitlines())
    assert_fits(layout)


def test_128_char_word_and_long_org_name_fit_32_columns() -> None:
    item = Item("Ж" * 128, "1.00", vat=VAT.VAT20)
    org = OrgInfo(name="Общество с ограниченной ответственностью " + '"Ромашка" ' * 5,
                  inn="7707083893", address="А" * 200, rnm=ORG.rnm, fn_number=ORG.fn_number)
    r = PrintableReceipt.build(org, OperationType.SELL, [item], [Payment.cash("1.00")],
                               receipt_number=1, shift_number=1, datetime=WHEN,
                               fd_number=1, fiscal_sign=2, qr="t=1")
    layout = layout_receipt(r)
    assert_fits(layout)
    assert "".join(layout.text().split()).count("Ж") == 128


# --- reports -------------------------------------------------------------------------------

COUNTERS = ShiftCounters(
    receipts=3, documents=5,
    operations={OperationType.SELL: OperationCounters(
        count=2, total=Decimal("207.55"),
        by_payment={PaymentType.CASH: Decimal("157.55"), PaymentType.ELECTRONIC: Decimal("50")},
        vat={VAT.VAT20: Decimal("29.97")}),
        OperationType.SELL_RETURN: OperationCounters(count=1, total=Decimal("5.00"),
                                                     by_payment={PaymentType.CASH:
                                                                 Decimal("5.00")})})


def test_shift_open_report() -> None:
    layout = layout_shift_report(PrintableShiftReport(
        ORG, opening=True, shift_number=3, datetime=WHEN, fd_number=70, fiscal_sign=123,
        cashier=CASHIER, warnings=FNWarning.OFD_TIMEOUT))
    text = layout.text()
    for req in ("ОТЧЕТ ОБ ОТКРЫТИИ СМЕНЫ", "СМЕНА №", "КАССИР", "ИНН", ORG.rnm, ORG.fn_number,
                "ФД №", "70", "ФП", "123", "04.12.26 16:30", "ПРЕВЫШЕНО ВРЕМЯ ОЖИДАНИЯ",
                "МЕСТО РАСЧЕТОВ", "ФФД", "1.2"):
        assert req in text
    assert_fits(layout)


def test_shift_close_report_prints_counters() -> None:
    layout = layout_shift_report(PrintableShiftReport(
        ORG, opening=False, shift_number=3, datetime=WHEN, fd_number=75, fiscal_sign=9,
        cashier=CASHIER, counters=COUNTERS, unsent_documents=2,
        oldest_unsent=dt.datetime(2026, 12, 1, 10, 0)))
    text = layout.text()
    for req in ("ОТЧЕТ О ЗАКРЫТИИ СМЕНЫ", "ЧЕКОВ ЗА СМЕНУ", "ФД ЗА СМЕНУ", "ПРИХОД",
                "2 ЧЕК.", "=207.55", "НАЛИЧНЫМИ", "=157.55", "СУММА НДС 20%", "=29.97",
                "ВОЗВРАТ ПРИХОДА", "НЕПЕРЕДАННЫХ ФД", "ФД НЕ ПЕРЕДАНЫ С", "01.12.26", "ФП"):
        assert req in text, req
    assert "РАСХОД" not in text.replace("ВОЗВРАТ ПРИХОДА", "")
    assert_fits(layout)


def test_registration_and_reregistration_reports() -> None:
    base = PrintableRegistration(
        ORG, datetime=WHEN, fd_number=1, fiscal_sign=42,
        tax_systems=TaxSystem.OSN | TaxSystem.PATENT,
        work_modes=frozenset({WorkMode.INTERNET, WorkMode.EXCISE}),
        ofd_name='ООО "Такском"', ofd_inn="7704211201", cashier=CASHIER)
    text = layout_registration(base).text()
    for req in ("ОТЧЕТ О РЕГИСТРАЦИИ", "ОСН, ПСН", "РАСЧЕТЫ В ИНТЕРНЕТ", "ПОДАКЦИЗНЫЕ ТОВАРЫ",
                "ОФД", "Такском", "ИНН ОФД", "7704211201", "ФФД ККТ", "ЗН ККТ", ORG.rnm,
                "ФП", "42", "САЙТ ФНС"):
        assert req in text, req
    from dataclasses import replace
    rereg = layout_registration(replace(
        base, reason=ReregistrationReason.FN_REPLACED | ReregistrationReason.OFD_CHANGED))
    text = rereg.text()
    assert "ОТЧЕТ ОБ ИЗМЕНЕНИИ" in text and "ПАРАМЕТРОВ РЕГИСТРАЦИИ" in text
    assert "ЗАМЕНА ФН" in text and "СМЕНА ОФД" in text
    assert_fits(rereg)


def test_state_fn_close_and_x_reports() -> None:
    state = layout_state_report(PrintableStateReport(
        ORG, datetime=WHEN, fd_number=80, fiscal_sign=5, shift_number=3, shift_open=True,
        unsent_documents=4, oldest_unsent=dt.datetime(2026, 11, 20, 9, 0)))
    text = state.text()
    for req in ("ОТЧЕТ О ТЕКУЩЕМ", "СОСТОЯНИИ РАСЧЕТОВ", "НЕПЕРЕДАННЫХ ФД", "4", "20.11.26",
                "ОТКРЫТА", "ФД №", "80", "ФП"):
        assert req in text
    close = layout_fn_close(PrintableFNClose(ORG, datetime=WHEN, fd_number=90, fiscal_sign=6,
                                             cashier=CASHIER)).text()
    assert "ОТЧЕТ О ЗАКРЫТИИ ФН" in close and "ФД №" in close and ORG.rnm in close
    x = layout_x_report(PrintableXReport(ORG, datetime=WHEN, shift_number=3, shift_open=True,
                                         counters=COUNTERS))
    xtext = x.text()
    assert "X-ОТЧЕТ" in xtext and "НЕФИСКАЛЬНЫЙ ДОКУМЕНТ" in xtext and "ЧЕКОВ ЗА СМЕНУ" in xtext
    assert "ФП" not in xtext and "ФД №" not in xtext
    for layout in (state, x):
        assert_fits(layout)


# --- helpers -------------------------------------------------------------------------------


def test_pair_puts_values_at_the_right_edge() -> None:
    assert pair("ИТОГ", "=1.00") == ["ИТОГ" + " " * 23 + "=1.00"]
    long = pair("ЭЛ. АДР. ОТПРАВИТЕЛЯ", "noreply@romashka.ru")
    assert long == ["ЭЛ. АДР. ОТПРАВИТЕЛЯ", "noreply@romashka.ru".rjust(WIDTH)]
    wrapped = pair("МЕСТО РАСЧЕТОВ " + "слово " * 8, "=1.00")
    assert all(len(row) <= WIDTH for row in wrapped) and wrapped[-1].endswith("=1.00")


def test_wrap_splits_words_longer_than_a_line() -> None:
    rows = wrap("а " + "б" * 70 + " в", 32)
    assert rows == ["а", "б" * 32, "б" * 32, "б" * 6 + " в"]
    assert wrap("", 32) == [""]
    assert wrap("один два три", 32, indent=3) == ["один два три"]
    assert wrap("один два три четыре", 10, indent=2) == ["один два", "  три", "  четыре"]


def test_text_line_refuses_overlong_text() -> None:
    with pytest.raises(ValueError):
        TextLine("x" * 33)
    with pytest.raises(ValueError):
        TextLine("x" * 17, double_width=True)
    assert Layout((TextLine("ab", Align.RIGHT), Separator("="))).text() == " " * 30 + "ab\n" + \
        "=" * 32
