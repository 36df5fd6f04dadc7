"""Run every benchmark in ``bench/`` and print one table of all their figures.

Usage::

    python bench/run_all.py            # full sizes (the figures recorded in bench/README.md)
    python bench/run_all.py --quick    # small sizes, a minute or two: a smoke run
    python bench/run_all.py --only register,soak

Each benchmark runs as its own process (``python bench/NAME.py ARGS``) so one's memory and
threads do not disturb the next; every line it prints on stdout is one figure. The table lists
benchmark, figure and the benchmark's wall time, after the machine's details (CPU, cores,
memory, OS, Python, sigmakkt version). A benchmark that fails is reported in the table with its
exit code and the last line of its stderr; the exit status of ``run_all`` is then 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: name -> (full-size arguments, quick arguments); run in this order.
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "protocol": ([], ["--rounds", "20"]),
    "transport": ([], ["--seconds", "0.3"]),
    "printer": ([], ["--repeat", "3"]),
    "fn_archive": (["100000"], ["5000"]),
    "ofd": (["10000"], ["500"]),
    "register": ([], ["--receipts", "30"]),
    "reports": ([], ["--receipts", "2000"]),
    "soak": ([], ["--receipts", "300", "--fault-rate", "0.05"]),
}


@dataclass
class Outcome:
    name: str
    seconds: float
    code: int
    lines: list[str] = field(default_factory=list)
    error: str = ""


def machine() -> list[tuple[str, str]]:
    """The details a figure is meaningless without."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        sdk = version("sigmakkt")
    except Exception:  # not installed as a distribution
        sdk = "?"
    return [("cpu", cpu), ("cores", str(os.cpu_count())), ("memory", mem),
            ("os", platform.platform()), ("python", sys.version.split()[0]),
            ("sigmakkt", sdk), ("date", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))]


def run_one(name: str, args: list[str]) -> Outcome:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *args],
                          capture_output=True, text=True, cwd=HERE.parent)
    took = time.perf_counter() - t0
    lines = [ln.rstrip() for ln in proc.stdout.splitlines() if ln.strip()]
    err = proc.stderr.strip().splitlines()[-1] if proc.returncode and proc.stderr.strip() else ""
    return Outcome(name, took, proc.returncode, lines, err)


def table(outcomes: list[Outcome]) -> str:
    width = max(len(o.name) for o in outcomes)
    out = [f"{'benchmark':{width}}  {'wall s':>7}  figure", "-" * 100]
    for o in outcomes:
        rows = o.lines if o.code == 0 else [*o.lines, f"FAILED (exit {o.code}): {o.error}"]
        for i, line in enumerate(rows or ["(no output)"]):
            head = f"{o.name:{width}}  {o.seconds:7.1f}" if i == 0 else " " * (width + 9)
            out.append(f"{head}  {line}")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    ap.add_argument("--only", default="", help="comma-separated benchmark names")
    args = ap.parse_args()
    names = [n for n in BENCHMARKS if (HERE / f"{n}.py").exists()]
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - set(names)
        if unknown:
            ap.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        names = [n for n in names if n in wanted]
    for key, value in machine():
        print(f"{key:9} {value}")
    print()
    outcomes = []
    for name in names:
        full, quick = BENCHMARKS[name]
        print(f"running {name} …", file=sys.stderr, flush=True)
        outcomes.append(run_one(name, quick if args.quick else full))
    print(table(outcomes))
    return 0 if all(o.code == 0 for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
