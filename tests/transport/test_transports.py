"""Every transport against test devices served on every link: bytes, deadlines, close."""

from __future__ import annotations

import threading
import time

import pytest

from sigmakkt.errors import Disconnected, TransportError, TransportTimeout
from sigmakkt.transport import Transport, make_transport, open_transport
from sigmakkt_emulator.serve import ServedEndpoint, serve
from tests.transport.fakes import Echo


def read_exactly(transport: Transport, n: int, timeout: float = 3.0) -> bytes:
    deadline = time.monotonic() + timeout
    out = b""
    while len(out) < n:
        out += transport.read(deadline)
    return out


def test_url_alone_opens_and_round_trips(echo_endpoint: ServedEndpoint) -> None:
    payload = bytes(range(256)) * 16  # 4 KiB: several BLE MTUs, many USB packets
    with open_transport(echo_endpoint.url) as transport:
        assert transport.is_open
        transport.write(payload)
        assert read_exactly(transport, len(payload)) == payload
        transport.write(b"\x04\x01\x00\x30\xff\xcd")
        assert read_exactly(transport, 6) == b"\x04\x01\x00\x30\xff\xcd"
    assert not transport.is_open


def test_read_honours_its_deadline(echo_endpoint: ServedEndpoint) -> None:
    with open_transport(echo_endpoint.url) as transport:
        start = time.monotonic()
        with pytest.raises(TransportTimeout):
            transport.read(start + 0.2)
        elapsed = time.monotonic() - start
        assert 0.19 <= elapsed < 1.5
        with pytest.raises(TransportTimeout):  # a deadline in the past returns at once
            transport.read(time.monotonic() - 1)


def test_close_from_another_thread_wakes_a_blocked_read(echo_endpoint: ServedEndpoint) -> None:
    transport = open_transport(echo_endpoint.url)
    outcome: list[BaseException] = []

    def reader() -> None:
        try:
            transport.read(time.monotonic() + 10)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.1)
    start = time.monotonic()
    transport.close()
    thread.join(2.0)
    assert not thread.is_alive(), "close did not wake the blocked read"
    assert time.monotonic() - start < 1.5
    assert len(outcome) == 1 and isinstance(outcome[0], Disconnected)


def test_discard_input_drops_unread_bytes(echo_endpoint: ServedEndpoint) -> None:
    with open_transport(echo_endpoint.url) as transport:
        transport.write(b"stale")
        read_exactly(transport, 1)  # the echo has arrived (at least its first byte)
        time.sleep(0.05)
        transport.discard_input()
        transport.write(b"fresh")
        assert read_exactly(transport, 5) == b"fresh"


def test_write_after_close_raises(echo_endpoint: ServedEndpoint) -> None:
    transport = open_transport(echo_endpoint.url)
    transport.close()
    transport.close()  # idempotent
    with pytest.raises(Disconnected):
        transport.write(b"x")


def test_endpoint_close_is_seen_by_the_host(kind: str) -> None:
    if kind == "pty":
        pytest.skip("a serial line cannot be hung up from the device side")
    endpoint = serve(Echo(), kind)
    transport = open_transport(endpoint.url)
    try:
        endpoint.close()
        with pytest.raises(Disconnected):
            transport.write(b"x")
            transport.read(time.monotonic() + 2)
    finally:
        transport.close()


def test_unknown_scheme_and_bad_urls() -> None:
    with pytest.raises(TransportError, match="unknown transport scheme"):
        make_transport("ftp://x")
    with pytest.raises(TransportError, match="hex"):
        make_transport("usb://zz:0005")
    with pytest.raises(TransportError, match="host and a port"):
        make_transport("tcp://127.0.0.1")
    with pytest.raises(TransportError, match="no in-process endpoint named 'nope'"):
        open_transport("emu://nope")


def test_emu_url_is_gone_after_close() -> None:
    endpoint = serve(Echo(), "emu", name="gone-after-close")
    url = endpoint.url
    assert url == "emu://gone-after-close"
    endpoint.close()
    with pytest.raises(TransportError):
        open_transport(url)


def test_tcp_refused_is_a_transport_error() -> None:
    endpoint = serve(Echo(), "tcp")
    url = endpoint.url
    endpoint.close()
    with pytest.raises(TransportError, match="cannot connect"):
        open_transport(url, connect_timeout=1.0)


def test_pyserial_urls_pass_through() -> None:
    with open_transport("loop://") as transport:  # pyserial's own loopback handler
        transport.write(b"\x05")
        assert read_exactly(transport, 1) == b"\x05"
    with serve(Echo(), "tcp") as endpoint:  # socket:// reaches a TCP endpoint via pyserial
        port = endpoint.url.rsplit(":", 1)[1]
        with open_transport(f"socket://127.0.0.1:{port}") as transport:
            transport.write(b"hello")
            assert read_exactly(transport, 5) == b"hello"


def test_serial_url_options_are_parsed() -> None:
    transport = make_transport("serial:///dev/ttyACM0?baudrate=9600&parity=e&rtscts=1")
    assert transport.port == "/dev/ttyACM0"  # type: ignore[attr-defined]
    options = transport._options  # type: ignore[attr-defined]
    assert options == {"baudrate": 9600, "parity": "E", "rtscts": True, "exclusive": True}
    with pytest.raises(TransportError, match="unknown serial option"):
        make_transport("serial:///dev/ttyACM0?speed=9600")


def test_tcp_endpoint_on_a_public_address_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="sigmakkt_emulator.serve"), \
            serve(Echo(), "tcp", host="0.0.0.0"):
        pass
    assert any("no authentication" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level("WARNING", logger="sigmakkt_emulator.serve"), serve(Echo(), "tcp"):
        pass
    assert not caplog.records
