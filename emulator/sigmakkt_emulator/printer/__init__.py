"""Emulated ESC/POS printer: streaming interpreter, 384-dot canvas, paper roll, PNG per cut."""

try:
    import PIL  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    from sigmakkt.errors import MissingDependency

    raise MissingDependency("render", "pillow") from None

from sigmakkt_emulator.printer.device import EmulatedPrinter, PrintedReceipt, png_printer
from sigmakkt_emulator.printer.interpreter import Interpreter
from sigmakkt_emulator.printer.roll import Roll

__all__ = ["EmulatedPrinter", "Interpreter", "PrintedReceipt", "Roll", "png_printer"]
