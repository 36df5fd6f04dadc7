"""The emulated devices' clock: wall time plus an offset that tests move.

Every time rule of the emulated FN (24 h shift, 30-day OFD limit, 5-minute drift, expiry) reads
this clock, never :func:`datetime.now` directly, so a test can jump days ahead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta


class Clock:
    """A settable clock. ``now()`` is naive local wall time, minute resolution is the FN's business.

    ``source`` gives the base time (default :meth:`datetime.now`); ``advance`` and ``set`` move
    the offset. ``frozen`` stops the base from running (deterministic tests).
    """

    def __init__(
        self,
        start: datetime | None = None,
        *,
        frozen: bool = False,
        source: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._frozen_at: datetime | None = None
        self._offset = timedelta(0)
        if start is not None:
            self._offset = start - source()
        if frozen:
            self._frozen_at = start if start is not None else source()

    def now(self) -> datetime:
        """The current emulated time."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return self._source() + self._offset

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move the clock forward (``advance(hours=25)`` or ``advance(timedelta(...))``)."""
        step = (delta or timedelta(0)) + timedelta(**kwargs)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += step
            else:
                self._offset += step
        return self.now()

    def set(self, when: datetime) -> None:
        """Jump to ``when`` (keeps running from there unless frozen)."""
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = when
            else:
                self._offset = when - self._source()
