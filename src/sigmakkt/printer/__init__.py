"""Printer client: send ESC/POS jobs, read paper/cover/cutter status (see :mod:`.client`)."""

from sigmakkt.printer.client import Printer, PrintResult, raise_for_status
from sigmakkt.protocol.escpos.status import PrinterStatus

__all__ = ["PrintResult", "Printer", "PrinterStatus", "raise_for_status"]
