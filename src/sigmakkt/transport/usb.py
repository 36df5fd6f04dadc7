"""``usb://VID:PID[?serial=…&interface=N]``: bulk IN/OUT endpoints through pyusb (extra ``usb``).

The device is searched in the software backends registered in
:mod:`sigmakkt.transport.registry` (the emulator's), then with pyusb's default backend (libusb;
on Windows the ``libusb-package`` wheel supplies the DLL). ``backend=`` overrides both. The
first interface with a bulk OUT and a bulk IN endpoint is used (``interface=`` picks another).

A reader thread keeps a bulk IN transfer pending (each at most :data:`POLL_SLICE` seconds)
and feeds what arrives into a :class:`~sigmakkt.transport.buffer.ReceiveBuffer`, as an OS
driver would: ``read`` waits on that buffer with its deadline, ``discard_input`` really drops
what the device already sent (a late answer), and ``close`` from another thread wakes a
blocked read at once.
"""

from __future__ import annotations

import errno
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sigmakkt.errors import (
    Disconnected,
    MissingDependency,
    PortBusy,
    TransportError,
    TransportTimeout,
)
from sigmakkt.transport import registry
from sigmakkt.transport.base import Transport
from sigmakkt.transport.buffer import ReceiveBuffer

#: Longest single bulk read; bounds how long a close from another thread takes.
POLL_SLICE = 0.1
#: Timeout of one bulk OUT transfer, in milliseconds.
WRITE_TIMEOUT_MS = 2000

_BULK = 0x02
_DIR_IN = 0x80


def _import_usb() -> Any:
    try:
        import usb.core
        import usb.util
    except ImportError as exc:
        raise MissingDependency("usb", "pyusb") from exc
    return usb


def _parse_id(text: str, url: str) -> int:
    try:
        value = int(text, 16)
    except ValueError:
        raise TransportError(f"{url}: VID and PID are hex numbers, e.g. usb://2912:0005") \
            from None
    if not 0 <= value <= 0xFFFF:
        raise TransportError(f"{url}: {text} is not a 16-bit USB id")
    return value


