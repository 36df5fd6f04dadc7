"""The builder's paper model (used by the client to say how much was printed) equals the
emulator's, for any mix of commands."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sigmakkt.protocol.escpos import EscPos
from sigmakkt_emulator.printer import EmulatedPrinter

ops = st.one_of(
    st.tuples(st.just("text"), st.text(alphabet="абвгд xyz0123456789ЖЩ№\n", max_size=90)),
    st.tuples(st.just("line"), st.text(alphabet="абв xyz", max_size=50)),
    st.tuples(st.just("size"), st.tuples(st.integers(1, 4), st.integers(1, 4))),
    st.tuples(st.just("font"), st.sampled_from(["A", "B"])),
    st.tuples(st.just("spacing"), st.one_of(st.none(), st.integers(0, 80))),
    st.tuples(st.just("feed"), st.integers(0, 5)),
    st.tuples(st.just("dots"), st.integers(0, 600)),
    st.tuples(st.just("margins"), st.tuples(st.integers(0, 100), st.integers(50, 284))),
    st.tuples(st.just("qr"), st.text(alphabet="abc123=&", min_size=1, max_size=60)),
    st.tuples(st.just("raster"), st.integers(1, 50)),
    st.tuples(st.just("cut"), st.booleans()),
)


def apply(job: EscPos, op: str, arg: Any) -> None:
    if op == "text":
        job.text(str(arg))
    elif op == "line":
        job.line(str(arg))
    elif op == "size":
        w, h = arg
        job.size(w, h)
    elif op == "font":
        job.font(str(arg))
    elif op == "spacing":
        job.line_spacing(arg)
    elif op == "feed":
        job.feed(arg)
    elif op == "dots":
        job.feed_dots(arg)
    elif op == "margins":
        left, width = arg
        job.margins(left, width)
    elif op == "qr":
        job.qr(str(arg))
    elif op == "raster":
        job.raster(b"\xaa" * (2 * arg), 2, arg)
    elif op == "cut":
        job.cut(partial=bool(arg))


@settings(max_examples=150)
@given(st.lists(ops, max_size=25))
def test_builder_rows_equal_emulator_rows(program: list[tuple[str, Any]]) -> None:
    job = EscPos()
    for op, arg in program:
        apply(job, op, arg)
    job.newline()  # end any open line so both sides have printed everything
    printer = EmulatedPrinter()
    printer.receive(job.build())
    assert printer.roll.used_rows == job.rows
    for piece in job.pieces():  # and piece by piece
        assert piece.rows >= 0
