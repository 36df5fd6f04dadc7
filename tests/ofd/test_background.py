"""The background sender: periodic passes, shared FN under the caller's lock, clean stop."""

from __future__ import annotations

import threading

from sigmakkt.errors import OFDUnavailable
from sigmakkt.ofd import BackgroundSender, ExchangeReport, read_queue_status
from sigmakkt_emulator.ofd import OFDServer

from .kkt import KKT

FAST = {"timeout": 0.5, "attempts": 2, "backoff": 0.0}


def test_passes_deliver_documents_made_meanwhile(kkt: KKT, server: OFDServer) -> None:
    lock = threading.RLock()
    reports: list[ExchangeReport] = []
    sender = BackgroundSender(kkt.fn, *server.address, interval=30.0, lock=lock,
                              on_report=reports.append, **FAST)
    with sender:
        assert sender.wait_passes(1, timeout=5)
        assert server.count() == 13
        with lock:  # build a shift's documents while the sender waits
            kkt.open_shift()
            kkt.receipt()
            kkt.receipt()
        sender.trigger()
        assert sender.wait_passes(2, timeout=5)
        assert sender.running
    assert not sender.running  # stop() joined the thread
    assert [r.acknowledged for r in reports[:2]] == [list(range(1, 14)), [14, 15, 16]]
    assert server.count() == 16 and read_queue_status(kkt.fn).queued == 0


def test_a_pass_never_interleaves_with_a_document(kkt: KKT, server: OFDServer) -> None:
    lock = threading.Lock()
    with BackgroundSender(lambda: kkt.fn, *server.address, interval=30.0, lock=lock,
                          **FAST) as sender:
        assert sender.wait_passes(1, timeout=5)
        with lock:
            kkt.open_shift()
            kkt.begin_receipt()  # a document is being built ...
            sender.trigger()
            assert not sender.wait_passes(2, timeout=0.3)  # ... so no pass runs
            assert server.count() == 13
            kkt.call(0x06)  # cancel it
        assert sender.wait_passes(2, timeout=5)
    assert server.count() == 14  # the shift-open report went out after the lock was freed


def test_failed_passes_are_reported_and_the_thread_keeps_going(kkt: KKT) -> None:
    with OFDServer() as dead:
        address = dead.address
    errors: list[BaseException] = []
    with BackgroundSender(kkt.fn, *address, interval=0.01, on_error=errors.append,
                          **FAST) as sender:
        assert sender.wait_passes(3, timeout=5)
        assert sender.running
    assert len(errors) >= 3 and all(isinstance(e, OFDUnavailable) for e in errors)
    assert isinstance(sender.last_error, OFDUnavailable) and sender.last_report is None
    assert read_queue_status(kkt.fn).queued == 13  # nothing lost
