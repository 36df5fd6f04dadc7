"""OFD exchange: deliver the FN's queued documents to the fiscal data operator (OFD).

* :class:`OFDExchange` — one pass over TCP (21h, 22h/23h/25h, send, reply, 26h, 21h);
* :class:`BackgroundSender` — passes in a daemon thread, under the caller's lock;
* :class:`OFDQueueStatus`, :func:`read_queue_status`, :func:`deadline_warning` — the 20h queue
  and the 30-day rule.
"""

from sigmakkt.ofd.background import BackgroundSender
from sigmakkt.ofd.exchange import ExchangeReport, OFDExchange, RejectedDocument, RejectSource
from sigmakkt.ofd.status import (
    DEFAULT_WARN_DAYS,
    OFD_LIMIT,
    OFDDeadlineWarning,
    OFDQueueStatus,
    deadline_warning,
    read_queue_status,
)

__all__ = [
    "DEFAULT_WARN_DAYS",
    "OFD_LIMIT",
    "BackgroundSender",
    "ExchangeReport",
    "OFDDeadlineWarning",
    "OFDExchange",
    "OFDQueueStatus",
    "RejectSource",
    "RejectedDocument",
    "deadline_warning",
    "read_queue_status",
]
