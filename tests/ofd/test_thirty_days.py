"""The 30-day rule at FN level and the queue status / warning helpers (issue 7 acceptance 3)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sigmakkt.fn.errors import FNResourceLimit
from sigmakkt.ofd import OFDQueueStatus, deadline_warning, read_queue_status
from sigmakkt_emulator.ofd import OFDServer

from .conftest import exchange
from .kkt import KKT, START


def test_31_days_unsent_blocks_receipts_until_the_exchange_runs(server: OFDServer) -> None:
    with KKT() as k:
        k.register()  # FD 1 at START, never sent
        k.clock.advance(days=29, hours=23)
        k.open_shift()  # still under 30 days: allowed
        warn = deadline_warning(read_queue_status(k.fn), k.now())
        assert warn is not None and not warn.overdue and warn.first_fd == 1
        assert 0 < warn.days_left < 0.05 and "run the OFD exchange" in warn.message
        k.clock.advance(hours=2)  # oldest unsent is now 30 days 1 hour old
        with pytest.raises(FNResourceLimit) as info:
            k.begin_receipt()
        assert info.value.code == 0x14
        status = read_queue_status(k.fn)
        assert (status.queued, status.first_fd, status.first_datetime) == (2, 1, START)
        overdue = deadline_warning(status, k.now())
        assert overdue is not None and overdue.overdue and "refuses new documents" in \
            overdue.message
        with exchange(k, server) as ex:
            assert ex.run_once().acknowledged == [1, 2]
        assert deadline_warning(read_queue_status(k.fn), k.now()) is None
        fd = k.receipt()  # 15h/07h/16h now succeed
        assert fd == 3


def _status(first: datetime | None, queued: int = 4) -> OFDQueueStatus:
    return OFDQueueStatus(queued, 7 if first else None, first, False, False, False)


@pytest.mark.parametrize(("age_days", "threshold", "warned"), [
    (24.0, 5, False),  # 6 days left
    (25.5, 5, True),  # 4.5 days left
    (24.0, 7, True),  # threshold raised
    (29.9, 0, False),  # warnings off until overdue ...
    (30.5, 0, True),  # ... and on when overdue
])
def test_deadline_warning_threshold(age_days: float, threshold: float, warned: bool) -> None:
    now = START + timedelta(days=age_days)
    warn = deadline_warning(_status(START), now, threshold_days=threshold)
    assert (warn is not None) == warned
    if warn is not None:
        assert warn.deadline == START + timedelta(days=30)
        assert warn.days_left == pytest.approx(30 - age_days)
        assert warn.overdue == (age_days > 30)


def test_empty_queue_has_no_deadline() -> None:
    status = _status(None, queued=0)
    assert status.deadline is None and status.days_left(START) is None
    assert deadline_warning(status, START + timedelta(days=99)) is None
    with pytest.raises(ValueError):
        deadline_warning(status, START, threshold_days=-1)
