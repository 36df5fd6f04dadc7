"""The KKT clock and the clock rule the Register applies before every fiscal document.

The FN keeps its own timer but exposes no clock; the only FN time the KKT can read is the date
of the last document (30h). A document is refused when (a) the KKT clock is before the FN's
last document (minute resolution), or (b) since the last document this Register signed, the KKT
clock advanced more than 5 minutes more or less than the monotonic timer did — the same
comparison the FN makes between the KKT's date and its own timer (FN answer 17h "time
difference", fn-protocol reference §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.fn.commands import FNStatus
from sigmakkt.register.validation import check_document_time

#: Largest disagreement between the KKT clock and the monotonic timer between two documents.
MAX_CLOCK_DRIFT = dt.timedelta(minutes=5)


class ClockLike(Protocol):
    """Anything with ``now() -> datetime`` (naive, the KKT's wall clock)."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The computer's local wall clock."""

    def now(self) -> dt.datetime:
        """Local time, naive, whole seconds."""
        return dt.datetime.now().replace(microsecond=0)


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


class ClockRule:
    """What the rule remembers: the KKT clock and the timer at the last signed document."""

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self.monotonic = monotonic
        #: (KKT clock, monotonic timer) when this Register last signed a document.
        self.last_signed: tuple[dt.datetime, float] | None = None
        #: FD number of the last document this Register signed (0: none yet).
        self.last_signed_fd = 0

    def document_time(self, now: dt.datetime, st: FNStatus) -> dt.datetime:
        """The date of the next document (KKT clock ``now``, minutes), after the rule."""
        check_document_time(now, st.last_document_datetime)
        if self.last_signed is not None and st.last_fd and self.last_signed_fd == st.last_fd:
            kkt_then, mono_then = self.last_signed
            drift = (now - kkt_then) - dt.timedelta(seconds=self.monotonic() - mono_then)
            if abs(drift) > MAX_CLOCK_DRIFT:
                raise ValidationError(
                    f"the KKT clock moved {drift.total_seconds() / 60:+.0f} min against the "
                    "timer since the last document (more than 5 minutes); set the clock right "
                    "and try again", "datetime")
        return _minute(now)

    def signed(self, now: dt.datetime) -> None:
        """Remember the KKT clock ``now`` and the timer at a signed document (rule (b))."""
        self.last_signed = (now, self.monotonic())
