"""Print a signed document's layout, and keep the list of documents still to be printed.

The FN signs first, the printer prints second. When printing fails after signing (paper out,
cover open, cutter jam, printer link down, no printer) the document cannot be un-signed: it goes
on the pending list with the reason, the operation's result says ``printed=False``, and
``Register.continue_print()`` prints it again from the FN archive once the printer is ready.

A job that stopped part-way leaves a fragment on the paper with no cut. Before the next job the
queue cuts it off, so the reprint starts on a page of its own (the fragment is torn off and
thrown away, as a cashier would).

The pending list survives a restart when the queue has a journal file (``Register.emulated``
with a state directory keeps one there; ``Register.connect(journal=…)`` names one): each change
rewrites the file atomically with, per document, its FD number, the reason, the cash change (the
FN does not store it) and the layout that failed to print (for reports the archive alone cannot
rebuild).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sigmakkt.errors import PrinterError, ProtocolError, TransportError
from sigmakkt.printer.client import Printer
from sigmakkt.protocol.escpos import EscPos
from sigmakkt.register.lines import Align, FeedLine, Layout, PrintLine, QRLine, Separator, TextLine
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
    """The printer (or none) and the pending list (kept in ``journal`` when one is given)."""

    def __init__(self, printer: Printer | None, journal: str | os.PathLike[str] | None = None,
                 *, legible: bool = True) -> None:
        self.printer = printer
        #: Print text at double height (lowercase ≥ 2 mm, :data:`~.render.LEGIBLE_TEXT`).
        self.legible = legible
        self.journal = Path(journal) if journal is not None else None
        self.pending: list[PendingPrint] = self._load()
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
            self.printer.print_job(render_escpos(layout, legible=self.legible))
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

    def print_signed(self, fd: int, layout: Layout, **extras: Any) -> PrintOutcome:
        """Print signed document ``fd``; when that fails, put it on the pending list (with
        ``layout`` and ``extras``)."""
        outcome = self.print_layout(layout)
        if not outcome.printed:
            self.add_pending(fd, outcome.error or "not printed", layout=layout, **extras)
        return outcome

    def add_pending(self, fd: int, reason: str, **extras: Any) -> None:
        """Remember that document ``fd`` still has to be printed."""
        self.pending.append(PendingPrint(fd, reason, dict(extras)))
        self._save()

    def printed(self, entry: PendingPrint) -> None:
        """Drop ``entry`` from the pending list: it reached the paper."""
        self.pending.remove(entry)
        self._save()

    # --- journal ---------------------------------------------------------------------------

    def _save(self) -> None:
        if self.journal is None:
            return
        body = {"version": 1, "pending": [
            {"fd": p.fd, "reason": p.reason, "change": int(p.extras.get("change", 0)),
             "layout": _layout_to_json(p.extras["layout"]) if "layout" in p.extras else None}
            for p in self.pending]}
        tmp = self.journal.with_name(self.journal.name + ".tmp")
        tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.journal)

    def _load(self) -> list[PendingPrint]:
        if self.journal is None or not self.journal.exists():
            return []
        try:
            body = json.loads(self.journal.read_text(encoding="utf-8"))
            entries = []
            for e in body["pending"]:
                extras: dict[str, Any] = {"change": int(e.get("change", 0))}
                if e.get("layout") is not None:
                    extras["layout"] = _layout_from_json(e["layout"])
                entries.append(PendingPrint(int(e["fd"]), str(e["reason"]), extras))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.error("the pending-print journal %s is unreadable (%s); starting with an "
                      "empty list — reprint missing documents with Register.reprint(n)",
                      self.journal, exc)
            return []
        return entries


def _layout_to_json(layout: Layout) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    for line in layout.lines:
        if isinstance(line, TextLine):
            lines.append({"text": line.text, "align": line.align.value, "bold": line.bold,
                          "dh": line.double_height, "dw": line.double_width})
        elif isinstance(line, Separator):
            lines.append({"sep": line.char})
        elif isinstance(line, QRLine):
            lines.append({"qr": line.data, "mm": line.size_mm})
        else:
            lines.append({"feed": line.count})
    return {"width": layout.width, "lines": lines}


def _layout_from_json(obj: dict[str, Any]) -> Layout:
    lines: list[PrintLine] = []
    for d in obj["lines"]:
        if "text" in d:
            lines.append(TextLine(d["text"], Align(d["align"]), bold=bool(d["bold"]),
                                  double_height=bool(d["dh"]), double_width=bool(d["dw"])))
        elif "sep" in d:
            lines.append(Separator(d["sep"]))
        elif "qr" in d:
            lines.append(QRLine(d["qr"], float(d["mm"])))
        else:
            lines.append(FeedLine(int(d["feed"])))
    return Layout(tuple(lines), int(obj["width"]))
