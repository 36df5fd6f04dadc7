"""Printer benchmarks: ESC/POS generation vs python-escpos, and emulator render speed.

Usage::

    python bench/printer.py [--repeat 20]

1. Bytes of a 100-line Cyrillic receipt (header, 100 item lines, total, fiscal QR, cut) built with
   :class:`sigmakkt.protocol.escpos.EscPos` and with python-escpos (``escpos.printer.Dummy``,
   native QR, CP866 chosen by its magic encoder) in the same run: time per receipt, best of
   ``--repeat``, and the ratio (target: sigmakkt not slower, ratio ≥ 1).
2. The emulated printer interpreting and rendering that receipt (text, QR, PNG in memory, and
   once more writing the PNG to a temporary folder), as a multiple of real time at 100 mm/s
   (target ≥ 20×).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable

from sigmakkt.protocol.escpos import EscPos
from sigmakkt.protocol.escpos.profile import MM_PER_ROW, SPEED_MM_S
from sigmakkt_emulator.printer import EmulatedPrinter

QR = "t=20250901T1234&s=17980.00&fn=9999078900004312&i=1542&fp=2981374650&n=1"
ITEMS = [f"{i + 1:3d} Молоко 1л  2x89.90 ={179.80:7.2f}" for i in range(100)]  # 31 columns


def build_sigmakkt() -> bytes:
    b = EscPos().align("center").bold().double().line("ООО Ромашка").normal().align("left")
    b.line("Кассовый чек. Приход")
    for line in ITEMS:
        b.line(line)
    b.bold().line("ИТОГ              =17980.00").bold(False)
    return b.align("center").qr(QR).feed(2).cut().build()


def build_python_escpos() -> bytes:
    from escpos.printer import Dummy

    p = Dummy()
    p.hw("INIT")
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.textln("ООО Ромашка")
    p.set(align="left", bold=False, normal_textsize=True)
    p.textln("Кассовый чек. Приход")
    for line in ITEMS:
        p.textln(line)
    p.set(bold=True)
    p.textln("ИТОГ              =17980.00")
    p.set(align="center", bold=False)
    p.qr(QR, native=True, size=5)
    p.ln(2)
    p.cut(feed=False)
    return bytes(p.output)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    ours = best(build_sigmakkt, args.repeat)
    data = build_sigmakkt()
    print(f"sigmakkt      : {ours * 1e3:8.3f} ms/receipt, {len(data)} bytes")
    try:
        theirs = best(build_python_escpos, args.repeat)
        other = build_python_escpos()
        print(f"python-escpos : {theirs * 1e3:8.3f} ms/receipt, {len(other)} bytes")
        print(f"ratio python-escpos/sigmakkt time: {theirs / ours:.1f}x "
              f"({'OK' if theirs >= ours else 'SLOWER'}: target ≥ 1)")
    except ImportError:
        print("python-escpos not installed: pip install 'sigmakkt[bench]'")

    def render(out_dir: str | None = None) -> EmulatedPrinter:
        printer = EmulatedPrinter(out_dir)
        printer.receive(data)
        return printer

    render()  # warm the glyph cache
    rows = render().receipts[0].rows
    real = rows * MM_PER_ROW / SPEED_MM_S
    mem = best(render, max(3, args.repeat // 4))
    with tempfile.TemporaryDirectory() as tmp:
        png = best(lambda: render(tmp), max(3, args.repeat // 4))
    print(f"receipt length: {rows * MM_PER_ROW:.1f} mm = {real:.2f} s at {SPEED_MM_S} mm/s")
    print(f"render (in memory): {mem * 1e3:7.2f} ms = {real / mem:6.0f}x real time "
          f"({'OK' if real / mem >= 20 else 'SLOW'}: target ≥ 20x)")
    print(f"render + PNG file : {png * 1e3:7.2f} ms = {real / png:6.0f}x real time")


if __name__ == "__main__":
    main()
