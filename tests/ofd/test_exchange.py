"""One exchange pass against the emulated OFD (issue 7 acceptance 1 and 2)."""

from __future__ import annotations

import pytest

from sigmakkt.errors import OFDUnavailable
from sigmakkt.ofd import OFDExchange, RejectSource, read_queue_status
from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt_emulator.ofd import DropStep, OFDServer

from .conftest import exchange
from .kkt import FN_NUMBER, KKT


def assert_all_delivered_once(kkt: KKT, server: OFDServer) -> None:
    """The FN queue is empty, every FD is acknowledged in the FN, and the OFD holds exactly
    one copy of each, byte-identical to the FN archive."""
    status = read_queue_status(kkt.fn)
    assert (status.queued, status.first_fd, status.reading) == (0, None, False)
    docs = server.documents()
    assert [d.fd_number for d in docs] == kkt.fds
    assert server.count() == len(kkt.fds)
    for d in docs:
        assert d.fn_number == FN_NUMBER
        assert d.stlv == kkt.archive_stlv(d.fd_number)
        assert d.doc_type == d.stlv[0]
        assert kkt.call(0x40, DocumentNumber(d.fd_number)).acknowledged


def test_day_of_sales_one_pass_empties_the_queue(kkt: KKT, server: OFDServer) -> None:
    assert read_queue_status(kkt.fn).queued == 13
    seen: list[tuple[int, int]] = []
    with exchange(kkt, server) as ex:
        report = ex.run_once(progress=lambda done, total: seen.append((done, total)))
    assert report.acknowledged == kkt.fds == list(range(1, 14))
    assert (report.sent, report.resends, report.remaining, report.errors) == (13, 0, 0, [])
    assert report.complete and not report.rejected
    assert seen == [(i, 13) for i in range(1, 14)]
    assert_all_delivered_once(kkt, server)
    assert server.received == server.replies == 13
    assert not read_queue_status(kkt.fn).transport_up  # 21h(0) at the end


def test_second_pass_has_nothing_to_send(kkt: KKT, server: OFDServer) -> None:
    with exchange(kkt, server) as ex:
        ex.run_once()
        again = ex.run_once()
    assert (again.sent, again.acknowledged, again.remaining) == (0, [], 0)
    assert server.received == 13


@pytest.mark.parametrize("step", list(DropStep))
def test_link_drop_is_recovered_without_duplicates(kkt: KKT, server: OFDServer,
                                                   step: DropStep) -> None:
    server.drop(step, times=1, fd=5)
    with exchange(kkt, server) as ex:
        report = ex.run_once()
    assert report.acknowledged == kkt.fds  # each FD acknowledged once, in order
    assert report.resends == 1 and len(report.errors) == 1
    assert "FD 5, attempt 1" in report.errors[0]
    assert_all_delivered_once(kkt, server)
    # before the read the OFD never saw it; after it, the resend is a copy it deduplicates
    assert server.times_received(FN_NUMBER, 5) == (1 if step is DropStep.BEFORE_READ else 2)


def test_drops_at_every_step_in_one_pass(kkt: KKT, server: OFDServer) -> None:
    server.drop(DropStep.BEFORE_READ, fd=2)
    server.drop(DropStep.AFTER_READ, fd=2)
    server.drop(DropStep.MID_REPLY, fd=2)
    server.drop(DropStep.AFTER_READ, fd=9)
    with exchange(kkt, server, attempts=4) as ex:
        report = ex.run_once()
    assert report.acknowledged == kkt.fds and report.resends == 4
    assert_all_delivered_once(kkt, server)


def test_silent_ofd_times_out_and_the_resend_is_acknowledged(kkt: KKT,
                                                             server: OFDServer) -> None:
    server.silent(times=1)
    with exchange(kkt, server, timeout=0.2) as ex:
        report = ex.run_once()
    assert report.acknowledged == kkt.fds and report.resends == 1
    assert "no data within 0.2 s" in report.errors[0]
    assert_all_delivered_once(kkt, server)


