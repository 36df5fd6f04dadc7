"""Lay fiscal documents out on 32-character lines, with every requisite the law asks to print.

Printed requisites of a receipt follow 54-ФЗ art. 4.7 п. 1 and the "печатная форма" columns of the
FFD tables (tax-service order ММВ-7-20/229@ and revisions): document name and settlement sign,
receipt number in the shift, shift number, date and time, organisation name, INN, settlement
address and place, tax system, items (name, quantity, unit, price, total, payment method, item
type, VAT rate and sum), total, sums by payment form, VAT sums per rate, cashier and cashier INN,
RNM, KKT serial, FN number, FD number, fiscal sign (ФП), FNS site, buyer contact when given, the
sender e-mail when set, and a QR code of at least 20 × 20 mm whose payload is described in
:class:`sigmakkt.protocol.ffd.ReceiptQR`. Reports (registration, shift open/close, state, FN
close) print the requisites of their FFD tables; the X report is not fiscal and says so.

Inputs are the ``Printable*`` dataclasses of :mod:`.printable` (re-exported here); the output is
a :class:`~.lines.Layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FNWarning,
    OperationType,
    PaymentType,
    ReregistrationReason,
    WorkMode,
    item_type_label,
    operation_label,
    payment_method_label,
    tax_system_label,
    vat_label,
)
from sigmakkt.register.lines import (
    WIDTH,
    Align,
    FeedLine,
    Layout,
    PrintLine,
    QRLine,
    Separator,
    TextLine,
    pair,
    wrap,
)
from sigmakkt.register.models import Cashier, ShiftCounters
from sigmakkt.register.money import format_quantity, format_rubles, to_kopecks
from sigmakkt.register.printable import (
    FNS_SITE,
    CorrectionInfo,
    OrgInfo,
    PrintableFNClose,
    PrintableItem,
    PrintableReceipt,
    PrintableRegistration,
    PrintableShiftReport,
    PrintableStateReport,
    PrintableXReport,
)

__all__ = [
    "FNS_SITE",
    "CorrectionInfo",
    "OrgInfo",
    "PrintableFNClose",
    "PrintableItem",
    "PrintableReceipt",
    "PrintableRegistration",
    "PrintableShiftReport",
    "PrintableStateReport",
    "PrintableXReport",
    "layout_fn_close",
    "layout_receipt",
    "layout_registration",
    "layout_shift_report",
    "layout_state_report",
    "layout_x_report",
]

# --- building blocks -----------------------------------------------------------------------


def _t(text: str, align: Align = Align.LEFT, *, bold: bool = False,
       double_height: bool = False) -> TextLine:
    return TextLine(text, align, bold=bold, double_height=double_height)


def _pairs(left: str, right: str, *, bold: bool = False,
           double_height: bool = False) -> list[PrintLine]:
    if not right:
        return _wrapped(left, bold=bold)
    return [_t(line, bold=bold, double_height=double_height) for line in pair(left, right)]


def _wrapped(text: str, align: Align = Align.LEFT, *, bold: bool = False,
             indent: int = 0) -> list[PrintLine]:
    return [_t(line, align, bold=bold) for line in wrap(text, WIDTH, indent)]


def _money(kopecks: int) -> str:
    return "=" + format_rubles(kopecks)


def _when(moment: dt.datetime) -> str:
    return f"{moment:%d.%m.%y %H:%M}"


def _title(*names: str) -> list[PrintLine]:
    out: list[PrintLine] = [Separator()]
    for name in names:
        out.extend(_t(line, Align.CENTER, bold=True) for line in wrap(name))
    return out


def _header(org: OrgInfo, copy: bool) -> list[PrintLine]:
    out: list[PrintLine] = []
    if copy:
        out.append(_t("КОПИЯ", Align.CENTER, bold=True))
    out += _wrapped(org.name, Align.CENTER, bold=True)
    out += _wrapped(org.address, Align.CENTER)
    if org.place:
        out += _pairs("МЕСТО РАСЧЕТОВ", org.place)
    out += _pairs("ИНН", org.inn)
    return out


def _cashier(cashier: Cashier | None) -> list[PrintLine]:
    if cashier is None:
        return []
    out = _pairs("КАССИР", cashier.name)
    if cashier.inn:
        out += _pairs("ИНН КАССИРА", cashier.inn)
    return out


def _fiscal_footer(org: OrgInfo, fd_number: int, fiscal_sign: int,
                   moment: dt.datetime) -> list[PrintLine]:
    out: list[PrintLine] = [Separator()]
    out += _pairs("РН ККТ", org.rnm)
    if org.kkt_serial:
        out += _pairs("ЗН ККТ", org.kkt_serial)
    out += _pairs("ФН №", org.fn_number)
    out += _pairs("ФД №", str(fd_number))
    out += _pairs("ФП", str(fiscal_sign))
    out += _pairs("ДАТА ВРЕМЯ", _when(moment))
    out += _pairs("САЙТ ФНС", org.fns_site)
    return out


_WARNING_TEXT = {
    FNWarning.URGENT_REPLACEMENT: "НЕОБХОДИМА СРОЧНАЯ ЗАМЕНА ФН",
    FNWarning.RESOURCE_EXHAUSTION: "РЕСУРС ФН ЗАКАНЧИВАЕТСЯ",
    FNWarning.MEMORY_FULL: "ПАМЯТЬ ФН ЗАПОЛНЕНА",
    FNWarning.OFD_TIMEOUT: "ПРЕВЫШЕНО ВРЕМЯ ОЖИДАНИЯ ОТВЕТА ОФД",
}


def _warnings(flags: FNWarning) -> list[PrintLine]:
    out: list[PrintLine] = []
    for flag, text in _WARNING_TEXT.items():
        if flag in flags:
            out += _wrapped(text, bold=True)
    return out


def _unsent(count: int, oldest: dt.datetime | None) -> list[PrintLine]:
    out = _pairs("НЕПЕРЕДАННЫХ ФД", str(count))
    if count and oldest is not None:
        out += _pairs("ФД НЕ ПЕРЕДАНЫ С", f"{oldest:%d.%m.%y}")
    return out


def _vat_total_label(vat: VAT) -> str:
    if vat is VAT.VAT0:
        return "СУММА С НДС 0%"
    if vat is VAT.NO_VAT:
        return "СУММА БЕЗ НДС"
    return "СУММА " + vat_label(vat)


def _counters(counters: ShiftCounters) -> list[PrintLine]:
    out = _pairs("ЧЕКОВ ЗА СМЕНУ", str(counters.receipts))
    out += _pairs("ФД ЗА СМЕНУ", str(counters.documents))
    for op in OperationType:
        block = counters.operations.get(op)
        if block is None or not block.count:
            continue
        out += _pairs(operation_label(op), f"{block.count} ЧЕК.", bold=True)
        out += _pairs("СУММА", _money(to_kopecks(block.total)))
        for kind in PaymentType:
            amount = block.by_payment.get(kind)
            if amount:
                out += _pairs(kind.label, _money(to_kopecks(amount)))
        for vat in VAT:
            amount = block.vat.get(vat)
            if amount:
                out += _pairs(_vat_total_label(vat), _money(to_kopecks(amount)))
    if counters.corrections:
        out += _pairs("ЧЕКОВ КОРРЕКЦИИ", str(counters.corrections))
        out += _pairs("СУММА КОРРЕКЦИЙ", _money(to_kopecks(counters.corrections_total)))
    return out


def _indented(text: str) -> list[PrintLine]:
    return [_t("   " + line) for line in wrap(text, WIDTH - 3)]


def _item(number: int, item: PrintableItem) -> list[PrintLine]:
    out = _wrapped(f"{number}. {item.name}", indent=3)
    qty = f"{format_quantity(item.quantity)} {item.measure} x {format_rubles(item.price)}"
    out += _pairs("   " + qty, _money(item.total))
    out += _indented(f"{payment_method_label(item.payment_method)}, "
                     f"{item_type_label(item.item_type)}")
    if item.vat in (VAT.VAT0, VAT.NO_VAT):
        out += _indented(vat_label(item.vat))
    else:
        out += _pairs("   " + vat_label(item.vat), _money(item.vat_amount))
    if item.agent_type is not None:
        out += _indented(f"ПРИЗНАК АГЕНТА {_agent_label(item.agent_type)}")
    if item.supplier_name:
        out += _indented(f"ПОСТАВЩИК {item.supplier_name}")
    if item.supplier_inn:
        out += _pairs("   ИНН ПОСТАВЩИКА", item.supplier_inn)
    return out


_AGENT_LABEL = {
    AgentType.BANK_PAYING_AGENT: "БАНК. ПЛ. АГЕНТ", AgentType.BANK_PAYING_SUBAGENT:
    "БАНК. ПЛ. СУБАГЕНТ", AgentType.PAYING_AGENT: "ПЛ. АГЕНТ", AgentType.PAYING_SUBAGENT:
    "ПЛ. СУБАГЕНТ", AgentType.ATTORNEY: "ПОВЕРЕННЫЙ", AgentType.COMMISSION_AGENT: "КОМИССИОНЕР",
    AgentType.ANOTHER: "АГЕНТ",
}


def _agent_label(agent: AgentType) -> str:
    return ", ".join(text for flag, text in _AGENT_LABEL.items() if flag in agent)


def _qr_and_end(qr: str) -> list[PrintLine]:
    return [QRLine(qr), FeedLine()]


# --- documents -----------------------------------------------------------------------------


def layout_receipt(receipt: PrintableReceipt) -> Layout:
    """Lay out a receipt or correction receipt."""
    r = receipt
    out = _header(r.org, r.copy)
    if r.correction is None:
        out += _title("КАССОВЫЙ ЧЕК", operation_label(r.operation))
    else:
        out += _title("КАССОВЫЙ ЧЕК КОРРЕКЦИИ", operation_label(r.operation))
    out += _pairs("ЧЕК №", str(r.receipt_number))
    out += _pairs("СМЕНА №", str(r.shift_number))
    out += _pairs("ДАТА ВРЕМЯ", _when(r.datetime))
    out += _cashier(r.cashier)
    if r.correction is not None:
        c = r.correction
        how = "САМОСТОЯТЕЛЬНО" if c.correction_type is CorrectionType.SELF else "ПО ПРЕДПИСАНИЮ"
        out += _pairs("ТИП КОРРЕКЦИИ", how)
        if c.basis is not None:
            out += _pairs("ДАТА ДОК. ОСНОВАНИЯ", f"{c.basis.date:%d.%m.%Y}")
            if c.basis.number:
                out += _pairs("НОМЕР ПРЕДПИСАНИЯ", c.basis.number)
            if c.basis.name:
                out += _wrapped(f"ОСНОВАНИЕ {c.basis.name}")
    out.append(Separator())
    for number, item in enumerate(r.items, 1):
        out += _item(number, item)
    out.append(Separator())
    out += _pairs("ИТОГ", _money(r.total), bold=True, double_height=True)
    for kind in PaymentType:   # the fiscal sums (tags 1031 …): cash net of the change
        amount = r.payments.get(kind) - (r.change if kind is PaymentType.CASH else 0)
        if amount:
            out += _pairs(kind.label, _money(amount))
    if r.change:
        out += _pairs("ПОЛУЧЕНО", _money(r.payments.cash))
        out += _pairs("СДАЧА", _money(r.change))
    for entry in r.vat:
        if entry.vat in (VAT.VAT0, VAT.NO_VAT):
            out += _pairs(_vat_total_label(entry.vat), _money(entry.base))
        else:
            out += _pairs(_vat_total_label(entry.vat), _money(entry.amount))
    if r.tax_system is not None:
        out += _pairs("СНО", tax_system_label(r.tax_system))
    if r.customer:
        label = "ЭЛ. АДР. ПОКУПАТЕЛЯ" if "@" in r.customer else "ТЕЛ. ПОКУПАТЕЛЯ"
        out += _pairs(label, r.customer)
    if r.buyer is not None:
        if r.buyer.name:
            out += _pairs("ПОКУПАТЕЛЬ", r.buyer.name)
        if r.buyer.inn:
            out += _pairs("ИНН ПОКУПАТЕЛЯ", r.buyer.inn)
    if r.org.sender_email:
        out += _pairs("ЭЛ. АДР. ОТПРАВИТЕЛЯ", r.org.sender_email)
    out += _fiscal_footer(r.org, r.fd_number, r.fiscal_sign, r.datetime)
    out.append(QRLine(r.qr))
    for note in r.notes:
        out += _wrapped(note, Align.CENTER)
    out.append(FeedLine())
    return Layout(tuple(out))


def layout_shift_report(report: PrintableShiftReport) -> Layout:
    """Lay out a shift-open or shift-close report."""
    r = report
    out = _header(r.org, r.copy)
    out += _title("ОТЧЕТ ОБ ОТКРЫТИИ СМЕНЫ" if r.opening else "ОТЧЕТ О ЗАКРЫТИИ СМЕНЫ")
    out += _pairs("СМЕНА №", str(r.shift_number))
    out += _cashier(r.cashier)
    if not r.opening:
        if r.counters is not None:
            out += _counters(r.counters)
        out += _unsent(r.unsent_documents, r.oldest_unsent)
    out += _warnings(r.warnings)
    out += _pairs("ФФД", r.ffd.label)
    out += _fiscal_footer(r.org, r.fd_number, r.fiscal_sign, r.datetime)
    out.append(FeedLine())
    return Layout(tuple(out))


_MODE_TEXT = {
    WorkMode.ENCRYPTION: "ШИФРОВАНИЕ", WorkMode.AUTONOMOUS: "АВТОНОМНЫЙ РЕЖИМ",
    WorkMode.AUTOMATIC: "АВТОМАТИЧЕСКИЙ РЕЖИМ", WorkMode.SERVICES: "РАСЧЕТЫ ЗА УСЛУГИ",
    WorkMode.BSO: "БСО", WorkMode.INTERNET: "РАСЧЕТЫ В ИНТЕРНЕТ",
    WorkMode.CATERING: "ОБЩЕСТВЕННОЕ ПИТАНИЕ", WorkMode.WHOLESALE: "ОПТОВАЯ ТОРГОВЛЯ",
    WorkMode.EXCISE: "ПОДАКЦИЗНЫЕ ТОВАРЫ", WorkMode.GAMBLING: "АЗАРТНЫЕ ИГРЫ",
    WorkMode.LOTTERY: "ЛОТЕРЕИ", WorkMode.PRINTER_IN_AUTOMAT: "ПРИНТЕР В АВТОМАТЕ",
    WorkMode.MARKING: "МАРКИРОВАННЫЕ ТОВАРЫ", WorkMode.PAWNSHOP: "ЛОМБАРД",
    WorkMode.INSURANCE: "СТРАХОВАНИЕ", WorkMode.VENDING: "ККТ В АВТОМАТЕ",
}

_REASON_TEXT = {
    ReregistrationReason.FN_REPLACED: "ЗАМЕНА ФН",
    ReregistrationReason.OFD_CHANGED: "СМЕНА ОФД",
    ReregistrationReason.USER_NAME_CHANGED: "ИЗМЕНЕНИЕ НАИМЕНОВАНИЯ ПОЛЬЗОВАТЕЛЯ",
    ReregistrationReason.ADDRESS_OR_PLACE_CHANGED: "ИЗМЕНЕНИЕ АДРЕСА (МЕСТА) РАСЧЕТОВ",
    ReregistrationReason.AUTONOMOUS_TO_ONLINE: "ПЕРЕВОД В РЕЖИМ ПЕРЕДАЧИ ДАННЫХ",
    ReregistrationReason.ONLINE_TO_AUTONOMOUS: "ПЕРЕВОД В АВТОНОМНЫЙ РЕЖИМ",
    ReregistrationReason.KKT_VERSION_CHANGED: "ИЗМЕНЕНИЕ ВЕРСИИ МОДЕЛИ ККТ",
    ReregistrationReason.TAX_SYSTEMS_CHANGED: "ИЗМЕНЕНИЕ СНО",
    ReregistrationReason.AUTOMAT_NUMBER_CHANGED: "ИЗМЕНЕНИЕ НОМЕРА АВТОМАТА",
    ReregistrationReason.OTHER: "ИНЫЕ ПРИЧИНЫ",
}


def _lines_of(items: Iterable[str]) -> list[PrintLine]:
    out: list[PrintLine] = []
    for text in items:
        out += _wrapped(text)
    return out


def layout_registration(report: PrintableRegistration) -> Layout:
    """Lay out a registration report or a report on changed registration data."""
    r = report
    out = _header(r.org, r.copy)
    if r.reason is None:
        out += _title("ОТЧЕТ О РЕГИСТРАЦИИ")
    else:
        out += _title("ОТЧЕТ ОБ ИЗМЕНЕНИИ", "ПАРАМЕТРОВ РЕГИСТРАЦИИ")
        out += _lines_of(text for flag, text in _REASON_TEXT.items() if flag in r.reason)
    out += _cashier(r.cashier)
    out += _pairs("СНО", tax_system_label(r.tax_systems))
    out += _lines_of(text for mode, text in _MODE_TEXT.items() if mode in r.work_modes)
    if r.ofd_name:
        out += _pairs("ОФД", r.ofd_name)
    if r.ofd_inn:
        out += _pairs("ИНН ОФД", r.ofd_inn)
    if r.org.sender_email:
        out += _pairs("ЭЛ. АДР. ОТПРАВИТЕЛЯ", r.org.sender_email)
    out += _pairs("ФФД ККТ", r.ffd.label)
    if r.kkt_version:
        out += _pairs("ВЕРСИЯ ККТ", r.kkt_version)
    out += _fiscal_footer(r.org, r.fd_number, r.fiscal_sign, r.datetime)
    out.append(FeedLine())
    return Layout(tuple(out))


def layout_state_report(report: PrintableStateReport) -> Layout:
    """Lay out a current-state report."""
    r = report
    out = _header(r.org, r.copy)
    out += _title("ОТЧЕТ О ТЕКУЩЕМ", "СОСТОЯНИИ РАСЧЕТОВ")
    out += _cashier(r.cashier)
    out += _pairs("СМЕНА №", str(r.shift_number))
    out += _pairs("СМЕНА", "ОТКРЫТА" if r.shift_open else "ЗАКРЫТА")
    out += _unsent(r.unsent_documents, r.oldest_unsent)
    out += _warnings(r.warnings)
    out += _fiscal_footer(r.org, r.fd_number, r.fiscal_sign, r.datetime)
    out.append(FeedLine())
    return Layout(tuple(out))


def layout_fn_close(report: PrintableFNClose) -> Layout:
    """Lay out the report on closing the FN."""
    r = report
    out = _header(r.org, r.copy)
    out += _title("ОТЧЕТ О ЗАКРЫТИИ ФН")
    out += _cashier(r.cashier)
    out += _fiscal_footer(r.org, r.fd_number, r.fiscal_sign, r.datetime)
    out.append(FeedLine())
    return Layout(tuple(out))


def layout_x_report(report: PrintableXReport) -> Layout:
    """Lay out an X report (counters without closing the shift; not a fiscal document)."""
    r = report
    out = _header(r.org, False)
    out += _title("X-ОТЧЕТ", "НЕФИСКАЛЬНЫЙ ДОКУМЕНТ")
    out += _cashier(r.cashier)
    out += _pairs("СМЕНА №", str(r.shift_number))
    out += _pairs("СМЕНА", "ОТКРЫТА" if r.shift_open else "ЗАКРЫТА")
    out += _counters(r.counters)
    out += _unsent(r.unsent_documents, r.oldest_unsent)
    out.append(Separator())
    out += _pairs("РН ККТ", r.org.rnm)
    out += _pairs("ФН №", r.org.fn_number)
    out += _pairs("ДАТА ВРЕМЯ", _when(r.datetime))
    out.append(FeedLine())
    return Layout(tuple(out))
