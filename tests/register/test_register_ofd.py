"""OFD exchange through the Register: one pass, the 30-day rule end to end, the status warning
and the background sender owned by the Register."""

from __future__ import annotations

import pytest

from sigmakkt import FNError, ValidationError
from sigmakkt.register import Payment
from tests.register.register_support import CASHIER, milk, ready_kkt


def test_one_pass_empties_the_queue_and_the_ofd_holds_each_document_once() -> None:
    with ready_kkt() as kkt:
        for _ in range(3):
            kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        before = kkt.status()
        assert before.unsent_documents == 5  # registration, shift open, 3 receipts
        report = kkt.ofd_exchange()
        assert report.acknowledged == [1, 2, 3, 4, 5]
        after = kkt.status()
        assert after.unsent_documents == 0 and after.oldest_unsent is None
        stored = kkt.emulator.ofd.documents()
        assert sorted(d.fd_number for d in stored) == [1, 2, 3, 4, 5]
        for d in stored:
            assert d.stlv == kkt.document(d.fd_number).to_bytes()


def test_thirty_day_rule_end_to_end() -> None:
    with ready_kkt() as kkt:
        kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        kkt.close_shift(CASHIER)
        kkt.emulator.clock.advance(days=31)
        status = kkt.status()
        assert status.ofd_days_left is not None and status.ofd_days_left < 0
        assert status.ofd_warning is not None and "OFD exchange" in status.ofd_warning
        with pytest.raises(FNError) as err:
            kkt.open_shift(CASHIER)
        assert err.value.code == 0x14
        assert "OFD" in str(err.value)
        kkt.ofd_exchange()
        assert kkt.status().ofd_warning is None
        kkt.open_shift(CASHIER)
        receipt = kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        assert receipt.printed


def test_status_warns_only_inside_the_threshold() -> None:
    with ready_kkt() as kkt:
        kkt.emulator.clock.advance(days=20)
        assert kkt.status().ofd_warning is None  # 10 days left, threshold 5
        kkt.emulator.clock.advance(days=6)
        status = kkt.status()
        assert status.ofd_days_left is not None and 3 < status.ofd_days_left < 5
        assert status.ofd_warning is not None and "days left" in status.ofd_warning


def test_background_sender_delivers_and_stops_with_close() -> None:
    with ready_kkt() as kkt:
        sender = kkt.start_ofd_sender(interval=0.05)
        kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        sender.trigger()
        assert sender.wait_passes(3, timeout=10)
        assert kkt.status().unsent_documents == 0
        with pytest.raises(ValidationError, match="already running"):
            kkt.start_ofd_sender()
        assert sender.running
    assert not sender.running  # close() stopped and joined it


def test_emulator_store_streams_the_archive_in_fd_order() -> None:
    with ready_kkt() as kkt:
        kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        blobs = list(kkt.emulator.fn.store.iter_tlv())
        assert blobs == [kkt.document(n).to_bytes() for n in (1, 2, 3)]


def test_exchange_reports_progress_per_document() -> None:
    with ready_kkt() as kkt:
        kkt.sell([milk()], [Payment.cash("200.00")], cashier=CASHIER)
        seen: list[tuple[int, int]] = []
        kkt.ofd_exchange(progress=lambda done, total: seen.append((done, total)))
        assert seen == [(1, 3), (2, 3), (3, 3)]
