"""Fault injection between a served link and its device.

A :class:`Faults` object sits on every link an endpoint serves (``serve(…).faults``,
``Emulator.faults``). Rules are armed by the test and fire on the device's answers:

* :meth:`Faults.drop_next_answer` — the answer never reaches the host (lost frame).
* :meth:`Faults.corrupt_next_answer` — one byte of the answer is flipped (CRC error on the host).
* :meth:`Faults.delay_next_answer` — the answer leaves ``seconds`` later (beyond a deadline).
* :meth:`Faults.disconnect_mid_frame` — half the answer is sent, then the link is closed (on a
  pty, which cannot be closed from the device side, the rest is simply never sent).
* :meth:`Faults.split_answers` — every answer goes out as 1-byte writes (until turned off).
* :meth:`Faults.power_cut` / :meth:`Faults.power_cut_after` — the device loses power: callbacks
  registered with :meth:`Faults.on_power_cut` (the emulated FN's restart) run and every link is
  dropped.

One-shot rules take ``command=C`` and ``nth=N``: fire on the answer to the Nth request frame
with FN command code ``C`` (requests are parsed with ``FrameDecoder(requests=True)``); without
``command`` they fire on the Nth answer of any kind (including an answer to ENQ). Rules fire in
the order they were armed; :attr:`Faults.log` records what fired.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from sigmakkt.protocol.fn.frame import Frame


class LinkSide(Protocol):
    """What faults need from a served link: send bytes to the host, or drop the host."""

    def deliver(self, data: bytes) -> None:
        """Send device bytes to the host."""
        ...

    def disconnect(self) -> None:
        """Drop the host connection (as a pulled cable would)."""
        ...


class FaultKind(Enum):
    DROP = "drop"
    CORRUPT = "corrupt"
    DELAY = "delay"
    DISCONNECT = "disconnect"
    POWER_CUT = "power_cut"


@dataclass
class FaultRule:
    """One armed one-shot fault."""

    kind: FaultKind
    command: int | None = None
    nth: int = 1
    seconds: float = 0.0
    offset: int | None = None
    seen: int = field(default=0, compare=False)


#: Default byte to corrupt: offset 3 is the answer-code byte, so the frame keeps its length
#: and the host sees a CRC error rather than waiting for bytes that never come.
CORRUPT_OFFSET = 3


class Faults:
    """Armed link faults for one served device (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._split = False
        self._power_callbacks: list[Callable[[], None]] = []
        self._links: list[LinkSide] = []
        self._timers: list[threading.Timer] = []
        #: What fired, in order, e.g. ``["drop 30h", "corrupt any"]``.
        self.log: list[str] = []

    # --- arming --------------------------------------------------------------------------------

    def _arm(self, rule: FaultRule) -> FaultRule:
        if rule.nth < 1:
            raise ValueError("nth counts from 1")
        with self._lock:
            self._rules.append(rule)
        return rule

    def drop_next_answer(self, *, command: int | None = None, nth: int = 1) -> FaultRule:
        """Lose the next answer (or the answer to the ``nth`` request ``command``)."""
        return self._arm(FaultRule(FaultKind.DROP, command, nth))

    def corrupt_next_answer(
        self, *, command: int | None = None, nth: int = 1, offset: int | None = None
    ) -> FaultRule:
        """Flip every bit of one byte of the next answer (default: the answer-code byte)."""
        return self._arm(FaultRule(FaultKind.CORRUPT, command, nth, offset=offset))

    def delay_next_answer(
        self, seconds: float, *, command: int | None = None, nth: int = 1
    ) -> FaultRule:
        """Hold the next answer back for ``seconds`` (from a timer thread)."""
        return self._arm(FaultRule(FaultKind.DELAY, command, nth, seconds=seconds))

    def disconnect_mid_frame(self, *, command: int | None = None, nth: int = 1) -> FaultRule:
        """Send the first half of the next answer, then drop the link."""
        return self._arm(FaultRule(FaultKind.DISCONNECT, command, nth))

    def power_cut_after(self, command: int, *, nth: int = 1) -> FaultRule:
        """Cut the power right after the device executed the ``nth`` request ``command``:
        its answer is lost, the power-cut callbacks run, the links drop."""
        return self._arm(FaultRule(FaultKind.POWER_CUT, command, nth))

    def split_answers(self, enabled: bool = True) -> None:
        """Send every answer as 1-byte writes while enabled."""
        self._split = enabled

    def clear(self) -> None:
        """Disarm every rule and stop splitting (pending delayed answers still go out)."""
        with self._lock:
            self._rules.clear()
        self._split = False

    @property
    def armed(self) -> list[FaultRule]:
        """Rules not yet fired."""
        with self._lock:
            return list(self._rules)

    # --- power ---------------------------------------------------------------------------------

    def on_power_cut(self, callback: Callable[[], None]) -> None:
        """Register what a power cut does to the device (e.g. the emulated FN's restart)."""
        self._power_callbacks.append(callback)

    def power_cut(self) -> None:
        """Cut the power now: run the callbacks, then drop every link."""
        self.log.append("power_cut")
        self._power_cut()

    def _power_cut(self) -> None:
        for callback in list(self._power_callbacks):
            callback()
        with self._lock:
            links = list(self._links)
        for link in links:
            link.disconnect()

    # --- used by the serving layer ------------------------------------------------------------

    def attach(self, link: LinkSide) -> None:
        """Register a live link (so power cuts can drop it)."""
        with self._lock:
            self._links.append(link)

    def detach(self, link: LinkSide) -> None:
        """Forget a link that closed."""
        with self._lock:
            self._links = [item for item in self._links if item is not link]

    def _match(self, requests: list[Frame], answered: bool) -> FaultRule | None:
        """Advance rule counters for this exchange; return the rule that fires, if any."""
        fired: FaultRule | None = None
        with self._lock:
            for rule in list(self._rules):
                if rule.command is None:
                    if answered:
                        rule.seen += 1
                else:
                    rule.seen += sum(
                        1 for f in requests if not f.enq and f.code == rule.command
                    )
                if rule.seen >= rule.nth and fired is None:
                    fired = rule
                    self._rules.remove(rule)
        return fired

    def apply(self, requests: list[Frame], answer: bytes, link: LinkSide) -> None:
        """Deliver ``answer`` (the device's output for ``requests``) to ``link``, faults
        included. Called by the serving layer for every chunk the host wrote."""
        rule = self._match(requests, bool(answer))
        if rule is None:
            if answer:
                self._send(answer, link)
            return
        what = f"{rule.kind.value} {'any' if rule.command is None else f'{rule.command:02X}h'}"
        self.log.append(what)
        if rule.kind is FaultKind.DROP:
            return
        if rule.kind is FaultKind.POWER_CUT:
            self._power_cut()
            return
        if rule.kind is FaultKind.CORRUPT:
            if answer:
                data = bytearray(answer)
                pos = min(CORRUPT_OFFSET if rule.offset is None else rule.offset, len(data) - 1)
                data[pos] ^= 0xFF
                self._send(bytes(data), link)
            return
        if rule.kind is FaultKind.DISCONNECT:
            if answer:
                self._send(answer[: max(1, len(answer) // 2)], link)
            link.disconnect()
            return
        # DELAY
        timer = threading.Timer(rule.seconds, self._send, (answer, link))
        timer.daemon = True
        with self._lock:
            self._timers = [t for t in self._timers if t.is_alive()]
            self._timers.append(timer)
        timer.start()

    def _send(self, data: bytes, link: LinkSide) -> None:
        if not data:
            return
        if self._split:
            for i in range(len(data)):
                link.deliver(data[i : i + 1])
        else:
            link.deliver(data)

    def cancel_timers(self) -> None:
        """Drop delayed answers not yet sent (used when an endpoint closes)."""
        with self._lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
