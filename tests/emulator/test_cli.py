"""``sigmakkt-emulator`` in a subprocess: the endpoint lines, live endpoints, clean SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sigmakkt.protocol.fn import FrameDecoder, encode_frame


def _start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "sigmakkt_emulator.cli", "--state", str(tmp_path), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines: dict[str, str] = {}
    while "receipts" not in lines:
        line = proc.stdout.readline()
        assert line, f"emulator exited early: {proc.communicate(timeout=10)}"
        name, url = line.strip().split(" ", 1)
        lines[name] = url
    return proc, lines


def test_prints_endpoints_serves_fn_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc, lines = _start(tmp_path)
    try:
        assert set(lines) == {"fn", "printer", "ofd", "receipts"}
        for name in ("fn", "printer", "ofd"):
            url = urlsplit(lines[name])
            assert url.scheme == "tcp" and url.hostname == "127.0.0.1" and url.port
        assert Path(lines["receipts"]) == tmp_path / "receipts"
        # the FN endpoint answers a real 30h status request (FN frame, S2 §4.1)
        fn = urlsplit(lines["fn"])
        assert fn.hostname is not None and fn.port is not None
        with socket.create_connection((fn.hostname, fn.port), timeout=5) as sock:
            sock.sendall(encode_frame(0x30))
            decoder = FrameDecoder(answers=True)
            frames = []
            while not frames:
                chunk = sock.recv(4096)
                assert chunk, "FN endpoint closed without answering"
                frames = decoder.feed(chunk)
        assert frames[0].code == 0x00          # answer code OK
        assert len(frames[0].data) > 0
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert (tmp_path / "fn.sqlite3").exists()   # state flushed to the state folder


def test_sigint_stops_too_and_no_ofd_option(tmp_path: Path) -> None:
    proc, lines = _start(tmp_path, "--no-ofd")
    try:
        assert "ofd" not in lines and "fn" in lines
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err


def test_bad_option_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "sigmakkt_emulator.cli", "--transport", "emu"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
