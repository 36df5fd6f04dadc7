"""Opening the register a CLI command works on: real devices by URL, or an in-process emulator.

``--emulated`` uses :meth:`Register.emulated` (an in-process emulator on the ``emu`` transport,
no sockets for the FN and printer); with ``--state DIR`` its FN archive, OFD store and receipt
PNGs persist in DIR, so consecutive commands see the same register.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sigmakkt.cli.config import DeviceSettings
from sigmakkt.cli.exitcodes import UsageError


@dataclass
class Session:
    """An open register plus, when emulated, the emulator behind it."""

    kkt: Any
    emulator: Any = None


@contextmanager
def open_session(settings: DeviceSettings, no_device_message: str) -> Iterator[Session]:
    """Open the register ``settings`` name; close everything on exit."""
    from sigmakkt.register.register import Register

    if settings.emulated:
        state = str(settings.state) if settings.state is not None else None
        kkt = Register.emulated(state)
    elif settings.fn:
        kkt = Register.connect(settings.fn, settings.printer, ofd=settings.ofd)
    else:
        raise UsageError(no_device_message)
    with kkt:
        if settings.emulated and settings.ofd is not None:
            kkt.ofd_address = settings.ofd
        yield Session(kkt, kkt.emulator)


@contextmanager
def open_archive(settings: DeviceSettings, no_device_message: str) -> Iterator[Session]:
    """A session for reading the archive only.

    With ``--emulated`` only the emulator is started (no Register: the archive is read offline
    from the emulated FN's store, even one whose registration data is not in the archive);
    otherwise the register is opened as :func:`open_session` does.
    """
    if settings.emulated:
        from sigmakkt_emulator.emulator import Emulator

        state = str(settings.state) if settings.state is not None else None
        with Emulator(state, "emu") as emulator:
            yield Session(None, emulator)
        return
    with open_session(settings, no_device_message) as session:
        yield session