def test_unreachable_ofd_gives_a_typed_error_and_loses_nothing(kkt: KKT,
                                                               server: OFDServer) -> None:
    server.silent()  # never answers
    sleeps: list[float] = []
    with exchange(kkt, server, timeout=0.05, attempts=3, backoff=0.5,
                  sleep=sleeps.append) as ex, pytest.raises(OFDUnavailable) as info:
        ex.run_once()
    assert sleeps == [0.5, 1.0]  # exponential back-off between the 3 attempts
    report = info.value.report
    assert report is not None and report.acknowledged == [] and report.remaining == 13
    assert "stays queued" in str(info.value)
    status = read_queue_status(kkt.fn)
    assert (status.queued, status.first_fd, status.transport_up) == (13, 1, False)
    server.accept()
    with exchange(kkt, server) as ex:
        assert ex.run_once().acknowledged == kkt.fds
    assert_all_delivered_once(kkt, server)


def test_nothing_listening(kkt: KKT) -> None:
    with OFDServer() as srv:
        address = srv.address
    ex = OFDExchange(kkt.fn, *address, timeout=0.2, attempts=2, backoff=0.0)
    with pytest.raises(OFDUnavailable, match="connect"):
        ex.run_once()
    assert read_queue_status(kkt.fn).queued == 13


def test_ofd_rejection_is_reported_by_number_and_recovered(kkt: KKT,
                                                           server: OFDServer) -> None:
    server.reject(fd=7, reason=3)
    with exchange(kkt, server) as ex:
        first = ex.run_once()
    assert first.acknowledged == [1, 2, 3, 4, 5, 6]
    assert [(r.fd, r.source, r.code) for r in first.rejected] == [(7, RejectSource.OFD, 3)]
    assert "1022" in first.rejected[0].reason
    assert first.remaining == 7 and not first.complete
    assert read_queue_status(kkt.fn).first_fd == 7  # it stays queued in the FN
    assert [(r.fd, r.code) for r in server.rejections()] == [(7, 3)]
    server.accept()
    with exchange(kkt, server) as ex:
        second = ex.run_once()
    assert second.acknowledged == list(range(7, 14)) and second.complete
    assert_all_delivered_once(kkt, server)


def test_fn_rejecting_the_receipt_is_reported(kkt: KKT, server: OFDServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sigmakkt_emulator.ofd.server as srv_mod

    real = srv_mod.operator_sign

    def bad_sign(fn: str, fd: int, sign: int) -> bytes:
        return real(fn, fd, sign ^ (1 if fd == 3 else 0))

    monkeypatch.setattr(srv_mod, "operator_sign", bad_sign)
    with exchange(kkt, server) as ex:
        report = ex.run_once()
    assert report.acknowledged == [1, 2]
    assert [(r.fd, r.source, r.code) for r in report.rejected] == [(3, RejectSource.FN, 1)]
    assert "BAD_FISCAL_SIGN" in report.rejected[0].reason
    assert read_queue_status(kkt.fn).first_fd == 3


def test_failure_mid_read_cancels_the_read(kkt: KKT, server: OFDServer) -> None:
    from sigmakkt.errors import TransportTimeout
    from sigmakkt.protocol.fn.codes import CommandCode

    calls: list[int] = []
    real = kkt.fn.execute

    def flaky(command: object, request: object = None) -> object:
        code = command.code  # type: ignore[attr-defined]
        calls.append(code)
        if code == CommandCode.READ_OFD_MESSAGE_BLOCK and calls.count(code) == 2:
            raise TransportTimeout("injected")
        return real(command, request) if request is not None else real(command)  # type: ignore[arg-type]

    kkt.fn.execute = flaky  # type: ignore[method-assign]
    with exchange(kkt, server, block=64) as ex, pytest.raises(TransportTimeout):
        ex.run_once()
    assert CommandCode.CANCEL_OFD_MESSAGE_READ in calls
    assert calls[-2:] == [CommandCode.SET_TRANSPORT_STATUS, CommandCode.GET_OFD_STATUS]
    del kkt.fn.execute
    assert not read_queue_status(kkt.fn).reading
    with exchange(kkt, server, block=64) as ex:
        assert ex.run_once().acknowledged == kkt.fds
    assert_all_delivered_once(kkt, server)


def test_small_blocks_read_the_same_message(kkt: KKT, server: OFDServer) -> None:
    with exchange(kkt, server, block=7) as ex:
        assert ex.run_once().complete
    assert_all_delivered_once(kkt, server)


def test_ffd_105_day(server: OFDServer) -> None:
    with KKT(ffd12=False) as k:
        k.register()
        k.open_shift()
        for i in range(3):
            k.receipt(500 + i)
        k.close_shift()
        with exchange(k, server) as ex:
            assert ex.run_once().acknowledged == k.fds
        assert_all_delivered_once(k, server)
