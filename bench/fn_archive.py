"""Archive size benchmark for the emulated FN: 40h lookups in a 100,000-document archive.

Builds the archive fast (signed receipt documents inserted straight into the store in one
transaction, as the FN would have archived them), then times command 40h through the whole
path (request frame → FNDevice → SQLite → answer frame) for random FD numbers, and reports
the median and the state-directory size per 1,000 documents.

Run: ``python bench/fn_archive.py [N]`` (default 100000).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.protocol.fn import FrameDecoder, encode_frame
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice, FNSettings
from sigmakkt_emulator.fn.documents import build_document, common_fields, receipt_fields
from sigmakkt_emulator.fn.state import FNState, Registration
from sigmakkt_emulator.fn.store import ArchivedDocument, Store

START = datetime(2026, 1, 10, 9, 0)
INN = "7707083893  "
RNM = "0000000001012345    "


def receipt_body(n_items: int) -> bytes:
    """A typical FFD 1.2 receipt as the KKT sends it (items, payments, cashier)."""
    out = encode_tlv(1021, encode_string("Иванова А.А.")) + encode_tlv(1055, encode_byte(1))
    for i in range(n_items):
        item = b"".join((
            encode_tlv(1030, encode_string(f"Товар номер {i}")),
            encode_tlv(1079, encode_vln(9990)),
            encode_tlv(1023, encode_fvln("1.000")),
            encode_tlv(1043, encode_vln(9990)),
            encode_tlv(1199, encode_byte(1)),
            encode_tlv(1200, encode_vln(1665)),
            encode_tlv(1214, encode_byte(4)),
            encode_tlv(1212, encode_byte(1)),
            encode_tlv(2108, encode_byte(0)),
        ))
        out += encode_tlv(1059, item)
    for tag in (1031, 1081, 1215, 1216, 1217):
        out += encode_tlv(tag, encode_vln(9990 * n_items if tag == 1031 else 0))
    return out


def fill(state_dir: Path, n: int, settings: FNSettings) -> None:
    """Archive ``n`` signed receipts (FD 1..n) and a matching state row."""
    store = Store(state_dir)
    state = FNState(made=START.date(), expiry=START.date() + timedelta(days=470))
    state.phase, state.ffd, state.registrations = 3, 4, 1
    state.registration = Registration(1, START, INN, RNM, 1, 0, 0, "7704211201  ", 0, 4)
    docs = []
    bodies = [receipt_body(k) for k in (1, 3, 5)]
    for fd in range(1, n + 1):
        when = START + timedelta(minutes=fd // 4)
        kkt = bodies[fd % 3]
        total = 9990 * (1, 3, 5)[fd % 3]
        fields = common_fields(fd, when, settings.fn_number, INN, RNM)
        fields += receipt_fields(1, fd, 1, total)
        built = build_document(3, kkt, fields, fn_number=settings.fn_number, fd=fd, when=when,
                               ffd=4, factory_secret=settings.factory_secret)
        docs.append(ArchivedDocument(fd, 3, when.isoformat(), built.fiscal_sign, 1, total,
                                     {"op": 1, "total": total}, built.tlv, False, None, None))
    state.last_fd, state.last_time = n, START + timedelta(minutes=n // 4)
    store.bulk_insert(docs, state.to_json())
    store.close()


def lookup_times(device: FNDevice, n: int, samples: int) -> list[float]:
    """Seconds per 40h round trip for random FD numbers."""
    rng = random.Random(1)
    decoder = FrameDecoder(answers=True)
    out = []
    for _ in range(samples):
        fd = rng.randint(1, n)
        wire = encode_frame(0x40, fd.to_bytes(4, "little"))
        t0 = time.perf_counter()
        frames = decoder.feed(device.receive(wire))
        out.append(time.perf_counter() - t0)
        assert frames[0].code == 0 and int.from_bytes(frames[0].data[7:11], "little") == fd
    return out


def dir_size(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(n: int = 100_000) -> dict[str, float]:
    """Build, measure, print and return the figures."""
    settings = FNSettings()
    with tempfile.TemporaryDirectory() as tmp:
        state_dir = Path(tmp) / "fn"
        t0 = time.perf_counter()
        fill(state_dir, n, settings)
        build_s = time.perf_counter() - t0
        device = FNDevice(settings, clock=Clock(START + timedelta(days=1)),
                          state_dir=str(state_dir))
        times = lookup_times(device, n, 5000)
        device.close()
        size = dir_size(state_dir)
    median_ms = statistics.median(times) * 1000
    p99_ms = sorted(times)[int(len(times) * 0.99)] * 1000
    per_1000 = size / n * 1000
    print(f"archive of {n} documents built in {build_s:.1f} s")
    print(f"40h lookup: median {median_ms:.3f} ms, p99 {p99_ms:.3f} ms (5000 random FDs)")
    print(f"state directory: {size / 1e6:.1f} MB, {per_1000 / 1024:.0f} KiB per 1,000 documents")
    return {"median_ms": median_ms, "p99_ms": p99_ms, "kib_per_1000": per_1000 / 1024}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
