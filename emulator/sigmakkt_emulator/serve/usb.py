"""Serve a device as a software USB device that pyusb finds: ``usb://2912:0005?serial=EMU1``.

:class:`EmulatedUSBBackend` is a pyusb ``IBackend`` (pyusb's documented extension point:
``usb.core.find(backend=…)``) holding one vendor-class device with one configuration, one
interface and two bulk endpoints, OUT ``0x01`` and IN ``0x82`` (64-byte packets, full speed).
It implements the calls pyusb makes (peers reference §3b, traced against pyusb 1.3.1):
enumeration and descriptors, open/close, configuration, interface claim/release, bulk
read/write, string descriptors over ``ctrl_transfer`` (so ``dev.serial_number`` works), the
CDC line-coding requests real drivers send, kernel-driver queries, clear-halt and reset.

The endpoint registers the backend in :mod:`sigmakkt.transport.registry`, so
``open_transport(endpoint.url)`` finds it with no ``backend=`` argument; the disconnect fault
"unplugs" the device: calls on the open handle fail with ``ENODEV`` until the host reopens it.
"""

from __future__ import annotations

import array
import errno
import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import usb.backend
import usb.core

from sigmakkt.transport import registry
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint
from sigmakkt_emulator.serve.session import DeviceSession

#: ATOL's USB vendor/product id (atol-protocol reference §0: CDC device 2912:0005).
DEFAULT_VID = 0x2912
DEFAULT_PID = 0x0005
EP_OUT = 0x01
EP_IN = 0x82
MAX_PACKET = 64

_LANGID_EN_US = 0x0409
_GET_DESCRIPTOR = 0x06
_DESC_STRING = 0x03
_serials = itertools.count(1)
_addresses = itertools.count(2)


@dataclass
class DeviceDescriptor:
    """USB 2.0 §9.6.1 device descriptor (plus the bus position pyusb reads)."""

    idVendor: int
    idProduct: int
    iManufacturer: int = 1
    iProduct: int = 2
    iSerialNumber: int = 3
    bLength: int = 18
    bDescriptorType: int = 0x01
    bcdUSB: int = 0x0200
    bDeviceClass: int = 0x00  # per interface
    bDeviceSubClass: int = 0x00
    bDeviceProtocol: int = 0x00
    bMaxPacketSize0: int = 64
    bcdDevice: int = 0x0100
    bNumConfigurations: int = 1
    bus: int | None = 1
    address: int | None = None
    port_number: int | None = 1
    port_numbers: tuple[int, ...] | None = (1,)
    speed: int | None = 2  # usb.util.SPEED_FULL


@dataclass
class ConfigurationDescriptor:
    """USB 2.0 §9.6.3."""

    bLength: int = 9
    bDescriptorType: int = 0x02
    wTotalLength: int = 9 + 9 + 7 + 7
    bNumInterfaces: int = 1
    bConfigurationValue: int = 1
    iConfiguration: int = 0
    bmAttributes: int = 0x80  # bus powered
    bMaxPower: int = 50  # 100 mA
    extra_descriptors: list[int] = field(default_factory=list)


@dataclass
class InterfaceDescriptor:
    """USB 2.0 §9.6.5: vendor-specific class, two endpoints."""

    bLength: int = 9
    bDescriptorType: int = 0x04
    bInterfaceNumber: int = 0
    bAlternateSetting: int = 0
    bNumEndpoints: int = 2
    bInterfaceClass: int = 0xFF
    bInterfaceSubClass: int = 0x00
    bInterfaceProtocol: int = 0x00
    iInterface: int = 0
    extra_descriptors: list[int] = field(default_factory=list)


@dataclass
class EndpointDescriptor:
    """USB 2.0 §9.6.6: a bulk endpoint."""

    bEndpointAddress: int
    bLength: int = 7
    bDescriptorType: int = 0x05
    bmAttributes: int = 0x02  # bulk
    wMaxPacketSize: int = MAX_PACKET
    bInterval: int = 0
    bRefresh: int = 0
    bSynchAddress: int = 0
    extra_descriptors: list[int] = field(default_factory=list)


