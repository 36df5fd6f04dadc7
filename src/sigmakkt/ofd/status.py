"""The FN's queue of documents for the OFD (20h) and the 30-day rule.

An FN whose oldest unsent document is more than 30 days old refuses new documents with answer
14h (reference §4 and §8: the commonest way a register "suddenly dies"). The helpers here turn
the 20h answer into a typed status and say how many days are left before that happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sigmakkt.fn.client import FiscalStorage
from sigmakkt.protocol.fn.commands.ofd import GET_OFD_STATUS, OFDStatus
from sigmakkt.protocol.fn.enums import OFDStatusFlags

#: How long a document may wait for the OFD before the FN blocks (54-ФЗ; reference §4).
OFD_LIMIT = timedelta(days=30)
#: Default warning threshold: warn when fewer than this many days are left.
DEFAULT_WARN_DAYS = 5


@dataclass(frozen=True, slots=True)
class OFDQueueStatus:
    """What the FN reports about its OFD queue (20h, S2 §4.6.1)."""

    queued: int
    first_fd: int | None
    first_datetime: datetime | None
    transport_up: bool
    awaiting_receipt: bool
    reading: bool

    @classmethod
    def from_answer(cls, answer: OFDStatus) -> OFDQueueStatus:
        """Build from the decoded 20h answer."""
        empty = answer.queued == 0
        return cls(
            queued=answer.queued,
            first_fd=None if empty or not answer.first_fd else answer.first_fd,
            first_datetime=None if empty else answer.first_datetime,
            transport_up=OFDStatusFlags.TRANSPORT_UP in answer.flags,
            awaiting_receipt=OFDStatusFlags.AWAITING_RECEIPT in answer.flags,
            reading=answer.reading,
        )

    @property
    def deadline(self) -> datetime | None:
        """When the FN starts refusing documents (oldest unsent + 30 days), or None."""
        return None if self.first_datetime is None else self.first_datetime + OFD_LIMIT

    def days_left(self, now: datetime) -> float | None:
        """Days (fractional, negative when overdue) until the 30-day block; None if empty."""
        deadline = self.deadline
        if deadline is None:
            return None
        return (deadline - now) / timedelta(days=1)


def read_queue_status(fn: FiscalStorage) -> OFDQueueStatus:
    """Ask the FN (20h) for its OFD queue."""
    return OFDQueueStatus.from_answer(fn.execute(GET_OFD_STATUS))


@dataclass(frozen=True, slots=True)
class OFDDeadlineWarning:
    """The oldest unsent document is close to (or past) the 30-day limit."""

    first_fd: int | None
    queued: int
    deadline: datetime
    days_left: float
    message: str

    @property
    def overdue(self) -> bool:
        """True when the FN already refuses new documents (answer 14h)."""
        return self.days_left <= 0


def deadline_warning(status: OFDQueueStatus, now: datetime, *,
                     threshold_days: float = DEFAULT_WARN_DAYS) -> OFDDeadlineWarning | None:
    """A warning when fewer than ``threshold_days`` are left before the 30-day block, else None.

    ``now`` is the register's clock in the FN's time base (the local wall-clock time the KKT
    sends the FN), so tests and the emulator can move it.
    """
    if threshold_days < 0:
        raise ValueError("threshold_days cannot be negative")
    left = status.days_left(now)
    deadline = status.deadline
    if left is None or deadline is None or left >= threshold_days:
        return None
    if left <= 0:
        text = (f"{status.queued} document(s) were not delivered to the OFD for over 30 days "
                f"(oldest: FD {status.first_fd}); the FN refuses new documents (14h) until the "
                "OFD exchange runs: check the network and run the OFD exchange")
    else:
        text = (f"{status.queued} document(s) wait for the OFD; the oldest (FD "
                f"{status.first_fd}) reaches the 30-day limit on {deadline:%Y-%m-%d %H:%M} "
                f"({left:.1f} days left) — run the OFD exchange before then")
    return OFDDeadlineWarning(status.first_fd, status.queued, deadline, left, text)
