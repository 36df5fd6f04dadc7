"""A dependency-free progress bar that draws only when its stream is a terminal.

Long CLI jobs (archive export, reports over 100,000 receipts) take one; when stdout is piped or
redirected nothing is drawn, so scripts get clean output.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Self, TextIO


class ProgressBar:
    """``with ProgressBar(total, "export") as bar: bar.update(n)``.

    ``enabled=None`` draws only if ``stream.isatty()``. Redraws at most every 0.1 s.
    """

    WIDTH = 30

    def __init__(self, total: int | None, label: str = "", *, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = (bool(isatty()) if callable(isatty) else False) if enabled is None \
            else enabled
        self.done = 0
        self._last_draw = 0.0
        self._started = time.monotonic()

    def update(self, step: int = 1) -> None:
        """Count ``step`` more units of work done."""
        self.done += step
        if self.enabled:
            now = time.monotonic()
            if now - self._last_draw >= 0.1:
                self._last_draw = now
                self._draw()

    def set_total(self, total: int) -> None:
        """Fix the total once it is known."""
        self.total = total

    def render(self) -> str:
        """The bar as one line of text (without carriage return)."""
        elapsed = time.monotonic() - self._started
        if self.total:
            frac = min(1.0, self.done / self.total)
            filled = int(frac * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            return f"{self.label} [{bar}] {self.done}/{self.total} {frac:4.0%} {elapsed:5.1f}s"
        return f"{self.label} {self.done} {elapsed:5.1f}s"

    def _draw(self) -> None:
        self.stream.write("\r" + self.render())
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
