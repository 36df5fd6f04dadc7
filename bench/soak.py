"""Soak: 10,000 receipts through TCP with 1 % random link faults.

Usage::

    python bench/soak.py [--receipts 10000] [--fault-rate 0.01] [--seed 1]

The emulator runs as its own process (this script with ``--serve STATE``: an ``Emulator`` on
TCP with a 10 km paper roll, so 10,000 receipts never run out of paper), so the memory measured
here is the SDK's (Register, FN client, printer client, TCP transport) plus
a small fault proxy. The FN link goes through :class:`FaultProxy`, a TCP relay on 127.0.0.1:
before each receipt, with probability ``--fault-rate``, it is armed to hit one of the next FN
answers (chosen at random among the receipt's first eight) with a lost answer, a corrupted byte
or a connection dropped half-way through the frame.

Reported: throughput (receipts/s), p50/p99 latency of a sale, faults injected and how they
ended (recovered inside the Register, ``DocumentNotSigned`` then retried, reconnects),
memory at receipt 1,000 and at the end — RSS (the acceptance figure, target growth < 5 %) and
tracemalloc (Python objects, after a GC; its top three growth sites are printed). Receipt 1,000
is where the Register's bounded caches are full (the change
given per receipt is remembered for the last 1,000 receipts, ``CHANGE_MEMORY``), so growth after
it would be a leak, and the invariants checked against the FN at the end:

* FD numbers contiguous: last FD = registration + shift-open + signed receipts;
* no sale signed twice: the FN's sale count (36h) = receipts the caller was told are signed;
* the FN's sale total and cash sum (36h) = the sums of those receipts.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sigmakkt.errors import DocumentNotSigned, SigmaKKTError
from sigmakkt.fn.deadlines import DeadlineTable
from sigmakkt.protocol.fn.commands import GET_COUNTERS, CountersRequest
from sigmakkt.protocol.fn.enums import CounterScope
from sigmakkt.register import Cashier, Item, Payment, TaxSystem
from sigmakkt.register.enums import VAT
from sigmakkt.register.register import Register
from sigmakkt.register.validation import make_rnm

INN = "7707083893"
SERIAL = "0149060006000651"
OFD_INN = "7704211201"
CASHIER = Cashier("Соак С.С.")
ITEMS = [Item("Молоко 3,2% 1 л", "89.90", 2, vat=VAT.VAT20),
         Item("Хлеб ржаной", "45.50", 1, vat=VAT.VAT10)]
TOTAL = Decimal("225.30")
PAYMENTS = [Payment.cash("250.00")]
#: Deadline of every FN command in the soak: a lost answer costs this, then ENQ.
DEADLINE = 0.5
FAULT_KINDS = ("drop", "corrupt", "disconnect")


class FaultProxy:
    """A TCP relay host ↔ device that can hit the Nth next device chunk with a fault."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._armed: tuple[str, int] | None = None
        self.fired: list[str] = []
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, kind: str, after: int) -> None:
        """Hit the device chunk that comes ``after`` chunks from now with ``kind``."""
        with self._lock:
            self._armed = (kind, after)

    def disarm(self) -> bool:
        """Drop an unfired fault; True when one was still armed."""
        with self._lock:
            was, self._armed = self._armed, None
        return was is not None

    def close(self) -> None:
        self._stop = True
        self._server.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                host, _ = self._server.accept()
            except OSError:
                return
            device = socket.create_connection(self.target)
            for s in (host, device):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pump, args=(host, device), daemon=True).start()

    def _take(self) -> str | None:
        with self._lock:
            if self._armed is None:
                return None
            kind, after = self._armed
            if after > 0:
                self._armed = (kind, after - 1)
                return None
            self._armed = None
            self.fired.append(kind)
            return kind

    def _pump(self, host: socket.socket, device: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([host, device], [], [], 1.0)
                if self._stop:
                    return
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    if s is host:
                        device.sendall(data)
                        continue
                    kind = self._take()
                    if kind == "drop":
                        continue
                    if kind == "corrupt":
                        buf = bytearray(data)
                        buf[min(3, len(buf) - 1)] ^= 0xFF
                        data = bytes(buf)
                    if kind == "disconnect":
                        host.sendall(data[: max(1, len(data) // 2)])
                        return
                    host.sendall(data)
        except OSError:
            return
        finally:
            for s in (host, device):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


@dataclass
class Tally:
    signed: int = 0
    recovered_unknown: int = 0
    not_signed_retried: int = 0
    reconnects: int = 0
    armed: int = 0
    latencies: array[float] = field(default_factory=lambda: array("d"))


def _rss_kib() -> int:
    with open(f"/proc/{os.getpid()}/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def serve(state: str) -> None:
    """Child process: the emulator on TCP (no OFD, endless paper) until stdin closes."""
    from sigmakkt_emulator.emulator import Emulator

    with Emulator(state, "tcp", ofd=False, roll_length_m=10_000) as emu:
        print(f"fn {emu.fn_url}\nprinter {emu.printer_url}", flush=True)
        sys.stdin.read()


def _start_emulator(state: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen([sys.executable, __file__, "--serve", state],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    urls: dict[str, str] = {}
    while len(urls) < 2:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("the emulator exited before printing its URLs")
        name, _, url = line.strip().partition(" ")
        urls[name] = url
    return proc, urls


def _connect(fn_url: str, printer_url: str) -> Register:
    deadlines = DeadlineTable(dict.fromkeys(range(256), DEADLINE))
    return Register.connect(fn_url, printer_url,
                            fn_options={"deadlines": deadlines, "enq_timeout": DEADLINE})


def run(receipts: int, fault_rate: float, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    state = tempfile.mkdtemp(prefix="sigmakkt-soak-")
    proc, urls = _start_emulator(state)
    host, port = urls["fn"].removeprefix("tcp://").rsplit(":", 1)
    proxy = FaultProxy((host, int(port)))
    fn_url = f"tcp://127.0.0.1:{proxy.port}"
    tally = Tally()
    kkt = _connect(fn_url, urls["printer"])
    try:
        kkt.register(inn=INN, rnm=make_rnm(1, INN, SERIAL), kkt_serial=SERIAL,
                     org_name="ООО Соак", address="г. Москва", place="Касса 1",
                     tax_systems={TaxSystem.OSN}, ofd_inn=OFD_INN, cashier=CASHIER)
        kkt.open_shift(CASHIER)
        # preallocated so the bench's own bookkeeping does not count as growth
        tally.latencies = array("d", bytes(8 * receipts))
        tracemalloc.start()
        mem_at: dict[int, tuple[int, int]] = {}
        snapshots: list[tracemalloc.Snapshot] = []
        started = time.perf_counter()
        for n in range(1, receipts + 1):
            if rng.random() < fault_rate:
                proxy.arm(rng.choice(FAULT_KINDS), rng.randrange(8))
                tally.armed += 1
            t0 = time.perf_counter()
            while True:
                before = tally.signed + tally.recovered_unknown
                try:
                    kkt.sell(ITEMS, PAYMENTS)
                    tally.signed += 1
                    break
                except DocumentNotSigned:
                    tally.not_signed_retried += 1  # nothing signed: repeating is safe
                except SigmaKKTError as exc:
                    # outcome unknown or link down: reconnect, then ask the FN what it holds
                    tally.reconnects += 1
                    kkt.close()
                    kkt = _connect(fn_url, urls["printer"])
                    last = kkt.status().last_document_number
                    expected = 2 + before  # registration + shift open + receipts so far
                    if last == expected + 1:
                        tally.recovered_unknown += 1
                        break
                    if last != expected:
                        raise AssertionError(f"FN at FD {last}, expected {expected}") from exc
            tally.latencies[n - 1] = time.perf_counter() - t0
            proxy.disarm()
            if n in (1000, receipts):
                gc.collect()
                mem_at[n] = (tracemalloc.get_traced_memory()[0], _rss_kib())
                snapshots.append(tracemalloc.take_snapshot())
        took = time.perf_counter() - started
        tracemalloc.stop()
        growth_sites = [
            f"{st.traceback[0].filename.rsplit('/', 2)[-1]}:{st.traceback[0].lineno} "
            f"{st.size_diff / 1024:+.0f} KiB ({st.count_diff:+d} blocks)"
            for st in snapshots[-1].compare_to(snapshots[0], "lineno")[:3]
        ] if len(snapshots) == 2 else []
        # --- invariants ----------------------------------------------------------------------
        st = kkt.status()
        done = tally.signed + tally.recovered_unknown
        assert done == receipts
        assert st.last_document_number == 2 + receipts, (st.last_document_number, receipts)
        c = kkt._fn.execute(GET_COUNTERS, CountersRequest(CounterScope.FN))
        assert c.sale.count == receipts, (c.sale.count, receipts)
        assert c.sale.total == int(TOTAL * 100) * receipts
        assert c.sale.cash == int(TOTAL * 100) * receipts
    finally:
        kkt.close()
        proxy.close()
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat = sorted(tally.latencies)
    mem_first, mem_last = mem_at.get(1000, mem_at[receipts]), mem_at[receipts]
    return {
        "receipts": receipts, "seconds": took, "per_second": receipts / took,
        "p50_ms": statistics.median(lat) * 1e3, "p99_ms": lat[int(len(lat) * 0.99) - 1] * 1e3,
        "faults_armed": tally.armed, "faults_fired": len(proxy.fired),
        "not_signed_retried": tally.not_signed_retried, "reconnects": tally.reconnects,
        "recovered_unknown": tally.recovered_unknown,
        "traced_kib_1000": mem_first[0] / 1024, "traced_kib_end": mem_last[0] / 1024,
        "growth_pct": (mem_last[0] - mem_first[0]) / mem_first[0] * 100,
        "rss_kib_1000": mem_first[1], "rss_kib_end": mem_last[1],
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_growth_pct": (mem_last[1] - mem_first[1]) / mem_first[1] * 100,
        "growth_sites": growth_sites,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--receipts", type=int, default=10_000)
    ap.add_argument("--fault-rate", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--serve", metavar="STATE", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve)
        return
    r = run(args.receipts, args.fault_rate, args.seed)
    print(f"receipts: {r['receipts']:.0f} through TCP in {r['seconds']:.1f} s = "
          f"{r['per_second']:.1f} receipts/s")
    print(f"latency: p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms")
    print(f"faults: {r['faults_armed']:.0f} armed, {r['faults_fired']:.0f} fired; "
          f"{r['not_signed_retried']:.0f} DocumentNotSigned retried, {r['reconnects']:.0f} "
          f"reconnects, {r['recovered_unknown']:.0f} unknown outcomes found signed")
    at = f"{min(1000, r['receipts']):,.0f}"
    print(f"memory (RSS): {r['rss_kib_1000']:.0f} KiB at {at} -> {r['rss_kib_end']:.0f} KiB "
          f"at {r['receipts']:,.0f}: growth {r['rss_growth_pct']:+.2f} % (target < 5 %)")
    per = (r["traced_kib_end"] - r["traced_kib_1000"]) * 1024 / max(1, r["receipts"] - 1000)
    print(f"memory (tracemalloc, Python objects allocated since receipt 0): "
          f"{r['traced_kib_1000']:.0f} KiB at {at} -> {r['traced_kib_end']:.0f} KiB = "
          f"{per:.0f} bytes/receipt")
    for site in r["growth_sites"]:
        print(f"  growth site: {site}")
    print("invariants: FD numbers contiguous, no sale signed twice, FN counters = sums: OK")


if __name__ == "__main__":
    main()
