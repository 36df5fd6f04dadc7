"""sigmakkt_emulator: software FN, printer and OFD server for tests and users' CI.

It reuses :mod:`sigmakkt.protocol` for every codec and never imports the Register API.
``Emulator`` bundles the three devices and serves them on one kind of link. Names are loaded
on first use, so that importing the package (e.g. as a pytest plugin) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sigmakkt_emulator.clock import Clock
    from sigmakkt_emulator.emulator import Emulator

__all__ = ["Clock", "Emulator"]


def __getattr__(name: str) -> Any:
    if name == "Emulator":
        from sigmakkt_emulator.emulator import Emulator

        return Emulator
    if name == "Clock":
        from sigmakkt_emulator.clock import Clock

        return Clock
    raise AttributeError(f"module 'sigmakkt_emulator' has no attribute {name!r}")
