"""``sigmakkt-emulator``: serve an emulated FN, printer and OFD server until stopped.

It prints one line per endpoint, ``NAME URL`` (``fn tcp://127.0.0.1:PORT``, ``printer …``,
``ofd tcp://HOST:PORT``, then ``receipts DIR``), flushes stdout so that a parent process can read
the URLs, and serves until SIGINT or SIGTERM; then it closes the emulator, whose FN archive and
OFD store are committed to ``--state DIR`` (if given), and exits 0.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from sigmakkt_emulator.serve import TRANSPORTS

#: Links that a separate process can reach ("emu" lives only inside this process).
EXTERNAL_TRANSPORTS = tuple(t for t in TRANSPORTS if t != "emu")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also walked by the docs to write the CLI reference)."""
    parser = argparse.ArgumentParser(
        prog="sigmakkt-emulator",
        description="Serve an emulated FN, CAPD245 printer and OFD server; print their URLs; "
        "run until SIGINT/SIGTERM.",
    )
    parser.add_argument("--state", metavar="DIR", default=None,
                        help="keep the FN archive, OFD store and receipt PNGs in DIR "
                        "(default: in memory, PNGs in a temporary folder)")
    parser.add_argument("--transport", choices=EXTERNAL_TRANSPORTS, default="tcp",
                        help="link the devices are served on (default: tcp)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on for tcp and the OFD server")
    parser.add_argument("--receipts", metavar="DIR", default=None,
                        help="write receipt PNGs to DIR (default: STATE/receipts)")
    parser.add_argument("--no-ofd", action="store_true", help="do not start the OFD server")
    return parser


def serve_forever(args: argparse.Namespace, out: TextIO, stop: threading.Event) -> int:
    """Start the emulator from parsed ``args``, print the endpoints, wait for ``stop``."""
    from sigmakkt_emulator.emulator import Emulator

    emu = Emulator(args.state, args.transport, printer_dir=args.receipts,
                   ofd=not args.no_ofd, host=args.host)
    emu.start()
    try:
        out.write(f"fn {emu.fn_url}\n")
        out.write(f"printer {emu.printer_url}\n")
        if emu.ofd_address is not None:
            host, port = emu.ofd_address
            out.write(f"ofd tcp://{host}:{port}\n")
        out.write(f"receipts {emu.receipts_dir}\n")
        out.flush()
        while not stop.wait(0.2):
            pass
    finally:
        emu.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``sigmakkt-emulator``; returns the exit code."""
    args = build_parser().parse_args(argv)
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        return serve_forever(args, sys.stdout, stop)
    except OSError as exc:
        sys.stderr.write(f"sigmakkt-emulator: cannot serve: {exc}\n")
        return 5


if __name__ == "__main__":
    raise SystemExit(main())
