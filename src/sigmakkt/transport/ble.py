"""``ble://ADDRESS``: a GATT write characteristic out, a notify characteristic in (extra ``ble``).

bleak is asyncio-only; this transport runs it on one private event-loop thread per process
(:func:`ble_loop`) so the SDK stays synchronous. Writes go with response, in chunks of
``mtu_size - 3`` (the ATT header), so a frame longer than the MTU is never refused or cut;
notifications are appended to a :class:`~sigmakkt.transport.buffer.ReceiveBuffer`, and the
framer above reassembles frames from them.

The client backend is, in order: ``backend=``, a backend registered for the address in
:mod:`sigmakkt.transport.registry` (the emulator's), else bleak's platform backend.

UUIDs default to the Nordic UART Service layout (service 6E400001…, write 6E400002…, notify
6E400003…), the common serial-over-BLE convention; no public document names the GATT layout of
an ATOL Sigma, so override with ``?service=&write=&notify=`` for a device that differs.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from sigmakkt.errors import Disconnected, MissingDependency, TransportError, TransportTimeout
from sigmakkt.transport import registry
from sigmakkt.transport.base import Transport
from sigmakkt.transport.buffer import ReceiveBuffer

SERVICE_UUID = "6e400001-b5a3-f393-e0a9-e50e24dcca9e"
WRITE_UUID = "6e400002-b5a3-f393-e0a9-e50e24dcca9e"
NOTIFY_UUID = "6e400003-b5a3-f393-e0a9-e50e24dcca9e"
#: ATT header bytes taken from each packet (opcode + handle).
ATT_HEADER = 3
#: Seconds allowed for connecting and for one GATT write.
CONNECT_TIMEOUT = 20.0
WRITE_TIMEOUT = 10.0

T = TypeVar("T")

_loop_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def ble_loop() -> asyncio.AbstractEventLoop:
    """The process-wide event loop (on a daemon thread) that runs every bleak call."""
    global _loop
    with _loop_lock:
        if _loop is None or _loop.is_closed():
            loop = asyncio.new_event_loop()
            threading.Thread(
                target=loop.run_forever, name="sigmakkt-ble-loop", daemon=True
            ).start()
            _loop = loop
        return _loop


def _run(coro: Coroutine[Any, Any, T], timeout: float) -> T:
    future = asyncio.run_coroutine_threadsafe(coro, ble_loop())
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()
        raise


class BLETransport(Transport):
    """A BLE peripheral reached through bleak."""

    def __init__(self, url: str, *, backend: type | None = None, **client_kwargs: Any) -> None:
        super().__init__(url)
        try:
            import bleak
        except ImportError as exc:
            raise MissingDependency("ble", "bleak") from exc
        self._bleak = bleak
        parts = urlsplit(url)
        self.address = registry.normalize_ble_address(parts.netloc + parts.path.strip("/"))
        if not self.address:
            raise TransportError(f"{url}: name the device, e.g. ble://AA:BB:CC:DD:EE:FF")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.write_uuid = query.get("write", WRITE_UUID)
        self.notify_uuid = query.get("notify", NOTIFY_UUID)
        self._backend = backend
        self._client_kwargs = client_kwargs
        self._client: Any = None
        self._rx = ReceiveBuffer(url)
        self.mtu = 20

    def open(self) -> None:
        if self._client is not None:
            return
        backend = self._backend or registry.ble_backend(self.address)
        client = self._bleak.BleakClient(
            self.address, disconnected_callback=self._on_disconnect, backend=backend,
            timeout=CONNECT_TIMEOUT, **self._client_kwargs,
        )
        self._rx.reopen()
        try:
            _run(self._connect(client), CONNECT_TIMEOUT + 5)
        except TimeoutError as exc:
            raise TransportTimeout(f"{self.url}: no BLE connection within "
                                   f"{CONNECT_TIMEOUT:g} s") from exc
        except Exception as exc:
            raise TransportError(f"{self.url}: cannot connect: {exc}") from exc
        self.mtu = max(int(client.mtu_size) - ATT_HEADER, 20)
        self._client = client

    async def _connect(self, client: Any) -> None:
        await client.connect()
        try:
            await client.start_notify(self.notify_uuid, self._on_notify)
        except Exception:
            await client.disconnect()
            raise

    def _on_notify(self, _char: Any, data: bytearray) -> None:
        self._rx.feed(bytes(data))

    def _on_disconnect(self, _client: Any) -> None:
        self._rx.close("the BLE peripheral disconnected")

    def close(self) -> None:
        client, self._client = self._client, None
        self._rx.close("closed by this side")
        if client is None:
            return
        try:
            _run(client.disconnect(), 5.0)
        except Exception:  # closing must not fail
            pass

    @property
    def is_open(self) -> bool:
        return self._client is not None and not self._rx.closed

    def write(self, data: bytes) -> None:
        client = self._client
        if client is None or self._rx.closed:
            raise Disconnected(f"{self.url}: not connected")
        try:
            _run(self._write(client, bytes(data)), WRITE_TIMEOUT)
        except TimeoutError as exc:
            raise TransportTimeout(f"{self.url}: GATT write not acknowledged") from exc
        except Exception as exc:
            raise Disconnected(f"{self.url}: GATT write failed: {exc}") from exc

    async def _write(self, client: Any, data: bytes) -> None:
        step = self.mtu
        for pos in range(0, len(data), step):
            await client.write_gatt_char(self.write_uuid, data[pos : pos + step], response=True)

    def read(self, deadline: float, max_bytes: int = 4096) -> bytes:
        return self._rx.read(deadline, max_bytes)

    def discard_input(self) -> None:
        self._rx.clear()
