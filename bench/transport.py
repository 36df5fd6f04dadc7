"""Round trips per second of the FN 30h status command over each transport, and CPU per trip.

Usage::

    python bench/transport.py [--seconds 1.0] [--device fn|minimal] [--transports emu,tcp,...]

Each transport serves the device in this process (``sigmakkt_emulator.serve``) and the SDK's
:class:`~sigmakkt.fn.FiscalStorage` sends 30h and waits for the answer, over and over. CPU is
:func:`time.process_time` of the whole process, so it includes the emulator's side (threads,
the device itself). ``direct`` calls the device with no transport at all: the floor the
transports are compared with. ``--device fn`` (default) is the emulated FN
(``sigmakkt_emulator.fn.FNDevice``); ``minimal`` a canned-answer frame answerer, which isolates
the link cost.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from sigmakkt.fn import FiscalStorage
from sigmakkt.protocol.fn.frame import FrameDecoder, encode_frame
from sigmakkt_emulator.device import ByteDevice
from sigmakkt_emulator.serve import TRANSPORTS, serve

STATUS_REQUEST = encode_frame(0x30)


class MinimalFN:
    """Answers every request frame with one canned 30h answer (no FN logic)."""

    def __init__(self) -> None:
        self._decoder = FrameDecoder(requests=True)
        self._answer = encode_frame(0x00, bytes(5) + bytes(5) + b"9999078900000001" + bytes(4))

    def receive(self, data: bytes) -> bytes:
        return self._answer * len(self._decoder.feed(data))


def make_device(kind: str) -> ByteDevice:
    if kind == "minimal":
        return MinimalFN()
    from sigmakkt_emulator.fn import FNDevice

    return FNDevice()


@dataclass(frozen=True)
class Result:
    transport: str
    trips: int
    wall: float
    cpu: float

    @property
    def per_second(self) -> float:
        return self.trips / self.wall

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.trips * 1e6


def _timed(run: object, seconds: float, label: str) -> Result:
    assert callable(run)
    for _ in range(50):  # warm up
        run()
    trips, wall0, cpu0 = 0, time.perf_counter(), time.process_time()
    while True:
        for _ in range(100):
            run()
        trips += 100
        wall = time.perf_counter() - wall0
        if wall >= seconds:
            return Result(label, trips, wall, time.process_time() - cpu0)


def bench_direct(kind: str, seconds: float) -> Result:
    device = make_device(kind)
    decoder = FrameDecoder(answers=True)

    def run() -> None:
        frames = decoder.feed(device.receive(STATUS_REQUEST))
        assert frames and frames[0].code == 0

    return _timed(run, seconds, "direct")


def bench_transport(transport: str, kind: str, seconds: float) -> Result:
    device = make_device(kind)
    with serve(device, transport) as endpoint, FiscalStorage.open(endpoint.url) as fn:

        def run() -> None:
            assert fn.raw(0x30).code == 0

        return _timed(run, seconds, transport)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per transport")
    parser.add_argument("--device", choices=("fn", "minimal"), default="fn")
    parser.add_argument("--transports", default=",".join(TRANSPORTS))
    args = parser.parse_args(argv)
    names = [t for t in args.transports.split(",") if t]
    device_name = ("emulated FN (sigmakkt_emulator.fn.FNDevice)" if args.device == "fn"
                   else "minimal canned-answer frame answerer")
    print(f"30h status round trips; device: {device_name}; {args.seconds:g} s each")
    print(f"{'transport':<10} {'trips/s':>10} {'CPU µs/trip':>12} {'vs direct':>10}")
    results = [bench_direct(args.device, args.seconds)]
    results += [bench_transport(name, args.device, args.seconds) for name in names]
    base = results[0].per_second
    for r in results:
        print(f"{r.transport:<10} {r.per_second:>10.0f} {r.cpu_us:>12.1f} "
              f"{r.per_second / base:>9.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
