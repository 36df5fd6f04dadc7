"""Entry point of the ``sigmakkt`` command (``python -m sigmakkt`` too)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sigmakkt import __version__


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sigmakkt", description="Drive an ATOL Sigma-style cash register (or its emulator)."
    )
    parser.add_argument("--version", action="version", version=f"sigmakkt {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="run a short demonstration on the bundled emulator")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = _build_parser().parse_args(argv)
    if args.command == "demo":
        from sigmakkt.cli.demo import run_demo

        return run_demo(sys.stdout)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
