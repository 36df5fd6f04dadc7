"""``open_transport(url)``: pick, build and open a transport by URL scheme.

==============================================  ==============================================
``serial:///dev/ttyACM0?baudrate=115200``        pyserial (also a pty path, ``serial://COM3``)
``rfc2217://…``, ``socket://…``, ``loop://`` …   pyserial's own URL handlers, passed through
``/dev/ttyUSB0``, ``COM3`` (no scheme)           pyserial native port
``tcp://127.0.0.1:4040``                         TCP socket
``usb://VID:PID[?serial=…]``                     pyusb bulk endpoints (extra ``usb``)
``ble://AA:BB:CC:DD:EE:FF``                      bleak GATT write + notify (extra ``ble``)
``emu://NAME``                                   in-process emulator endpoint
==============================================  ==============================================

Emulated USB and BLE devices served in this process are found by URL alone through
:mod:`sigmakkt.transport.registry`.
"""

from __future__ import annotations

from typing import Any

from sigmakkt.errors import TransportError
from sigmakkt.transport.base import Transport

#: pyserial URL schemes handed to :func:`serial.serial_for_url` as they are.
PYSERIAL_SCHEMES = frozenset({"rfc2217", "socket", "loop", "spy", "hwgrep", "alt", "cp2110"})


def make_transport(url: str, **options: Any) -> Transport:
    """Build (but do not open) the transport for ``url``; ``options`` go to its constructor."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "tcp":
        from sigmakkt.transport.tcp import TCPTransport

        return TCPTransport(url, **options)
    if scheme == "emu":
        from sigmakkt.transport.emu import EmuTransport

        if options:
            raise TransportError(f"{url}: emu URLs take no options (got {sorted(options)})")
        return EmuTransport(url)
    if scheme == "usb":
        from sigmakkt.transport.usb import USBTransport

        return USBTransport(url, **options)
    if scheme == "ble":
        from sigmakkt.transport.ble import BLETransport

        return BLETransport(url, **options)
    if scheme in ("serial", "") or scheme in PYSERIAL_SCHEMES:
        from sigmakkt.transport.serial import SerialTransport

        return SerialTransport(url, **options)
    raise TransportError(
        f"{url}: unknown transport scheme {scheme!r}; use serial://, tcp://, usb://, ble:// "
        "or emu://"
    )


def open_transport(url: str, **options: Any) -> Transport:
    """Build the transport for ``url`` and open it.

    ``options`` are transport-specific: ``backend=`` for usb/ble, ``connect_timeout=`` for
    tcp, pyserial settings (``baudrate=`` …) for serial.
    """
    transport = make_transport(url, **options)
    transport.open()
    return transport
