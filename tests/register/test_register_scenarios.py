"""Register scenarios over the emulator: results, archived documents, printed text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sigmakkt import Register as PublicRegister
from sigmakkt.protocol.ffd import Document, ReceiptQR
from sigmakkt.protocol.fn.enums import DocumentType
from sigmakkt.register import (
    AgentData,
    AgentType,
    Buyer,
    CorrectionBasis,
    CorrectionType,
    FNPhase,
    Item,
    Measure,
    OperationType,
    Payment,
    ReregistrationReason,
    TaxSystem,
)
from sigmakkt.register.enums import VAT, ItemType, PaymentMethod, operation_label
from sigmakkt.register.models import SupplierData
from sigmakkt.register.register import Register
from tests.register.register_support import (
    CASHIER,
    INN,
    RNM,
    SERIAL,
    START,
    cash,
    milk,
    ready_kkt,
    register_kkt,
)

#: Tags every receipt must hold (KKT-sent and FN-formed; FFD 1.2 receipt table).
RECEIPT_TAGS = {1012, 1018, 1037, 1040, 1041, 1038, 1042, 1054, 1020, 1048, 1009, 1187, 1055,
                1060, 1021, 1031, 1081, 1215, 1216, 1217, 1077, 1059}
ITEM_TAGS_12 = {1030, 1079, 1023, 1043, 1199, 1214, 1212, 2108}


def tags(doc: Document) -> set[int]:
    return {f.tag for f in doc.fields}


def test_public_names_and_emulated_status() -> None:
    assert PublicRegister is Register
    with Register.emulated() as kkt:
        st = kkt.status()
        assert st.phase is FNPhase.READY
        assert not st.registered and not st.shift_open
        assert st.fn_number == kkt.fn_number and len(st.fn_number) == 16
        assert st.last_document_number == 0
        assert st.paper is not None and st.paper.ready
        assert kkt.emulator is not None


def test_registration_report() -> None:
    with Register.emulated(emulator_clock=None) as kkt:
        register_kkt(kkt)
        st = kkt.status()
        assert st.phase is FNPhase.FISCAL and st.registration is not None
        reg = st.registration
        assert (reg.inn, reg.rnm, reg.kkt_serial, reg.ofd_inn) == (INN, RNM, SERIAL, "7704211201")
        assert reg.org_name == 'ООО "Ромашка"' and reg.place == "Магазин № 5"
        doc = kkt.document(1)
        assert doc.doc_type == DocumentType.REGISTRATION
        assert {1048, 1009, 1187, 1013, 1060, 1046, 1021, 1203, 1188, 1189, 1018, 1037, 1062,
                1017, 1209, 1077} <= tags(doc)
        text = kkt.emulator.receipts[-1].text
        for requisite in (INN, RNM, SERIAL, kkt.fn_number, "ФД №", "ФП", "www.nalog.gov.ru"):
            assert requisite in text


def test_registration_is_read_back_on_connect() -> None:
    with ready_kkt(shift=False) as kkt:
        emu = kkt.emulator
        again = Register.connect(emu.fn_url, None, clock=emu.clock)
        try:
            assert again.registration == kkt.registration
        finally:
            again.close()


def test_sale_end_to_end() -> None:
    with ready_kkt() as kkt:
        result = kkt.sell([milk(), Item("Хлеб", "45.50", vat=VAT.VAT10)],
                          [Payment.cash("200.00"), Payment.electronic("45.00")],
                          customer="+79990000000", buyer=Buyer("ООО Покупатель", INN))
        assert result.printed and result.print_error is None
        assert result.total == Decimal("225.30") and result.change == Decimal("19.70")
        assert result.receipt_number == 1 and result.shift_number == 1
        assert result.datetime == START
        assert result.fn_number == kkt.fn_number
        qr = ReceiptQR.parse(result.qr)
        assert (qr.fd_number, qr.fiscal_sign, qr.total) == (
            result.fiscal_document_number, result.fiscal_sign, 22530)
        doc = kkt.document(result.fiscal_document_number)
        assert doc.doc_type == DocumentType.RECEIPT
        assert RECEIPT_TAGS | {1008, 1256} <= tags(doc)
        assert doc.fiscal_sign == result.fiscal_sign
        assert doc.get(1020) == 22530 and doc.get(1054) == 1
        assert doc.get(1031) == 18030 and doc.get(1081) == 4500
        assert doc.get(1102) == 2997 and doc.get(1103) == 414
        for item in doc.items:
            assert {f.tag for f in item.fields} >= ITEM_TAGS_12
        text = kkt.emulator.receipts[-1].text
        for requisite in ("КАССОВЫЙ ЧЕК", "ПРИХОД", "Молоко 3,2% 1 л", "=179.80", "НДС 20%",
                          "ИТОГ", "=225.30", "НАЛИЧНЫМИ", "БЕЗНАЛИЧНЫМИ", "СДАЧА", INN, RNM,
                          kkt.fn_number, "Иванова А.А.", "500100732259", "www.nalog.gov.ru",
                          "+79990000000", "ООО Покупатель", "Магазин № 5",
                          str(result.fiscal_sign), "02.03.26 09:00"):
            assert requisite in text, requisite
        assert f"ФД №{result.fiscal_document_number:>28}" in text


@pytest.mark.parametrize("operation", [OperationType.SELL_RETURN, OperationType.BUY,
                                       OperationType.BUY_RETURN])
def test_other_operations(operation: OperationType) -> None:
    method = {OperationType.SELL_RETURN: Register.sell_return, OperationType.BUY: Register.buy,
              OperationType.BUY_RETURN: Register.buy_return}[operation]
    with ready_kkt() as kkt:
        result = method(kkt, [milk(1)], [Payment.electronic("89.90")])
        assert result.operation is operation and result.printed
        doc = kkt.document(result.fiscal_document_number)
        assert doc.get(1054) == int(operation) and doc.get(1020) == 8990
        assert operation_label(operation) in kkt.emulator.receipts[-1].text


def test_agent_supplier_measure_and_vat22() -> None:
    item = Item("Услуга связи", "100.00", vat=VAT.VAT22, measure=Measure.HOUR,
                payment_method=PaymentMethod.PREPAYMENT, item_type=ItemType.SERVICE,
                agent=AgentData(AgentType.COMMISSION_AGENT, phones=["+79990000001"]),
                supplier=SupplierData(inn="7704211201", name="ООО Связь",
                                      phones=["+79990000002"]))
    with ready_kkt() as kkt:
        result = kkt.sell([item, Item("Вес", "10.00", "1.250", vat=VAT.VAT5,
                                      measure=Measure.KILOGRAM)], cash("112.50"))
        doc = kkt.document(result.fiscal_document_number)
        first, second = doc.items
        assert first.get(1199) == 11 and first.get(1200) == 1803
        assert first.get(2108) == int(Measure.HOUR) and first.get(1222) == 32
        assert first.get(1226) == "7704211201"
        assert {f.tag for f in first.get(1224)} == {1171, 1225}  # type: ignore[union-attr]
        assert second.get(1023) == Decimal("1.250") and second.get(1043) == 1250
        text = kkt.emulator.receipts[-1].text
        assert "НДС 22%" in text and "ООО Связь" in text and "кг" in text


def test_several_tax_systems_need_a_choice() -> None:
    with Register.emulated(emulator_clock=None) as kkt:
        register_kkt(kkt, tax_systems={TaxSystem.OSN, TaxSystem.USN_INCOME})
        kkt.open_shift(CASHIER)
        result = kkt.sell([milk(1)], cash("89.90"), tax_system=TaxSystem.USN_INCOME)
        assert kkt.document(result.fiscal_document_number).get(1055) == 2


@pytest.mark.parametrize("kind", [CorrectionType.SELF, CorrectionType.BY_ORDER])
def test_correction_receipt(kind: CorrectionType) -> None:
    basis = CorrectionBasis(dt.date(2026, 2, 20), "ПР-15" if kind else None)
    with ready_kkt() as kkt:
        result = kkt.correction([milk(1)], cash("89.90"), correction_type=kind, basis=basis)
        assert result.correction_type is kind and result.total == Decimal("89.90")
        doc = kkt.document(result.fiscal_document_number)
        assert doc.doc_type == DocumentType.CORRECTION_RECEIPT
        assert {1173, 1174} | RECEIPT_TAGS <= tags(doc)
        assert doc.get(1173) == int(kind)
        base = {f.tag: f.value for f in doc.get(1174)}  # type: ignore[union-attr]
        assert base[1178] == dt.datetime(2026, 2, 20)
        assert (1179 in base) == (kind is CorrectionType.BY_ORDER)
        text = kkt.emulator.receipts[-1].text
        assert "КАССОВЫЙ ЧЕК КОРРЕКЦИИ" in text and "20.02.2026" in text


def test_shift_reports_and_counters() -> None:
    with ready_kkt() as kkt:
        kkt.sell([milk()], cash())
        kkt.sell_return([milk(1)], cash("89.90"))
        x = kkt.x_report()
        assert x.printed and x.fiscal_document_number is None and x.counters is not None
        sells = x.counters.operations[OperationType.SELL]
        assert sells.count == 1 and sells.total == Decimal("179.80")
        x_text = kkt.emulator.receipts[-1].text
        assert "X-ОТЧЕТ" in x_text and "НЕФИСКАЛЬНЫЙ ДОКУМЕНТ" in x_text and "=179.80" in x_text
        state = kkt.state_report()
        assert state.fiscal_document_number == 5
        assert kkt.document(5).doc_type == DocumentType.STATE_REPORT
        closed = kkt.close_shift()
        assert closed.shift_number == 1 and closed.counters is not None
        assert closed.counters.receipts == 2
        close_doc = kkt.document(closed.fiscal_document_number)
        assert close_doc.doc_type == DocumentType.SHIFT_CLOSE
        common = {1012, 1018, 1037, 1038, 1040, 1041, 1048, 1009, 1187, 1021, 1203, 1077}
        assert common | {1111, 1118, 1097} <= tags(close_doc)
        assert common <= tags(kkt.document(2))       # the shift-open report
        assert close_doc.get(1118) == 2
        text = kkt.emulator.receipts[-1].text
        assert "ЗАКРЫТИ" in text and "=179.80" in text
        st = kkt.status()
        assert not st.shift_open and st.last_document_number == closed.fiscal_document_number
        again = kkt.open_shift(CASHIER)
        assert again.shift_number == 2


def test_shift_over_24_hours_can_be_closed() -> None:
    with ready_kkt() as kkt:
        kkt.emulator.clock.advance(hours=25)
        assert kkt.status().shift_expired
        kkt.close_shift()
        kkt.open_shift(CASHIER)
        assert kkt.sell([milk()], cash()).shift_number == 2


def test_reregistration_and_close_fn() -> None:
    with ready_kkt(shift=False) as kkt:
        result = kkt.reregister(ReregistrationReason.ADDRESS_OR_PLACE_CHANGED,
                                address="г. Москва, ул. Мира, д. 2")
        assert result.reason is ReregistrationReason.ADDRESS_OR_PLACE_CHANGED
        doc = kkt.document(result.fiscal_document_number)
        assert doc.doc_type == DocumentType.REREGISTRATION
        assert doc.get(1009) == "г. Москва, ул. Мира, д. 2" and doc.get(1205) == 8
        assert kkt.registration is not None
        assert kkt.registration.address == "г. Москва, ул. Мира, д. 2"
        kkt.ofd_exchange()
        closed = kkt.close_fn(CASHIER)
        assert kkt.document(closed.fiscal_document_number).doc_type == DocumentType.FN_CLOSE
        assert kkt.status().phase is not FNPhase.FISCAL


def test_ffd_105_flow() -> None:
    with ready_kkt(ffd="1.05") as kkt:
        assert kkt.registration is not None
        assert kkt.registration.ffd.label == "1.05"
        result = kkt.sell([Item("Молоко", "89.90", vat=VAT.VAT20, measure="шт")], cash("89.90"))
        doc = kkt.document(result.fiscal_document_number)
        assert doc.get(1054) == 1 and doc.get(1020) == 8990
        assert doc.items[0].get(1197) == "шт" and doc.items[0].get(2108) is None
        corr = kkt.correction([milk(1)], cash("89.90"), correction_type=CorrectionType.SELF,
                              basis=CorrectionBasis(dt.date(2026, 2, 1), name="Акт"))
        cdoc = kkt.document(corr.fiscal_document_number)
        assert cdoc.items == [] and cdoc.get(1173) == 0


def test_documents_range_and_ofd_exchange() -> None:
    with ready_kkt() as kkt:
        kkt.sell([milk()], cash())
        kkt.emulator.clock.advance(hours=1)
        kkt.sell([milk()], cash())
        docs = list(kkt.documents())
        assert [d.get(1040) for d in docs] == [1, 2, 3, 4]
        later = list(kkt.documents(since=START + dt.timedelta(minutes=30)))
        assert [d.get(1040) for d in later] == [4]
        assert kkt.status().unsent_documents == 4
        kkt.ofd_exchange()
        assert kkt.status().unsent_documents == 0


def test_electronic_receipt_is_not_printed() -> None:
    with ready_kkt() as kkt:
        pages = len(kkt.emulator.receipts)
        result = kkt.sell([milk()], cash(), customer="buyer@example.ru", electronically=True)
        assert not result.printed and "electronically" in (result.print_error or "")
        assert len(kkt.emulator.receipts) == pages
        assert kkt.pending_prints == []


def test_sale_over_tcp() -> None:
    with ready_kkt(transport="tcp") as kkt:
        assert kkt.emulator.fn_url.startswith("tcp://")
        result = kkt.sell([milk()], cash())
        assert result.printed and result.receipt_number == 1
        assert kkt.document(result.fiscal_document_number).fiscal_sign == result.fiscal_sign


def test_threads_take_turns() -> None:
    import threading

    with ready_kkt() as kkt:
        results: list[int] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                for _ in range(5):
                    results.append(kkt.sell([milk()], cash()).fiscal_document_number)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sorted(results) == list(range(3, 18))
