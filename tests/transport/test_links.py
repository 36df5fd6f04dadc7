"""Per-link specifics: serial port ownership, USB descriptors, BLE MTU chunking, extras."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
import usb.core
import usb.util

from sigmakkt.errors import Disconnected, MissingDependency, PortBusy
from sigmakkt.transport import make_transport, open_transport, registry
from sigmakkt_emulator.serve import serve
from tests.transport.fakes import Echo
from tests.transport.test_transports import read_exactly


class ChunkRecorder(Echo):
    """Echo that remembers the size of every write it got."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def receive(self, data: bytes) -> bytes:
        self.sizes.append(len(data))
        return super().receive(data)


# --- serial port ownership ---------------------------------------------------------------------


def test_second_open_in_this_process_is_port_busy() -> None:
    with serve(Echo(), "pty") as endpoint, open_transport(endpoint.url), \
            pytest.raises(PortBusy, match="in use by another program"):
        open_transport(endpoint.url)


def test_second_process_gets_port_busy_and_can_open_after_release() -> None:
    script = textwrap.dedent("""
        import sys
        from sigmakkt.errors import PortBusy
        from sigmakkt.transport import open_transport
        try:
            open_transport(sys.argv[1]).close()
        except PortBusy as exc:
            print("PortBusy:", exc)
        else:
            print("opened")
    """)
    with serve(Echo(), "pty") as endpoint:
        held = open_transport(endpoint.url)
        busy = subprocess.run([sys.executable, "-c", script, endpoint.url],
                              capture_output=True, text=True, timeout=60)
        assert busy.stdout.startswith("PortBusy:"), busy.stdout + busy.stderr
        assert "/dev/" in busy.stdout
        held.close()
        free = subprocess.run([sys.executable, "-c", script, endpoint.url],
                              capture_output=True, text=True, timeout=60)
        assert free.stdout.strip() == "opened", free.stdout + free.stderr


# --- USB --------------------------------------------------------------------------------------


def test_usb_backend_has_proper_descriptors_and_string_serial() -> None:
    with serve(Echo(), "usb", serial="EMU42") as endpoint:
        backend = endpoint.backend  # type: ignore[attr-defined]
        dev = usb.core.find(backend=backend, idVendor=0x2912, idProduct=0x0005)
        assert dev is not None
        assert dev.serial_number == "EMU42"
        assert dev.product == "Emulated FN"
        assert usb.core.find(backend=backend, idVendor=0x2912, idProduct=0x0006) is None
        dev.set_configuration()
        cfg = dev.get_active_configuration()
        intf = cfg[(0, 0)]
        eps = {ep.bEndpointAddress: ep for ep in intf}
        assert set(eps) == {0x01, 0x82}
        assert all(usb.util.endpoint_type(ep.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK
                   for ep in eps.values())
        assert dev.write(0x01, b"ping", 100) == 4
        assert bytes(dev.read(0x82, 64, 100)) == b"ping"
        with pytest.raises(usb.core.USBTimeoutError):
            dev.read(0x82, 64, 20)
        usb.util.dispose_resources(dev)


def test_usb_url_picks_the_device_by_serial() -> None:
    first, second = serve(Echo(), "usb", serial="EMU-A"), serve(ChunkRecorder(), "usb",
                                                               serial="EMU-B")
    try:
        assert second.url == "usb://2912:0005?serial=EMU-B"
        with open_transport(second.url) as transport:
            transport.write(b"x")
            assert read_exactly(transport, 1) == b"x"
        assert second.device.sizes == [1]  # type: ignore[attr-defined]
        assert first.device.received == b""  # type: ignore[attr-defined]
    finally:
        first.close()
        second.close()
    assert second.backend not in registry.usb_backends()  # type: ignore[attr-defined]


def test_usb_explicit_backend_argument() -> None:
    with serve(Echo(), "usb") as endpoint:
        registry.unregister_usb_backend(endpoint.backend)  # type: ignore[attr-defined]
        with open_transport("usb://2912:0005", backend=endpoint.backend) as transport:  # type: ignore[attr-defined]
            transport.write(b"abc")
            assert read_exactly(transport, 3) == b"abc"


# --- BLE --------------------------------------------------------------------------------------


def test_ble_writes_in_mtu_chunks_and_reassembles_notifications() -> None:
    device = ChunkRecorder()
    with serve(device, "ble", mtu=185) as endpoint, open_transport(endpoint.url) as transport:
        assert transport.mtu == 182
        payload = bytes(range(200)) * 2  # 400 bytes
        transport.write(payload)
        assert device.sizes == [182, 182, 36]
        # the echo comes back as notifications of at most 182 bytes, reassembled in order
        assert read_exactly(transport, 400) == payload


def test_ble_peripheral_disconnect_is_seen() -> None:
    with serve(Echo(), "ble") as endpoint:
        transport = open_transport(endpoint.url)
        endpoint.faults.power_cut()
        with pytest.raises(Disconnected):
            transport.read(time.monotonic() + 2)
        transport.close()


# --- optional extras ----------------------------------------------------------------------------


def test_missing_pyusb_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "usb" or m.startswith("usb.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "usb", None)
    transport = make_transport("usb://2912:0005")
    with pytest.raises(MissingDependency) as info:
        transport.open()
    assert info.value.extra == "usb" and info.value.package == "pyusb"
    assert "pip install 'sigmakkt[usb]'" in str(info.value)


def test_missing_bleak_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bleak", None)
    with pytest.raises(MissingDependency) as info:
        make_transport("ble://AA:BB:CC:DD:EE:FF")
    assert info.value.extra == "ble" and "pip install 'sigmakkt[ble]'" in str(info.value)
