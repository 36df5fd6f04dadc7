"""Serve a device on a TCP port (127.0.0.1 and an ephemeral port by default).

A daemon thread accepts connections; each connection gets its own reader thread. Binding to
anything but a loopback address logs a warning: the emulator has no authentication.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading

from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve.base import ServedEndpoint
from sigmakkt_emulator.serve.session import DeviceSession

log = logging.getLogger("sigmakkt_emulator.serve")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _TCPConnection:
    """One accepted host socket; the fault layer's link side."""

    def __init__(self, endpoint: TCPEndpoint, sock: socket.socket) -> None:
        self.endpoint = endpoint
        self.sock = sock
        self._send_lock = threading.Lock()
        self._open = True
        self.session = DeviceSession(endpoint.device, endpoint.device_lock, endpoint.faults, self)
        self.thread = threading.Thread(
            target=self._run, name=f"sigmakkt-emu-tcp-{endpoint.port}", daemon=True
        )

    def _run(self) -> None:
        try:
            while self._open:
                try:
                    data = self.sock.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                self.session.host_bytes(data)
        finally:
            self.disconnect()

    def deliver(self, data: bytes) -> None:
        if not self._open:
            return
        try:
            with self._send_lock:
                self.sock.sendall(data)
        except OSError:
            self.disconnect()

    def disconnect(self) -> None:
        if not self._open:
            return
        self._open = False
        self.session.end()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.endpoint._forget(self)


class TCPEndpoint(ServedEndpoint):
    """A device behind a listening TCP socket."""

    transport = "tcp"

    def __init__(self, device: ByteDevice, faults: Faults | None = None, *,
                 host: str = "127.0.0.1", port: int = 0,
                 device_lock: threading.Lock | None = None) -> None:
        super().__init__(device, faults, device_lock)
        if not _is_loopback(host):
            log.warning("serving an emulated device on %s: reachable from other machines, "
                        "and the emulator has no authentication", host)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._listener = socket.socket(family, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(4)
        self.host = host
        self.port: int = self._listener.getsockname()[1]
        self._conns: list[_TCPConnection] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self._accept_loop, name=f"sigmakkt-emu-tcp-accept-{self.port}", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"tcp://{host}:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)`` the endpoint listens on."""
        return (self.host, self.port)

    def _accept_loop(self) -> None:
        while not self.closed:
            try:
                sock, _peer = self._listener.accept()
            except OSError:
                return
            if self.closed:
                sock.close()
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = _TCPConnection(self, sock)
            with self._lock:
                self._conns.append(conn)
            conn.thread.start()

    def _forget(self, conn: _TCPConnection) -> None:
        with self._lock:
            self._conns = [c for c in self._conns if c is not conn]

    def _shutdown(self) -> None:
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            conn.disconnect()
        self._thread.join(2.0)
