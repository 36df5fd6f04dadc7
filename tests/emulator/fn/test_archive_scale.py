"""A large archive stays indexed: 40h is a primary-key search, never a scan.

The timing figure for 100,000 documents comes from ``bench/fn_archive.py`` (benchmarks are not
timed tests); this CI test builds 5,000 documents the same way and checks the lookups and the
query plans that keep them O(log n).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bench.fn_archive import START, fill

from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice, FNSettings
from sigmakkt_emulator.fn.documents import verify_document

from .driver import Driver

N = 5000


def test_lookup_in_a_large_archive(tmp_path: Path) -> None:
    fill(tmp_path / "fn", N, FNSettings())
    clock = Clock(START + timedelta(days=1), frozen=True)
    d = Driver(FNDevice(clock=clock, state_dir=str(tmp_path / "fn")), clock=clock)
    for fd in (1, N // 2, N):
        found = d.call(0x40, DocumentNumber(fd))
        assert found.fd == fd and found.details.total > 0
        doc = d.device.fn.store.get(fd)
        assert doc is not None and verify_document(doc.tlv)
    assert d.call(0x42).count == N
    assert d.call(0x30).last_fd == N
    db = d.device.fn.store._db
    plans = {
        "40h": "SELECT * FROM documents WHERE fd = 4711",
        "first unsent": "SELECT fd, created FROM documents WHERE acked = 0 ORDER BY fd LIMIT 1",
    }
    for what, sql in plans.items():
        plan = " ".join(str(row[-1]) for row in db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN documents" not in plan or "USING" in plan, (what, plan)
        assert "SEARCH" in plan or "COVERING INDEX" in plan or "USING INDEX" in plan, (what, plan)
