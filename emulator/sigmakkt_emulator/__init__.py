"""sigmakkt_emulator: software FN, printer and OFD server for tests and users' CI.

It reuses :mod:`sigmakkt.protocol` for every codec and never imports the Register API.
``Emulator`` bundles the three devices and serves them on one kind of link.
"""

from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.emulator import Emulator

__all__ = ["Clock", "Emulator"]