class _Handle:
    """An open device handle; one host session."""

    def __init__(self, backend: EmulatedUSBBackend, generation: int) -> None:
        self.backend = backend
        self.generation = generation
        self.configuration = 0
        self.claimed: set[int] = set()
        self.inbox = bytearray()
        self.cond = threading.Condition()
        self.session = DeviceSession(backend.device, backend.device_lock, backend.faults, self)

    # faults.LinkSide
    def deliver(self, data: bytes) -> None:
        with self.cond:
            self.inbox += data
            self.cond.notify_all()

    def disconnect(self) -> None:
        self.backend.unplug()


def _no_device() -> usb.core.USBError:
    return usb.core.USBError("No such device (it may have been disconnected)",
                             error_code=-4, errno=errno.ENODEV)


class EmulatedUSBBackend(usb.backend.IBackend):
    """A pyusb backend with exactly one emulated bulk device."""

    def __init__(self, device: ByteDevice, faults: Faults, device_lock: threading.Lock, *,
                 vid: int = DEFAULT_VID, pid: int = DEFAULT_PID, serial: str = "EMU1",
                 manufacturer: str = "sigmakkt", product: str = "Emulated FN") -> None:
        self.device = device
        self.faults = faults
        self.device_lock = device_lock
        self.descriptor = DeviceDescriptor(vid, pid, address=next(_addresses))
        self.strings = {1: manufacturer, 2: product, 3: serial}
        self.serial = serial
        self.config = ConfigurationDescriptor()
        self.interface = InterfaceDescriptor()
        self.endpoints = (EndpointDescriptor(EP_OUT), EndpointDescriptor(EP_IN))
        self._generation = 0
        self._handle: _Handle | None = None
        self._lock = threading.Lock()
        self.present = True

    # --- plug state --------------------------------------------------------------------------

    def unplug(self) -> None:
        """Drop the current host session (as a pulled cable); a new open starts afresh."""
        with self._lock:
            handle, self._handle = self._handle, None
            self._generation += 1
        if handle is not None:
            handle.session.end()
            with handle.cond:
                handle.cond.notify_all()

    def _live(self, handle: _Handle) -> _Handle:
        if handle.generation != self._generation or not self.present:
            raise _no_device()
        return handle

    # --- enumeration and descriptors ---------------------------------------------------------

    def enumerate_devices(self) -> Any:
        if self.present:
            yield self

    def get_device_descriptor(self, dev: Any) -> DeviceDescriptor:
        return self.descriptor

    def get_configuration_descriptor(self, dev: Any, config: int) -> ConfigurationDescriptor:
        if config != 0:
            raise IndexError("configuration index out of range")
        return self.config

    def get_interface_descriptor(self, dev: Any, intf: int, alt: int,
                                 config: int) -> InterfaceDescriptor:
        if (config, intf, alt) != (0, 0, 0):
            raise IndexError("interface index out of range")
        return self.interface

    def get_endpoint_descriptor(self, dev: Any, ep: int, intf: int, alt: int,
                                config: int) -> EndpointDescriptor:
        if (config, intf, alt) != (0, 0, 0) or not 0 <= ep < len(self.endpoints):
            raise IndexError("endpoint index out of range")
        return self.endpoints[ep]

    # --- handles ------------------------------------------------------------------------------

    def open_device(self, dev: Any) -> _Handle:
        if not self.present:
            raise _no_device()
        with self._lock:
            old = self._handle
            if old is not None:
                old.session.end()
            self._generation += 1
            self._handle = _Handle(self, self._generation)
            return self._handle

    def close_device(self, dev_handle: _Handle) -> None:
        with self._lock:
            if self._handle is dev_handle:
                self._handle = None
                self._generation += 1
        dev_handle.session.end()
        with dev_handle.cond:
            dev_handle.cond.notify_all()

    def set_configuration(self, dev_handle: _Handle, config_value: int) -> None:
        self._live(dev_handle).configuration = config_value

    def get_configuration(self, dev_handle: _Handle) -> int:
        return self._live(dev_handle).configuration

    def set_interface_altsetting(self, dev_handle: _Handle, intf: int, altsetting: int) -> None:
        self._live(dev_handle)

    def claim_interface(self, dev_handle: _Handle, intf: int) -> None:
        self._live(dev_handle).claimed.add(intf)

    def release_interface(self, dev_handle: _Handle, intf: int) -> None:
        dev_handle.claimed.discard(intf)

    # --- transfers ----------------------------------------------------------------------------

    def bulk_write(self, dev_handle: _Handle, ep: int, intf: int, data: Any,
                   timeout: int) -> int:
        handle = self._live(dev_handle)
        if ep != EP_OUT:
            raise usb.core.USBError("Invalid parameter (not the bulk OUT endpoint)",
                                    error_code=-2, errno=errno.EINVAL)
        payload = bytes(data)
        handle.session.host_bytes(payload)
        return len(payload)

    def bulk_read(self, dev_handle: _Handle, ep: int, intf: int, buff: Any,
                  timeout: int) -> int:
        if ep != EP_IN:
            raise usb.core.USBError("Invalid parameter (not the bulk IN endpoint)",
                                    error_code=-2, errno=errno.EINVAL)
        handle = self._live(dev_handle)
        # libusb: timeout 0 means "wait forever"; bound it anyway so a test cannot hang.
        deadline = time.monotonic() + (timeout / 1000 if timeout else 3600.0)
        with handle.cond:
            while not handle.inbox:
                self._live(handle)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise usb.core.USBTimeoutError("Operation timed out", error_code=-7,
                                                   errno=errno.ETIMEDOUT)
                handle.cond.wait(remaining)
            n = min(len(buff), len(handle.inbox))
            buff[:n] = array.array("B", handle.inbox[:n])
            del handle.inbox[:n]
            return n

    def ctrl_transfer(self, dev_handle: _Handle, bmRequestType: int, bRequest: int,
                      wValue: int, wIndex: int, data: Any, timeout: int) -> int:
        self._live(dev_handle)
        if bmRequestType & 0x80 and bRequest == _GET_DESCRIPTOR and wValue >> 8 == _DESC_STRING:
            index = wValue & 0xFF
            if index == 0:
                payload = bytes((4, _DESC_STRING)) + _LANGID_EN_US.to_bytes(2, "little")
            elif index in self.strings:
                text = self.strings[index].encode("utf-16-le")
                payload = bytes((2 + len(text), _DESC_STRING)) + text
            else:
                raise usb.core.USBError("Pipe error (no such string)", error_code=-9,
                                        errno=errno.EPIPE)
            n = min(len(data), len(payload))
            data[:n] = array.array("B", payload[:n])
            return n
        if not bmRequestType & 0x80:  # OUT: CDC SET_LINE_CODING / SET_CONTROL_LINE_STATE etc.
            return len(data) if data is not None else 0
        raise usb.core.USBError("Pipe error (request not supported)", error_code=-9,
                                errno=errno.EPIPE)

    def clear_halt(self, dev_handle: _Handle, ep: int) -> None:
        self._live(dev_handle)

    def reset_device(self, dev_handle: _Handle) -> None:
        self.unplug()

    def is_kernel_driver_active(self, dev_handle: _Handle, intf: int) -> bool:
        return False

    def detach_kernel_driver(self, dev_handle: _Handle, intf: int) -> None:
        return None

    def attach_kernel_driver(self, dev_handle: _Handle, intf: int) -> None:
        return None


class USBEndpoint(ServedEndpoint):
    """A device served as an emulated USB device, found through the transport registry."""

    transport = "usb"

    def __init__(self, device: ByteDevice, faults: Faults | None = None, *,
                 vid: int = DEFAULT_VID, pid: int = DEFAULT_PID, serial: str | None = None,
                 device_lock: threading.Lock | None = None) -> None:
        super().__init__(device, faults, device_lock)
        self.serial = serial or f"EMU{next(_serials)}"
        self.backend = EmulatedUSBBackend(device, self.faults, self.device_lock, vid=vid,
                                          pid=pid, serial=self.serial)
        registry.register_usb_backend(self.backend)

    @property
    def url(self) -> str:
        d = self.backend.descriptor
        return f"usb://{d.idVendor:04x}:{d.idProduct:04x}?serial={self.serial}"

    def _shutdown(self) -> None:
        registry.unregister_usb_backend(self.backend)
        self.backend.present = False
        self.backend.unplug()
