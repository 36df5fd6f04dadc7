"""A daemon thread that runs OFD exchange passes periodically.

The FN is shared: the FN client serialises single commands, but a pass is many commands and
must not interleave with a document being built (15h…07h…16h) by another thread. So every pass
runs under a caller-provided lock — the same lock the code that builds documents holds for a
whole document. The Register owns one sender and stops it on ``close()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sigmakkt.errors import SigmaKKTError
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.ofd.exchange import ExchangeReport, OFDExchange

_log = logging.getLogger("sigmakkt.ofd")

#: The FN, or a zero-argument callable returning it (looked up again before each pass).
FNSource = FiscalStorage | Callable[[], FiscalStorage]


class BackgroundSender:
    """Run :meth:`OFDExchange.run_once` every ``interval`` seconds in a daemon thread.

    ``lock`` (a ``threading.Lock``/``RLock`` or any context manager) is held around each whole
    pass; pass the lock your document-building code holds. ``exchange_options`` go to
    :class:`OFDExchange` (``timeout``, ``attempts``, ``backoff``…). ``on_report`` is called
    after each pass with its report, ``on_error`` with the exception of a failed pass (the
    thread keeps running: the next pass retries). :meth:`trigger` runs a pass now.
    """

    def __init__(self, fn: FNSource, host: str, port: int, interval: float = 60.0, *,
                 lock: AbstractContextManager[Any] | None = None,
                 on_report: Callable[[ExchangeReport], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 **exchange_options: Any) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._fn = fn
        self.host = host
        self.port = port
        self.interval = interval
        self._lock: AbstractContextManager[Any] = lock if lock is not None else threading.Lock()
        self._on_report = on_report
        self._on_error = on_error
        self._options = exchange_options
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._exchange: OFDExchange | None = None
        #: The report of the last finished pass, and the error of the last failed one.
        self.last_report: ExchangeReport | None = None
        self.last_error: BaseException | None = None
        #: Passes run so far (finished or failed).
        self.passes = 0
        self._passes_cond = threading.Condition()

    def _fiscal_storage(self) -> FiscalStorage:
        return self._fn if isinstance(self._fn, FiscalStorage) else self._fn()

    # --- control -------------------------------------------------------------------------------

    def start(self) -> BackgroundSender:
        """Start the thread (the first pass runs at once)."""
        if self._thread is not None:
            raise RuntimeError("the background sender is already started")
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"sigmakkt-ofd-{self.port}",
                                        daemon=True)
        self._thread.start()
        return self

    def trigger(self) -> None:
        """Run a pass as soon as the current wait or pass ends."""
        self._wake.set()

    def wait_passes(self, count: int, timeout: float | None = None) -> bool:
        """Block until at least ``count`` passes have run; False on timeout."""
        with self._passes_cond:
            return self._passes_cond.wait_for(lambda: self.passes >= count, timeout)

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to stop and join it (a pass in progress finishes first)."""
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        if self._exchange is not None:
            self._exchange.close()

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> BackgroundSender:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the thread ----------------------------------------------------------------------------

    def run_pass(self) -> ExchangeReport:
        """One pass under the lock, in the caller's thread (the thread uses this too)."""
        with self._lock:
            fn = self._fiscal_storage()
            if self._exchange is None or self._exchange.fn is not fn:
                if self._exchange is not None:
                    self._exchange.close()
                self._exchange = OFDExchange(fn, self.host, self.port, **self._options)
            return self._exchange.run_once()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                report = self.run_pass()
            except (SigmaKKTError, OSError) as exc:
                self.last_error = exc
                _log.warning("background OFD pass failed: %s", exc)
                if self._on_error is not None:
                    self._on_error(exc)
            else:
                self.last_report = report
                if self._on_report is not None:
                    self._on_report(report)
            with self._passes_cond:
                self.passes += 1
                self._passes_cond.notify_all()
            self._wake.wait(self.interval)
            self._wake.clear()
