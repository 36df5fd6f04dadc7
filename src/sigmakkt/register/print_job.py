"""Print a signed document's layout, and keep the list of documents still to be printed.

The FN signs first, the printer prints second. When printing fails after signing (paper out,
cover open, cutter jam, printer link down, no printer) the document cannot be un-signed: it goes
on the pending list with the reason, the operation's result says ``printed=False``, and
``Register.continue_print()`` prints it again from the FN archive once the printer is ready.

A job that stopped part-way leaves a fragment on the paper with no cut. Before the next job the
queue cuts it off, so the reprint starts on a page of its own (the fragment is torn off and
thrown away, as a cashier would).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sigmakkt.errors import PrinterError, ProtocolError, TransportError
from sigmakkt.printer.client import Printer
from sigmakkt.protocol.escpos import EscPos
from sigmakkt.register.lines import Layout
from sigmakkt.register.models import PaperStatus
from sigmakkt.register.render import render_escpos

log = logging.getLogger("sigmakkt.register")

NO_PRINTER = "no printer is connected"


@dataclass(frozen=True)
class PrintOutcome:
    """Whether a document reached the paper, and why not."""

    printed: bool
    error: str | None = None


@dataclass
class PendingPrint:
    """A signed document not printed yet: its FD number, why, and what the archive lacks."""

    fd: int
    reason: str
    #: Data a rebuild from the archive needs but the FN does not store (e.g. cash tendered and
    #: change; shift counters), or the printable itself for documents not rebuilt.
    extras: dict[str, Any] = field(default_factory=dict)


class PrintQueue:
    """The printer (or none) and the pending list."""

    def __init__(self, printer: Printer | None) -> None:
        self.printer = printer
        self.pending: list[PendingPrint] = []
        self._fragment = False   # a partly printed page is on the paper, uncut

    def paper_status(self) -> PaperStatus:
        """The printer's paper and mechanism state (``online=False`` without a printer or
        when it does not answer)."""
        if self.printer is None:
            return PaperStatus(paper_present=False, online=False)
        try:
            s = self.printer.status()
        except (TransportError, ProtocolError):
            return PaperStatus(paper_present=False, online=False)
        return PaperStatus(paper_present=s.paper_present, paper_near_end=s.paper_near_end,
                           cover_open=s.cover_open, cutter_error=s.cutter_error,
                           online=not (s.overheated or s.unrecoverable_error
                                       or s.mechanical_error))

    def print_layout(self, layout: Layout) -> PrintOutcome:
        """Print ``layout`` (cut at the end); never raises for printer trouble."""
        if self.printer is None:
            return PrintOutcome(False, NO_PRINTER)
        try:
            if self._fragment:
                self.printer.print_job(EscPos().feed(1).cut())
                self._fragment = False
            self.printer.print_job(render_escpos(layout))
        except PrinterError as exc:
            if getattr(exc, "printed_mm", 0.0):
                self._fragment = True
            log.warning("printing failed after the FN signed: %s", exc)
            return PrintOutcome(False, f"{type(exc).__name__}: {exc}")
        except (TransportError, ProtocolError) as exc:
            self._fragment = True
            log.warning("the printer link failed: %s", exc)
            return PrintOutcome(False, f"printer link: {type(exc).__name__}: {exc}")
        return PrintOutcome(True)

    def add_pending(self, fd: int, reason: str, **extras: Any) -> None:
        """Remember that document ``fd`` still has to be printed."""
        self.pending.append(PendingPrint(fd, reason, dict(extras)))
