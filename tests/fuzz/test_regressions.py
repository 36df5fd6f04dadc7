"""Inputs the fuzzers found that crashed or hung a decoder; each stays fixed.

Add one test per finding: the exact bytes, the target, and what must happen instead.
"""

from __future__ import annotations

import base64

import pytest

from sigmakkt_emulator.printer.device import EmulatedPrinter
from sigmakkt_emulator.printer.events import TextLine
from sigmakkt_emulator.printer.interpreter import Interpreter
from tests.fuzz.budget import bounded

#: atheris, target ``escpos`` (2026-12-04): GS W shrinks the print area, then HT (09h) looped
#: forever in ``Interpreter._step`` (emulator/sigmakkt_emulator/printer/interpreter.py).
HT_NARROW_AREA = base64.b64decode(
    "HVcbHVcdHR1XVwAAAAAAAAAAAAAAAAAAAAAAAAAAAO+/vQkAAAAAAAAAABsdHVcbJQ==")


@pytest.mark.parametrize("data", [
    HT_NARROW_AREA,
    b"\x1d!\x70\tX\n",            # GS ! width x8: 4 characters a line, no tab stop reachable
    b"\x1dW\x01\x00\tX\n",        # GS W 1 dot: every character wraps
    b"\x1dW\x30\x00\t\t\tX\n",    # GS W 48 dots: 4 characters of font A
], ids=["atheris-sample", "wide", "one-dot", "four-chars"])
def test_tab_in_a_narrow_area_terminates(data: bytes) -> None:
    with bounded(seconds=2.0):
        events = Interpreter().feed(data)
        EmulatedPrinter(None).receive(data)
    assert any(isinstance(e, TextLine) for e in events) or not data.endswith(b"\n")


def test_tab_stops_unchanged_in_a_wide_area() -> None:
    """The fix keeps tab stops every 8 characters where the line has room."""
    (line,) = Interpreter().feed(b"ab\tc\n")
    assert isinstance(line, TextLine)
    assert "".join(c.ch for c in line.chars) == "ab      c"
