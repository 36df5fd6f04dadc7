"""Per-example limits of the fuzzers: wall time and peak traced memory.

A decoder that hangs or allocates in proportion to a length field it has not checked fails
here rather than taking the CI runner down. The bounds are generous (a slow shared runner must
not flake them) yet far below what an unbounded allocation or a loop would reach.
"""

from __future__ import annotations

import signal
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

#: Wall-time budget of one example (seconds); inputs are at most a few KiB.
EXAMPLE_SECONDS = 10.0
#: Peak memory one example may allocate above its starting point (bytes).
EXAMPLE_PEAK = 8 * 1024 * 1024


class Hang(AssertionError):
    """The body ran past twice its time budget and was interrupted."""


def _interrupt(signum: int, frame: object) -> None:
    raise Hang("example interrupted: it ran past twice its time budget (a hang?)")


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (SIGALRM; main thread on POSIX only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def bounded(seconds: float = EXAMPLE_SECONDS, peak: int = EXAMPLE_PEAK) -> Iterator[None]:
    """Fail when the body takes longer than ``seconds`` or allocates more than ``peak``; a
    body that hangs is interrupted at twice ``seconds``."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    t0 = time.perf_counter()
    try:
        with _alarm(2 * seconds):
            yield
    finally:
        elapsed = time.perf_counter() - t0
        _, top = tracemalloc.get_traced_memory()
        if started:
            tracemalloc.stop()
    assert elapsed < seconds, f"example took {elapsed:.2f} s (budget {seconds} s)"
    assert top - base < peak, f"example allocated {top - base} bytes at peak (budget {peak})"
