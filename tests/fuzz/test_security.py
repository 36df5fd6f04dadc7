"""Security posture (docs/security.rst): loopback binding, no secrets in logs, hex frame
logging off by default, request sizes bounded before allocation, the OFD server survives
hostile messages."""

from __future__ import annotations

import datetime as dt
import logging
import random
import socket
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from sigmakkt.protocol.fn.frame import MAX_LEN, FrameDecoder
from sigmakkt.protocol.ofd.container import MAX_CONTAINER, SESSION_HEADER_SIZE
from sigmakkt.register import Cashier, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.emulator import Emulator
from sigmakkt_emulator.fn import FNSettings
from sigmakkt_emulator.fn.sign import _fn_key
from sigmakkt_emulator.ofd import OFDServer
from sigmakkt_emulator.printer.device import EmulatedPrinter
from sigmakkt_emulator.serve import serve
from tests.fuzz.corpus import corpus

SECRET = b"test-factory-secret-\x8a\x17\xfe-must-never-show"
INN = "7707083893"
SERIAL = "0149060006000651"


class _All(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def every_log_line() -> Iterator[_All]:
    """Every record of every logger at DEBUG (frames in hex included), formatted."""
    handler = _All()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old)


def test_emulator_binds_loopback_by_default() -> None:
    with Emulator(transport="tcp") as emu:
        for url in (emu.fn_url, emu.printer_url):
            assert url.startswith("tcp://127.0.0.1:"), url
        assert emu.ofd_address is not None and emu.ofd_address[0] == "127.0.0.1"


def test_binding_elsewhere_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sigmakkt_emulator"):
        endpoint = serve(EmulatedPrinter(None), "tcp", host="0.0.0.0")
        endpoint.close()
    assert any("no authentication" in r.getMessage() for r in caplog.records)
    with pytest.warns(RuntimeWarning, match="not loopback"):
        server = OFDServer(host="0.0.0.0")
    server.stop()


def test_no_fiscal_sign_key_in_logs(every_log_line: _All, tmp_path: Path) -> None:
    """A whole session logged at DEBUG (hex frames on) never shows the factory secret or the
    per-FN key derived from it, in any encoding; nor do the state directory's files."""
    settings = FNSettings(factory_secret=SECRET)
    with Register.emulated(state_dir=str(tmp_path), fn_settings=settings,
                           emulator_clock=Clock(dt.datetime(2026, 3, 2, 9, 0),
                                                frozen=True)) as kkt:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL, org_name="ООО",
                     address="г. Москва", place=None, tax_systems={TaxSystem.OSN},
                     ofd_inn=kkt.emulator.ofd_inn)
        kkt.open_shift(Cashier("Петров П.П."))
        kkt.sell([Item("Хлеб", "45.50", vat=VAT.VAT10)], [Payment.cash("50.00")])
        kkt.ofd_exchange()
        kkt.close_shift()
        key = _fn_key(kkt.fn_number, SECRET)
    text = "\n".join(every_log_line.lines)
    assert "FN -> 04 " in text, "hex frames were not logged"
    forms = [SECRET.hex(), SECRET.hex(" "), repr(SECRET), SECRET.decode("latin-1"),
             key.hex(), key.hex(" "), repr(key)]
    for form in forms:
        assert form not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert SECRET not in raw and key not in raw and key.hex().encode() not in raw, path


def test_hex_frame_logging_is_off_by_default(caplog: pytest.LogCaptureFixture) -> None:
    """With logging left at its defaults nothing below WARNING is emitted for frames; turning
    ``sigmakkt.fn`` to DEBUG is what shows them (docs/security.rst)."""
    caplog.set_level(logging.WARNING)
    with Register.emulated() as kkt:
        kkt.status()
        assert not logging.getLogger("sigmakkt.fn").isEnabledFor(logging.DEBUG)
        assert not [r for r in caplog.records if r.name.startswith("sigmakkt.fn")]
        logging.getLogger("sigmakkt.fn").setLevel(logging.DEBUG)
        try:
            with caplog.at_level(logging.DEBUG, logger="sigmakkt.fn"):
                kkt.status()
        finally:
            logging.getLogger("sigmakkt.fn").setLevel(logging.NOTSET)
    hex_lines = [r.getMessage() for r in caplog.records if r.name == "sigmakkt.fn"]
    assert any(line.startswith("FN ") and "04 " in line for line in hex_lines), hex_lines


def test_frame_length_checked_before_buffering() -> None:
    """A frame announcing more than MAX_LEN is refused at once: nothing waits for its bytes."""
    decoder = FrameDecoder(requests=True)
    head = b"\x04" + struct.pack("<H", MAX_LEN + 1) + b"\x30"
    with pytest.raises(Exception, match="outside"):
        decoder.feed(head)
    assert decoder.buffered < 4


def _recv_all(sock: socket.socket) -> bytes:
    out = bytearray()
    try:
        while chunk := sock.recv(65536):
            out += chunk
    except (TimeoutError, OSError):
        pass
    return bytes(out)


def test_ofd_server_survives_hostile_messages() -> None:
    """Mutated and oversized messages: each connection is answered or closed, the server
    never stops serving, and a container length over MAX_CONTAINER is refused from the
    header alone (the server does not wait for, or buffer, the announced bytes)."""
    messages = corpus().messages
    rng = random.Random(9)
    server = OFDServer().start()
    try:
        host, port = server.address
        hostile: list[bytes] = []
        for _ in range(60):
            msg = bytearray(rng.choice(messages))
            for _ in range(rng.randint(1, 6)):
                msg[rng.randrange(len(msg))] = rng.randrange(256)
            hostile.append(bytes(msg[: rng.randint(1, len(msg))] if rng.random() < 0.3
                                 else msg))
        huge = bytearray(messages[0][:SESSION_HEADER_SIZE])
        struct.pack_into("<H", huge, 24, 0xFFFF)  # session header: container length field
        hostile.append(bytes(huge))
        for data in hostile:
            with socket.create_connection((host, port), timeout=1.0) as s:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
                _recv_all(s)
        # still serving: a well-formed message gets a reply
        with socket.create_connection((host, port), timeout=2.0) as s:
            s.sendall(messages[0])
            s.shutdown(socket.SHUT_WR)
            assert len(_recv_all(s)) > SESSION_HEADER_SIZE
    finally:
        server.stop()
    assert MAX_CONTAINER == 32 * 1024
