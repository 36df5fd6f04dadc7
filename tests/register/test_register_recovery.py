"""Lost answers during a sale: one signed receipt or a typed error, never two receipts."""

from __future__ import annotations

import pytest

from sigmakkt.errors import DocumentNotSigned, OutcomeUnknown
from sigmakkt.fn.deadlines import DeadlineTable
from sigmakkt.protocol.fn.commands import BEGIN_RECEIPT, GET_STATUS, DateTimeRequest
from sigmakkt.protocol.fn.enums import DocumentCode, DocumentType
from sigmakkt.register import Item
from sigmakkt.register.enums import VAT
from sigmakkt.register.register import Register
from tests.register.register_support import FAST, FrameLog, cash, milk, ready_kkt

#: A sale big enough for four 07h frames (each item STLV ~170 bytes, frames ≤ 1536 bytes).
BIG = [Item(f"Товар номер {i:03d} " + "с длинным названием " * 5, "10.00", vat=VAT.VAT20)
       for i in range(30)]


def _receipts(kkt: Register) -> list[int]:
    return [d.get(1040) for d in kkt.documents()  # type: ignore[misc]
            if d.doc_type == DocumentType.RECEIPT]


def _count_07h() -> int:
    with ready_kkt() as kkt:
        log = FrameLog(kkt)
        kkt.sell(BIG, cash("300.00"))
        log.close()
        return log.codes.count(0x07)


def test_big_sale_takes_several_frames() -> None:
    assert _count_07h() == 4


CASES = [(0x15, 1)] + [(0x07, n) for n in range(1, 5)] + [(0x16, 1)]


@pytest.mark.parametrize(("command", "nth"), CASES,
                         ids=[f"{c:02X}h#{n}" for c, n in CASES])
def test_lost_answer_never_duplicates(command: int, nth: int) -> None:
    options = {"fn_options": {"deadlines": FAST, "enq_retries": 0}}
    with ready_kkt(**options) as kkt:
        before = _receipts(kkt)
        kkt.emulator.faults.drop_next_answer(command=command, nth=nth)
        try:
            result = kkt.sell(BIG, cash("300.00"))
        except DocumentNotSigned:
            assert command != 0x16   # the FN signs at 16h: a lost 16h answer means signed
            signed = []
        else:
            assert command == 0x16
            assert result.total == 300 and result.printed
            signed = [result.fiscal_document_number]
            doc = kkt.document(result.fiscal_document_number)
            assert doc.fiscal_sign == result.fiscal_sign
            assert kkt.emulator.receipts[-1].text.count("ФД №") == 1
        assert kkt.emulator.faults.log == [f"drop {command:02X}h"]
        after = _receipts(kkt)
        assert after[len(before):] == signed
        assert kkt._fn.execute(GET_STATUS).document == DocumentCode.NONE
        nxt = kkt.sell([milk()], cash())
        assert _receipts(kkt)[-1] == nxt.fiscal_document_number
        assert len(_receipts(kkt)) == len(before) + len(signed) + 1


def test_enq_recovers_a_lost_answer_transparently() -> None:
    with ready_kkt(fn_options={"deadlines": FAST}) as kkt:
        kkt.emulator.faults.drop_next_answer(command=0x16)
        result = kkt.sell([milk()], cash())
        assert result.printed and kkt._fn.enq_count >= 1
        assert len(_receipts(kkt)) == 1


def test_link_down_leaves_outcome_unknown_then_recovers() -> None:
    fast = DeadlineTable({0x16: 0.3, 0x30: 0.3})
    with ready_kkt(fn_options={"deadlines": fast, "enq_retries": 0}) as kkt:
        kkt.emulator.faults.drop_next_answer(command=0x16)
        for nth in (2, 3, 4):   # 30h #1 is the sale's own; the recovery's three are lost
            kkt.emulator.faults.drop_next_answer(command=0x30, nth=nth)
        with pytest.raises(OutcomeUnknown):
            kkt.sell([milk()], cash())
        assert len(_receipts(kkt)) == 1      # it had been signed; not repeated
        assert kkt.sell([milk()], cash()).receipt_number == 2


def test_document_left_open_is_cancelled_on_connect() -> None:
    with ready_kkt() as kkt:
        emu = kkt.emulator
        kkt._fn.execute(BEGIN_RECEIPT, DateTimeRequest(emu.clock.now()))
        assert kkt._fn.execute(GET_STATUS).document == DocumentCode.RECEIPT
        again = Register.connect(emu.fn_url, None, clock=emu.clock)
        try:
            assert again._fn.execute(GET_STATUS).document == DocumentCode.NONE
            assert again.sell([milk()], cash()).receipt_number == 1
        finally:
            again.close()


@pytest.mark.parametrize("command", [0x07, 0x16])
def test_power_cut_during_sale(command: int) -> None:
    with ready_kkt(fn_options={"deadlines": FAST, "enq_retries": 0}) as kkt:
        kkt.emulator.faults.power_cut_after(command)
        if command == 0x16:
            result = kkt.sell([milk()], cash())
            assert kkt.document(result.fiscal_document_number).fiscal_sign == result.fiscal_sign
            expected = 1
        else:
            with pytest.raises(DocumentNotSigned):
                kkt.sell([milk()], cash())
            expected = 0
        assert len(_receipts(kkt)) == expected
        kkt.sell([milk()], cash())
        assert len(_receipts(kkt)) == expected + 1
