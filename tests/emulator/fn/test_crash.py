"""Crash safety: SIGKILL at random points of document building, 200 times (issue 3 acceptance 4).

One state directory lives through all 200 runs. Each run forks a child that continues the FN's
life (registration, shifts, receipts sent in several 07h frames) and reports every completed
document's FD through a pipe; the parent kills it with SIGKILL after a random delay. After each
kill the parent reopens the state directory and checks: FD numbers contiguous from 1, the state
row agrees with the archive, every new document is whole and its fiscal sign verifies, every FD
the child saw completed is there (durability) and at most one more (the one in flight), and a
restarted FN has no current document (a real FN loses the unfinished document on power loss).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_string
from sigmakkt.protocol.fn.commands.registration import BeginRegistrationV2, CompleteRegistrationV2
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.enums import (
    DocumentCode,
    ExtendedFlags,
    FFDVersion,
    OperationType,
    Phase,
    RegistrationType,
    TaxSystem,
    WorkMode,
)
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import EmulatedFN
from sigmakkt_emulator.fn.documents import verify_document
from sigmakkt_emulator.fn.state import FNState
from sigmakkt_emulator.fn.store import Store

from .driver import Driver, item
from .test_life import INN, OFD_INN, RNM, receipt_tlv

RUNS = 200
BEGIN = 0xFFFFFFFF  # pipe marker: a document was begun

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _child(state_dir: str, wfd: int, seed: int) -> None:
    """Run the FN's life forever, writing each completed FD to ``wfd``."""
    rng = random.Random(seed)
    d = Driver(clock=Clock(), state_dir=state_dir)

    def done(fd: int) -> None:
        os.write(wfd, fd.to_bytes(4, "little"))

    def begin() -> None:
        os.write(wfd, BEGIN.to_bytes(4, "little"))

    st = d.call(0x30)
    if st.phase == Phase.READY:
        begin()
        d.call(0xA2, BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
        d.send_tlv(encode_tlv(1048, encode_string("ООО Ромашка")))
        done(d.call(0xA3, CompleteRegistrationV2(
            d.now(), INN, RNM, TaxSystem.OSN, WorkMode(0), ExtendedFlags(0), OFD_INN, None)).fd)
    while True:
        if not d.call(0x10).shift_open:
            begin()
            d.call(0x11, DateTimeRequest(d.now()))
            d.send_tlv(encode_tlv(1021, encode_string("Иванова А.А.")))
            done(d.call(0x12).fd)
        for _ in range(rng.randint(1, 6)):
            items = [item(f"Товар {i}", 1000 + i, "1", 1) for i in range(rng.randint(1, 8))]
            total = sum(1000 + i for i in range(len(items)))
            begin()
            d.call(0x15, DateTimeRequest(d.now()))
            data = receipt_tlv(1, total, total, True, items)
            for one in _frames(data):
                d.raw(0x07, one)
            done(d.call(0x16, CompleteReceipt(d.now(), OperationType.SELL, total)).fd)
        begin()
        d.call(0x13, DateTimeRequest(d.now()))
        done(d.call(0x14).fd)


def _frames(data: bytes) -> list[bytes]:
    """Split whole TLVs into several 07h payloads (one TLV each) to widen the window."""
    from sigmakkt.protocol.ffd.tlv import iter_tlv

    return [encode_tlv(t.tag, t.value) for t in iter_tlv(data)]


def _check(state_dir: Path, verified: int, seen: int) -> int:
    store = Store(state_dir)
    try:
        fds = store.fd_numbers()
        n = len(fds)
        assert fds == list(range(1, n + 1)), "FD numbers must be contiguous"
        raw = store.load_state()
        last_fd = FNState.from_json(raw).last_fd if raw is not None else 0
        assert last_fd == n, "state row and archive disagree"
        assert seen <= n <= seen + 1, (seen, n)
        for fd in range(verified + 1, n + 1):
            doc = store.get(fd)
            assert doc is not None and verify_document(doc.tlv), fd
    finally:
        store.close()
    fn = EmulatedFN(state_dir=str(state_dir))
    try:
        status = fn.dispatch(0x30, b"")
        assert status[0] == 0
        assert status[1][1] == DocumentCode.NONE  # the unfinished document is gone
        assert status[1][2] == 0
    finally:
        fn.close()
    return n


def test_sigkill_during_document_building(tmp_path: Path) -> None:
    rng = random.Random(20261204)
    state_dir = tmp_path / "fn"
    verified = 0
    seen = 0
    mid_document = 0
    t0 = time.monotonic()
    for run in range(RUNS):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(rfd)
            try:
                _child(str(state_dir), wfd, run)
            finally:
                os._exit(0)
        os.close(wfd)
        time.sleep(rng.uniform(0.001, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        got = b""
        while chunk := os.read(rfd, 65536):
            got += chunk
        os.close(rfd)
        events = [int.from_bytes(got[i : i + 4], "little") for i in range(0, len(got), 4)]
        completed = [e for e in events if e != BEGIN]
        in_flight = bool(events) and events[-1] == BEGIN
        if completed:
            assert completed == list(range(completed[0], completed[-1] + 1))
            seen = completed[-1]
        n = _check(state_dir, verified, seen)
        mid_document += in_flight
        verified = n
        seen = n
    elapsed = time.monotonic() - t0
    sys.stderr.write(f"crash test: {RUNS} kills ({mid_document} inside a document), "
                     f"{verified} documents, {elapsed:.1f} s\n")
    assert verified >= RUNS // 4  # the FN's life did progress across the kills
    assert mid_document > RUNS // 4  # many kills landed between Begin and Complete
