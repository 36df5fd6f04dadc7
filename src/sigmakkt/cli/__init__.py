"""The ``sigmakkt`` command line."""

from sigmakkt.cli.main import main

__all__ = ["main"]