class USBTransport(Transport):
    """A USB device's bulk endpoint pair."""

    def __init__(self, url: str, *, backend: Any = None) -> None:
        super().__init__(url)
        parts = urlsplit(url)
        ids = parts.netloc.split(":")
        if len(ids) != 2:
            raise TransportError(f"{url}: a USB URL is usb://VID:PID (hex), e.g. usb://2912:0005")
        self.vid = _parse_id(ids[0], url)
        self.pid = _parse_id(ids[1], url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.serial: str | None = query.get("serial")
        self.interface = int(query["interface"]) if "interface" in query else None
        self._backend = backend
        self._usb: Any = None
        self._dev: Any = None
        self._ep_out: Any = None
        self._ep_in: Any = None
        self._rx = ReceiveBuffer(url)
        self._reader: threading.Thread | None = None
        self._closing = threading.Event()

    # --- discovery ----------------------------------------------------------------------------

    def _match(self, dev: Any) -> bool:
        if self.serial is None:
            return True
        try:
            return bool(dev.serial_number == self.serial)
        except (ValueError, NotImplementedError, self._usb.core.USBError):
            return False

    def _find(self) -> Any:
        usb = self._usb
        kwargs: dict[str, Any] = {
            "idVendor": self.vid, "idProduct": self.pid, "custom_match": self._match,
        }
        if self._backend is not None:
            return usb.core.find(backend=self._backend, **kwargs)
        for backend in registry.usb_backends():
            dev = usb.core.find(backend=backend, **kwargs)
            if dev is not None:
                return dev
        try:
            return usb.core.find(**kwargs)
        except usb.core.NoBackendError as exc:
            raise TransportError(
                f"{self.url}: pyusb found no USB backend; install libusb (Linux: the libusb-1.0 "
                "package; Windows: pip install 'sigmakkt[usb]' brings libusb-package)"
            ) from exc

    def open(self) -> None:
        if self._dev is not None:
            return
        self._usb = usb = _import_usb()
        dev = self._find()
        if dev is None:
            which = f"{self.vid:04x}:{self.pid:04x}" + (
                f" with serial {self.serial!r}" if self.serial else ""
            )
            raise TransportError(
                f"{self.url}: no USB device {which}; check the cable, the ids (lsusb) and, on "
                "Linux, the udev rule giving you access"
            )
        try:
            try:
                dev.get_active_configuration()
            except usb.core.USBError:
                dev.set_configuration()
            cfg = dev.get_active_configuration()
            ep_out = ep_in = None
            for intf in cfg:
                if self.interface is not None and intf.bInterfaceNumber != self.interface:
                    continue
                outs = [e for e in intf if e.bmAttributes & 3 == _BULK
                        and not e.bEndpointAddress & _DIR_IN]
                ins = [e for e in intf if e.bmAttributes & 3 == _BULK
                       and e.bEndpointAddress & _DIR_IN]
                if outs and ins:
                    ep_out, ep_in = outs[0], ins[0]
                    try:
                        if dev.is_kernel_driver_active(intf.bInterfaceNumber):
                            dev.detach_kernel_driver(intf.bInterfaceNumber)
                    except (NotImplementedError, usb.core.USBError):
                        pass
                    usb.util.claim_interface(dev, intf.bInterfaceNumber)
                    break
        except usb.core.USBError as exc:
            usb.util.dispose_resources(dev)
            if exc.errno == errno.EBUSY:
                raise PortBusy(
                    f"{self.url}: the USB interface is claimed by another program or driver"
                ) from exc
            if exc.errno == errno.EACCES:
                raise TransportError(
                    f"{self.url}: permission denied; install the udev rule from the docs"
                ) from exc
            raise TransportError(f"{self.url}: cannot open: {exc}") from exc
        if ep_out is None or ep_in is None:
            usb.util.dispose_resources(dev)
            raise TransportError(f"{self.url}: the device has no bulk IN/OUT endpoint pair")
        self._ep_out, self._ep_in = ep_out, ep_in
        self.mtu = max(int(ep_out.wMaxPacketSize), 8) * 64
        self._closing.clear()
        self._rx.reopen()
        self._dev = dev
        self._reader = threading.Thread(target=self._pump, args=(dev,), daemon=True,
                                        name=f"sigmakkt-usb-{self.vid:04x}:{self.pid:04x}")
        self._reader.start()

    def _pump(self, dev: Any) -> None:
        """Reader thread: keep a bulk IN transfer pending, feed the receive buffer."""
        usb = self._usb
        address = self._ep_in.bEndpointAddress
        size = max(int(self._ep_in.wMaxPacketSize), 4096)
        timeout_ms = int(POLL_SLICE * 1000)
        while not self._closing.is_set():
            try:
                chunk = dev.read(address, size, timeout_ms)
            except usb.core.USBTimeoutError:
                continue
            except (usb.core.USBError, ValueError, AttributeError) as exc:
                if not self._closing.is_set():
                    self._rx.close(f"the USB device went away ({exc})")
                return
            self._rx.feed(bytes(chunk))

    def close(self) -> None:
        dev, self._dev = self._dev, None
        self._closing.set()
        self._rx.close("closed by this side")
        if dev is None:
            return
        reader, self._reader = self._reader, None
        if reader is not None and reader is not threading.current_thread():
            reader.join(POLL_SLICE * 5)
        try:
            self._usb.util.dispose_resources(dev)
        except Exception:  # closing must not fail
            pass

    @property
    def is_open(self) -> bool:
        return self._dev is not None and not self._rx.closed

    def _require(self) -> Any:
        dev = self._dev
        if dev is None:
            raise Disconnected(f"{self.url}: not open")
        return dev

    def write(self, data: bytes) -> None:
        dev = self._require()
        if self._rx.closed:
            raise Disconnected(f"{self.url}: the USB device went away")
        view = memoryview(bytes(data))
        try:
            while view:
                n = dev.write(self._ep_out.bEndpointAddress, view[: self.mtu], WRITE_TIMEOUT_MS)
                view = view[n:]
        except self._usb.core.USBTimeoutError as exc:
            raise TransportTimeout(f"{self.url}: the device did not accept data") from exc
        except self._usb.core.USBError as exc:
            raise Disconnected(f"{self.url}: write failed: {exc}") from exc

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        return self._rx.read(deadline, max_bytes)

    def discard_input(self) -> None:
        self._rx.clear()
