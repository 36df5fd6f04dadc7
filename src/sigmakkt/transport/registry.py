"""In-process registry of software endpoints that ``open_transport`` consults before the OS.

Why it exists: an emulator running in the same process must be reachable by URL alone
(``emu://fn``, ``usb://2912:0005?serial=EMU1``, ``ble://EE:00:00:00:00:01``), with no extra
arguments, so that code written for real hardware runs unchanged against it. The emulator
registers what it serves here; the transports look here first:

* ``emu://NAME`` — an :class:`EmuEndpoint` registered under ``NAME`` (the only place emu URLs
  resolve; there is no OS fallback).
* ``usb://VID:PID[?serial=…]`` — each registered pyusb backend (an ``usb.backend.IBackend``
  object) is searched with ``usb.core.find(backend=…)`` before the default libusb backend.
* ``ble://ADDRESS`` — a bleak client backend class (a ``BaseBleakClient`` subclass) registered
  for that address is passed to ``BleakClient(backend=…)`` instead of the platform backend.

An explicit ``backend=`` argument to :func:`~sigmakkt.transport.open_transport` always wins.
The registry holds no OS resources and is safe to use from several threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol


class EmuConnection(Protocol):
    """One host connection to an in-process endpoint (returned by :meth:`EmuEndpoint.connect`)."""

    def write(self, data: bytes) -> None:
        """Hand host bytes to the device side."""
        ...

    def close(self) -> None:
        """Drop the connection (the endpoint then stops delivering)."""
        ...


class EmuEndpoint(Protocol):
    """An in-process device endpoint: accepts host connections without OS resources."""

    def connect(
        self, deliver: Callable[[bytes], None], closed: Callable[[], None]
    ) -> EmuConnection:
        """Attach a host. The endpoint calls ``deliver(answer_bytes)`` (from any thread) for
        each piece of device output and ``closed()`` once if it drops the connection."""
        ...


_lock = threading.Lock()
_emu: dict[str, EmuEndpoint] = {}
_usb: list[Any] = []
_ble: dict[str, type] = {}


def normalize_ble_address(address: str) -> str:
    """Upper-case a BLE address so ``aa:bb…`` and ``AA:BB…`` name the same device."""
    return address.strip().upper()


# --- emu:// ----------------------------------------------------------------------------------


def register_emu_endpoint(name: str, endpoint: EmuEndpoint) -> None:
    """Make ``emu://name`` reach ``endpoint``. Raises ``ValueError`` if the name is taken."""
    with _lock:
        if name in _emu:
            raise ValueError(f"emu://{name} is already registered")
        _emu[name] = endpoint


def unregister_emu_endpoint(name: str, endpoint: EmuEndpoint | None = None) -> None:
    """Forget ``emu://name`` (only if it still maps to ``endpoint``, when given)."""
    with _lock:
        if endpoint is None or _emu.get(name) is endpoint:
            _emu.pop(name, None)


def emu_endpoint(name: str) -> EmuEndpoint | None:
    """The endpoint registered as ``emu://name``, or ``None``."""
    with _lock:
        return _emu.get(name)


def emu_names() -> list[str]:
    """Names currently registered (for error messages)."""
    with _lock:
        return sorted(_emu)


# --- usb:// ----------------------------------------------------------------------------------


def register_usb_backend(backend: Any) -> None:
    """Search ``backend`` (a pyusb ``IBackend``) for ``usb://`` URLs before libusb."""
    with _lock:
        if not any(b is backend for b in _usb):
            _usb.append(backend)


def unregister_usb_backend(backend: Any) -> None:
    """Stop searching ``backend``."""
    with _lock:
        _usb[:] = [b for b in _usb if b is not backend]


def usb_backends() -> list[Any]:
    """Registered pyusb backends, oldest first."""
    with _lock:
        return list(_usb)


# --- ble:// ----------------------------------------------------------------------------------


def register_ble_backend(address: str, backend: type) -> None:
    """Use the bleak client backend class ``backend`` for ``ble://address``."""
    with _lock:
        _ble[normalize_ble_address(address)] = backend


def unregister_ble_backend(address: str, backend: type | None = None) -> None:
    """Forget the backend for ``address`` (only if it is still ``backend``, when given)."""
    key = normalize_ble_address(address)
    with _lock:
        if backend is None or _ble.get(key) is backend:
            _ble.pop(key, None)


def ble_backend(address: str) -> type | None:
    """The backend class registered for ``address``, or ``None``."""
    with _lock:
        return _ble.get(normalize_ble_address(address))
