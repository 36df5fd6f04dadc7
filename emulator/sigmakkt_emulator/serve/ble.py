"""Serve a device as a software BLE GATT peripheral that bleak connects to: ``ble://EE:…``.

:class:`EmulatedBleakClient` is a bleak client backend (``BaseBleakClient`` subclass, bleak's
``BleakClient(backend=…)`` extension point) that talks to an in-process
:class:`BLEEndpoint` instead of a radio. The peripheral has one service with a write
characteristic (host → device, write with response) and a notify characteristic (device →
host); the UUIDs are the SDK's defaults (Nordic UART Service layout, see
:mod:`sigmakkt.transport.ble`). The negotiated MTU is :data:`DEFAULT_MTU` (185, a common
phone/adapter value), so a 30-byte status answer fits one notification but any frame over
182 bytes is split, exercising chunking and reassembly on both sides.

The endpoint registers its address in :mod:`sigmakkt.transport.registry`, so
``open_transport(endpoint.url)`` uses this backend without a ``backend=`` argument.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from typing import Any

from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakError

from sigmakkt.transport import registry
from sigmakkt.transport.ble import NOTIFY_UUID, SERVICE_UUID, WRITE_UUID
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint
from sigmakkt_emulator.serve.session import DeviceSession

#: ATT MTU the emulated peripheral negotiates; payload per packet is MTU - 3.
DEFAULT_MTU = 185
_SERVICE_HANDLE = 0x0010
_WRITE_HANDLE = 0x0012
_NOTIFY_HANDLE = 0x0014
_addresses = itertools.count(1)
_peripherals: dict[str, BLEEndpoint] = {}
_peripherals_lock = threading.Lock()


class _Link:
    """One connected central (the fault layer's link side)."""

    def __init__(self, endpoint: BLEEndpoint, client: EmulatedBleakClient) -> None:
        self.endpoint = endpoint
        self.client = client
        self.session = DeviceSession(endpoint.device, endpoint.device_lock, endpoint.faults, self)

    def deliver(self, data: bytes) -> None:
        step = self.endpoint.mtu - 3
        for pos in range(0, len(data), step):
            self.client._notify(data[pos : pos + step])

    def disconnect(self) -> None:
        self.client._drop()


class EmulatedBleakClient(BaseBleakClient):
    """bleak backend that connects to an emulated peripheral in this process."""

    def __init__(self, address_or_ble_device: Any, **kwargs: Any) -> None:
        kwargs.setdefault("disconnected_callback", None)
        kwargs.setdefault("timeout", 10.0)
        for key in ("services", "bluez", "winrt"):
            kwargs.pop(key, None)
        super().__init__(address_or_ble_device, **kwargs)
        self._connected = False
        self._link: _Link | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._callbacks: dict[int, Callable[[bytearray], None]] = {}
        self._mtu = 23

    @property
    def name(self) -> str:
        return "sigmakkt emulated FN"

    @property
    def mtu_size(self) -> int:
        return self._mtu

    @property
    def is_connected(self) -> bool:
        return self._connected

    async def connect(self, pair: bool = False, **kwargs: Any) -> None:
        with _peripherals_lock:
            endpoint = _peripherals.get(registry.normalize_ble_address(self.address))
        if endpoint is None or endpoint.closed:
            raise BleakError(f"Device with address {self.address} was not found.")
        self._loop = asyncio.get_running_loop()
        self.services = endpoint.gatt_services()
        self._mtu = endpoint.mtu
        self._link = endpoint._attach(self)
        self._connected = True

    async def disconnect(self) -> None:
        link, self._link = self._link, None
        self._connected = False
        self._callbacks.clear()
        if link is not None:
            link.endpoint._detach(link)

    async def pair(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def unpair(self) -> None:
        return None

    async def read_gatt_char(self, characteristic: BleakGATTCharacteristic, *,
                             use_cached: bool = False, **kwargs: Any) -> bytearray:
        raise BleakError("the emulated characteristics are not readable")

    async def read_gatt_descriptor(self, descriptor: BleakGATTDescriptor, *,
                                   use_cached: bool = False, **kwargs: Any) -> bytearray:
        raise BleakError("the emulated characteristics have no readable descriptors")

    async def write_gatt_char(self, characteristic: BleakGATTCharacteristic, data: Any,
                              response: bool) -> None:
        link = self._link
        if link is None or not self._connected:
            raise BleakError("Not connected")
        if characteristic.handle != _WRITE_HANDLE:
            raise BleakError(f"characteristic {characteristic.uuid} is not writable")
        if len(data) > self._mtu - 3:
            raise BleakError(f"write of {len(data)} bytes exceeds MTU - 3 = {self._mtu - 3}")
        link.session.host_bytes(bytes(data))

    async def write_gatt_descriptor(self, descriptor: BleakGATTDescriptor, data: Any) -> None:
        raise BleakError("the emulated characteristics have no writable descriptors")

    async def start_notify(self, characteristic: BleakGATTCharacteristic,
                           callback: Callable[[bytearray], None], **kwargs: Any) -> None:
        if characteristic.handle != _NOTIFY_HANDLE:
            raise BleakError(f"characteristic {characteristic.uuid} does not notify")
        self._callbacks[characteristic.handle] = callback

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        self._callbacks.pop(characteristic.handle, None)

    # --- called by the peripheral side (any thread) ------------------------------------------

    def _notify(self, chunk: bytes) -> None:
        callback = self._callbacks.get(_NOTIFY_HANDLE)
        loop = self._loop
        if callback is None or loop is None or loop.is_closed():
            return
        # Always through the loop, as a radio would: notifications keep their order and
        # reach the central after the write that caused them completed.
        loop.call_soon_threadsafe(callback, bytearray(chunk))

    def _drop(self) -> None:
        if not self._connected:
            return
        self._connected = False
        link, self._link = self._link, None
        if link is not None:
            link.endpoint._detach(link)
        loop = self._loop
        callback = self._disconnected_callback
        if callback is not None and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(callback)


class BLEEndpoint(ServedEndpoint):
    """A device served as an emulated BLE peripheral at a made-up address."""

    transport = "ble"

    def __init__(self, device: ByteDevice, faults: Faults | None = None, *,
                 address: str | None = None, mtu: int = DEFAULT_MTU,
                 device_lock: threading.Lock | None = None) -> None:
        super().__init__(device, faults, device_lock)
        n = next(_addresses)
        self.address = registry.normalize_ble_address(
            address or f"EE:00:00:00:{n >> 8 & 0xFF:02X}:{n & 0xFF:02X}"
        )
        self.mtu = mtu
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        with _peripherals_lock:
            if self.address in _peripherals:
                raise ValueError(f"BLE address {self.address} is already served")
            _peripherals[self.address] = self
        registry.register_ble_backend(self.address, EmulatedBleakClient)

    @property
    def url(self) -> str:
        return f"ble://{self.address}"

    def gatt_services(self) -> BleakGATTServiceCollection:
        """A fresh service collection: one service, a write and a notify characteristic."""
        services = BleakGATTServiceCollection()
        service = BleakGATTService(None, _SERVICE_HANDLE, SERVICE_UUID)
        services.add_service(service)
        payload = self.mtu - 3
        services.add_characteristic(BleakGATTCharacteristic(
            None, _WRITE_HANDLE, WRITE_UUID, ["write", "write-without-response"],
            lambda: payload, service))
        services.add_characteristic(BleakGATTCharacteristic(
            None, _NOTIFY_HANDLE, NOTIFY_UUID, ["notify"], lambda: payload, service))
        return services

    def _attach(self, client: EmulatedBleakClient) -> _Link:
        link = _Link(self, client)
        with self._lock:
            self._links.append(link)
        return link

    def _detach(self, link: _Link) -> None:
        link.session.end()
        with self._lock:
            self._links = [item for item in self._links if item is not link]

    def _shutdown(self) -> None:
        registry.unregister_ble_backend(self.address, EmulatedBleakClient)
        with _peripherals_lock:
            if _peripherals.get(self.address) is self:
                del _peripherals[self.address]
        with self._lock:
            links = list(self._links)
        for link in links:
            link.disconnect()
