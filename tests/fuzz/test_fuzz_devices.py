"""Fuzzing the emulated devices' input side: the FN request handler and the ESC/POS interpreter.

The emulated FN must answer every frame with one well-formed answer frame and never raise; its
own catch-all (``EmulatedFN.dispatch`` answers 03h and logs "FN xxh failed") would hide a
handler crash, so the fuzzer also fails on any ERROR record it logs. The ESC/POS interpreter
and the emulated printer must consume any bytes without raising and with bounded memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import FrameError
from sigmakkt.protocol.fn.frame import MAX_DATA, MAX_FRAME, Frame, FrameDecoder, encode_frame
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice
from sigmakkt_emulator.printer.device import EmulatedPrinter
from sigmakkt_emulator.printer.interpreter import Interpreter
from tests.fuzz.budget import bounded
from tests.fuzz.corpus import START, corpus
from tests.fuzz.mutate import chunked, fuzz_input, mutated

_C = corpus()
FRAMES = _C.fn_requests
SETUP = FRAMES[: _C.setup_frames]
JOBS = _C.printer_jobs
STATUS_REQUEST = encode_frame(0x30)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def emulator_errors() -> Iterator[_Errors]:
    """Collect the ERROR records the emulated FN logs (a handler crash it turned into 03h)."""
    handler = _Errors()
    logger = logging.getLogger("sigmakkt_emulator")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _ready_device() -> FNDevice:
    """A fiscal-mode FN with an open shift (the recorded setup replayed)."""
    device = FNDevice(clock=Clock(START, frozen=True))
    for frame in SETUP:
        device.receive(frame)
    assert device.fn.state.shift_open
    return device


def _answers(out: bytes) -> list[Frame]:
    """The device's output must be whole, well-formed answer frames."""
    decoder = FrameDecoder(answers=True)
    try:
        frames = decoder.feed(out)
    except FrameError as exc:  # pragma: no cover - a failure report
        raise AssertionError(f"the emulated FN sent a malformed frame: {exc}") from exc
    assert decoder.buffered == 0, "the emulated FN sent a partial frame"
    return frames


def _frames_strategy() -> st.SearchStrategy[bytes]:
    valid = st.sampled_from(FRAMES)
    return st.one_of(valid, valid, mutated(FRAMES, max_mutations=3), fuzz_input(FRAMES))


def test_replayed_setup_is_accepted() -> None:
    device = _ready_device()
    (status,) = _answers(device.receive(STATUS_REQUEST))
    assert status.code == 0 and len(status.data) > 0
    device.close()


@given(st.lists(_frames_strategy(), min_size=1, max_size=12),
       st.lists(st.integers(0, 2048), max_size=6))
def test_fn_device_byte_stream(inputs: list[bytes], cuts: list[int]) -> None:
    """Valid, mutated and random frames in any chunking: never raises, answers well-formed,
    the FD count never goes back, and the device still answers 30h afterwards."""
    device = _ready_device()
    try:
        before = device.fn.state.last_fd
        with emulator_errors() as errors, bounded():
            for chunk in chunked(b"".join(inputs), cuts):
                for answer in _answers(device.receive(chunk)):
                    assert len(answer.data) <= MAX_DATA
            # flush any partial frame the fuzz input left behind, then ask for the status
            _answers(device.receive(bytes(MAX_FRAME)))
            status = _answers(device.receive(STATUS_REQUEST))
        assert [f.code for f in status] == [0]
        assert device.fn.state.last_fd >= before
        assert not errors.records, [r.getMessage() for r in errors.records]
    finally:
        device.close()


@given(st.integers(0, 255), st.one_of(st.binary(max_size=64), st.binary(max_size=MAX_DATA),
                                      mutated([f[4:-2] for f in FRAMES])))
def test_fn_handle_any_command(code: int, data: bytes) -> None:
    """``EmulatedFN.handle`` with any command byte and data: one answer frame, no crash."""
    device = _ready_device()
    try:
        with emulator_errors() as errors, bounded():
            out = device.fn.handle(Frame(code, data[:MAX_DATA]))
        _answers(out)
        assert len(_answers(out)) == 1
        assert not errors.records, [r.getMessage() for r in errors.records]
    finally:
        device.close()


@given(st.lists(fuzz_input(JOBS), min_size=1, max_size=4),
       st.lists(st.integers(0, 4096), max_size=6))
def test_escpos_interpreter(inputs: list[bytes], cuts: list[int]) -> None:
    """Any bytes in any chunking: no exception, and chunking does not change the events."""
    data = b"".join(inputs)
    whole, split = Interpreter(), Interpreter()
    with bounded():
        events = whole.feed(data)
        split_events = [e for part in chunked(data, cuts) for e in split.feed(part)]
    assert events == split_events
    assert whole.pending_text == split.pending_text


@given(st.lists(fuzz_input(JOBS), min_size=1, max_size=3))
def test_emulated_printer_receive(inputs: list[bytes]) -> None:
    """The whole emulated printer (render, cut, status replies) takes any bytes."""
    printer = EmulatedPrinter(None)
    with bounded(peak=64 * 1024 * 1024):
        for data in inputs:
            printer.receive(data)


def test_crash_detector_sees_a_handler_crash() -> None:
    """The ERROR-record check above can fail: a handler that raises is caught by it."""
    device = _ready_device()
    try:
        def boom(request: object) -> object:
            raise RuntimeError("injected")

        _, phases = device.fn._handlers[0x30]
        device.fn._handlers[0x30] = (boom, phases)
        with emulator_errors() as errors:
            (answer,) = _answers(device.fn.handle(Frame(0x30)))
        assert answer.code == 0x03
        assert errors.records
    finally:
        device.close()
