"""Coverage-guided fuzzing with atheris (libFuzzer), for the same targets as the hypothesis
fuzzers. Optional: atheris 3.0.0 installs from a wheel on CPython 3.11 x86-64 but is not in the
test extra yet.

Run one target for a bounded time::

    python -m tests.fuzz.atheris_fuzz frame -atheris_runs=100000
    python -m tests.fuzz.atheris_fuzz tlv -max_total_time=60

Targets: ``frame``, ``tlv``, ``container``, ``escpos``, ``fn``. An exception other than the
documented ones makes libFuzzer stop and write the crashing input (``crash-…``); turn it into a
regression test in ``tests/fuzz/test_regressions.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import atheris

with atheris.instrument_imports():
    from sigmakkt.errors import DecodeError, FrameError, ValidationError
    from sigmakkt.protocol.ffd import decode_document
    from sigmakkt.protocol.fn.frame import FrameDecoder
    from sigmakkt.protocol.ofd.container import Message
    from sigmakkt_emulator.printer.interpreter import Interpreter


def _frame(data: bytes) -> None:
    try:
        FrameDecoder(requests=True).feed(data)
    except FrameError:
        pass


def _tlv(data: bytes) -> None:
    try:
        decode_document(data).to_json()
    except (DecodeError, ValidationError):
        pass


def _container(data: bytes) -> None:
    try:
        Message.unpack(data).container.document()
    except (DecodeError, ValidationError):
        pass


def _escpos(data: bytes) -> None:
    Interpreter().feed(data)


def _fn(data: bytes) -> None:
    from sigmakkt.protocol.fn.frame import Frame
    from tests.fuzz.test_fuzz_devices import _answers, _ready_device

    device = _ready_device()
    try:
        if data:
            _answers(device.fn.handle(Frame(data[0], data[1:1537])))
    finally:
        device.close()


TARGETS: dict[str, Callable[[bytes], None]] = {
    "frame": _frame, "tlv": _tlv, "container": _container, "escpos": _escpos, "fn": _fn,
}


def main(argv: list[str]) -> None:
    """``atheris_fuzz TARGET [libFuzzer flags…]``."""
    if len(argv) < 2 or argv[1] not in TARGETS:
        raise SystemExit(f"usage: atheris_fuzz {{{','.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
