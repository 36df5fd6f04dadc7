"""Fixtures: an in-process emulated FN with a day of sales, and an emulated OFD server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sigmakkt.ofd import OFDExchange
from sigmakkt_emulator.ofd import OFDServer

from .kkt import KKT


@pytest.fixture
def kkt() -> Iterator[KKT]:
    """Registered (FFD 1.2), shift open, 10 receipts, shift closed: 13 documents queued."""
    with KKT() as k:
        k.register()
        k.clock.advance(minutes=1)
        k.open_shift()
        for i in range(10):
            k.clock.advance(minutes=3)
            k.receipt(1000 + i)
        k.clock.advance(minutes=1)
        k.close_shift()
        yield k


@pytest.fixture
def server() -> Iterator[OFDServer]:
    with OFDServer() as srv:
        yield srv


def exchange(kkt: KKT, server: OFDServer, **options: object) -> OFDExchange:
    """An exchange with short timeouts and no real back-off waits."""
    opts: dict[str, object] = {"timeout": 0.5, "attempts": 4, "backoff": 0.0}
    opts.update(options)
    return OFDExchange(kkt.fn, *server.address, **opts)  # type: ignore[arg-type]
