"""Serve an emulated device (any :class:`~sigmakkt_emulator.device.ByteDevice`) on a link.

``serve(device, "tcp")`` returns a :class:`ServedEndpoint` whose ``url`` the SDK opens with
``open_transport(url)`` — with the URL alone, in this process (emu, usb, ble register
themselves in :mod:`sigmakkt.transport.registry`) or any process (tcp, pty):

========  ==========================================  =======================================
link      URL                                         what it is
========  ==========================================  =======================================
``emu``   ``emu://device1``                           in-process, synchronous, no OS resources
``tcp``   ``tcp://127.0.0.1:PORT``                    listening socket, ephemeral port
``pty``   ``serial:///dev/pts/N``                     pseudo-terminal; the host opens the slave
``usb``   ``usb://2912:0005?serial=EMU1``             software pyusb backend, bulk 01h/82h
``ble``   ``ble://EE:00:00:00:00:01``                 software bleak backend, write + notify
========  ==========================================  =======================================

``faults`` (a :class:`~sigmakkt_emulator.faults.Faults`, shared between endpoints if you pass
the same one) injects link faults; ``endpoint.faults`` is created when not given.
"""

from __future__ import annotations

import threading
from typing import Any

from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint

#: Link kinds :func:`serve` accepts.
TRANSPORTS = ("emu", "tcp", "pty", "usb", "ble")


def serve(device: ByteDevice, transport: str = "emu", faults: Faults | None = None, *,
          device_lock: threading.Lock | None = None, **options: Any) -> ServedEndpoint:
    """Serve ``device`` on ``transport``; return the endpoint (close it when done).

    ``options`` by link: emu ``name=``; tcp ``host=`` (default 127.0.0.1; anything else logs
    a warning), ``port=`` (default ephemeral); usb ``vid=``, ``pid=``, ``serial=``; ble
    ``address=``, ``mtu=``. Pass the same ``device_lock`` to endpoints that share a device.
    """
    if transport == "emu":
        from sigmakkt_emulator.serve.emu import EmuEndpoint

        return EmuEndpoint(device, faults, device_lock=device_lock, **options)
    if transport == "tcp":
        from sigmakkt_emulator.serve.tcp import TCPEndpoint

        return TCPEndpoint(device, faults, device_lock=device_lock, **options)
    if transport == "pty":
        from sigmakkt_emulator.serve.pty import PtyEndpoint

        return PtyEndpoint(device, faults, device_lock=device_lock, **options)
    if transport == "usb":
        from sigmakkt_emulator.serve.usb import USBEndpoint

        return USBEndpoint(device, faults, device_lock=device_lock, **options)
    if transport == "ble":
        from sigmakkt_emulator.serve.ble import BLEEndpoint

        return BLEEndpoint(device, faults, device_lock=device_lock, **options)
    raise ValueError(f"unknown transport {transport!r}; choose one of {', '.join(TRANSPORTS)}")


__all__ = ["TRANSPORTS", "Faults", "ServedEndpoint", "serve"]
