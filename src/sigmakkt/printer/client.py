"""Printer client: ESC/POS out, status in, over any :class:`~sigmakkt.transport.base.Transport`.

How much of a job reached the paper (ESC/POS has no "rows printed" query): the client sends the
job in batches of builder pieces (each piece ends at a line, feed or graphic and knows its dot
rows, :meth:`sigmakkt.protocol.escpos.EscPos.pieces`) and ends every batch with ``GS r 1``.
GS r is *not* real-time: the printer answers it only after processing the data before it, and
not at all while offline (paper end, cover open, cutter error). So an answer confirms the batch
was printed; a missing answer means the printer stopped inside the batch, and real-time
``DLE EOT 1..4`` then says why. The reported ``printed_mm`` is the paper of the confirmed batches
(a lower bound, exact to one batch; ``sync_every_mm=0`` syncs after every line).

The client expects Automatic Status Back (GS a) to be off, the printer's default: ASB blocks
carry bytes that look like GS r replies.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sigmakkt.errors import (
    CoverOpen,
    CutterError,
    DecodeError,
    PaperOut,
    PrinterError,
    PrinterOffline,
    TransportTimeout,
)
from sigmakkt.protocol.escpos.builder import EscPos, Piece
from sigmakkt.protocol.escpos.profile import MM_PER_ROW, ROWS_PER_S
from sigmakkt.protocol.escpos.status import PrinterStatus, is_dle_eot_reply, is_gs_r_reply
from sigmakkt.transport.base import Transport

log = logging.getLogger("sigmakkt.printer")

DLE_EOT_ALL = b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04"
GS_R_PAPER = b"\x1d\x72\x01"
DLE_ENQ_CLEAR = b"\x10\x05\x02"
#: Bytes of a raw (non-builder) job sent between two syncs.
RAW_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A finished job: paper used (as the builder measured it) and the status after it."""

    rows: int
    status: PrinterStatus

    @property
    def printed_mm(self) -> float:
        """Paper the job used, in millimetres."""
        return self.rows * MM_PER_ROW


class Printer:
    """An ESC/POS receipt printer (CAPD245 profile) on ``transport``.

    ``timeout``: seconds to wait for a status reply (plus the job's print time at 100 mm/s for
    a sync). ``sync_every_mm``: paper between two GS r syncs in :meth:`print_job`.
    """

    def __init__(self, transport: Transport, *, timeout: float = 2.0,
                 sync_every_mm: float = 20.0) -> None:
        self.transport = transport
        self.timeout = timeout
        self.sync_every_mm = sync_every_mm

    def _ensure_open(self) -> None:
        if not self.transport.is_open:
            self.transport.open()

    def _read(self, count: int, deadline: float) -> bytes:
        out = bytearray()
        while len(out) < count:
            out += self.transport.read(deadline, count - len(out))
        return bytes(out)

    def status(self) -> PrinterStatus:
        """Ask DLE EOT 1, 2, 3 and 4 (real-time, answered even offline) and combine them."""
        self._ensure_open()
        self.transport.discard_input()
        self.transport.write(DLE_EOT_ALL)
        replies = self._read(4, time.monotonic() + self.timeout)
        for byte in replies:
            if not is_dle_eot_reply(byte):
                raise DecodeError(f"printer status reply {replies.hex(' ')} is not DLE EOT")
        return PrinterStatus.from_dle_eot(*replies)

    def wait_ready(self, timeout: float = 10.0, poll: float = 0.1) -> PrinterStatus:
        """Poll the status until the printer can print; raise the matching error at timeout."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if status.ready:
                return status
            if time.monotonic() + poll > deadline:
                raise_for_status(status, 0.0)
            time.sleep(poll)

    def recover(self) -> None:
        """DLE ENQ 2: recover from a recoverable error (a cleared cutter jam); clear buffers."""
        self._ensure_open()
        self.transport.write(DLE_ENQ_CLEAR)

    def print_job(self, job: bytes | EscPos) -> PrintResult:
        """Send a job; raise :class:`PaperOut`/:class:`CoverOpen`/:class:`CutterError`/
        :class:`PrinterOffline` with ``printed_mm`` if the printer stops on the way."""
        status = self.status()
        raise_for_status(status, 0.0)
        if isinstance(job, EscPos):
            batches = list(_batches(job.pieces(), self.sync_every_mm))
            measured = True
        else:
            data = bytes(job)
            batches = [Piece(data[i:i + RAW_CHUNK], 0) for i in range(0, len(data), RAW_CHUNK)]
            measured = False
        done_rows = 0
        for batch in batches:
            self.transport.discard_input()
            self.transport.write(batch.data + GS_R_PAPER)
            deadline = time.monotonic() + self.timeout + batch.rows / ROWS_PER_S * 1.5
            if not self._await_gs_r(deadline):
                status = self.status()
                log.warning("printer stopped after %d confirmed rows: %s", done_rows, status)
                printed = done_rows * MM_PER_ROW
                if status.ready:
                    raise PrinterOffline(
                        "the printer did not confirm printing in time, yet reports ready; "
                        f"at least {printed:.1f} mm were printed")
                raise_for_status(status, printed, measured, batch.rows * MM_PER_ROW)
            done_rows += batch.rows
        status = self.status()
        raise_for_status(status, done_rows * MM_PER_ROW, measured)
        return PrintResult(done_rows, status)

    def _await_gs_r(self, deadline: float) -> bool:
        """Wait for the GS r reply (skipping other bytes, e.g. ASB blocks); False at deadline."""
        while True:
            try:
                chunk = self.transport.read(deadline, 64)
            except TransportTimeout:
                return False
            if any(is_gs_r_reply(b) for b in chunk):
                return True


def _batches(pieces: Iterable[Piece], every_mm: float) -> Iterable[Piece]:
    """Join pieces into batches of at least ``every_mm`` of paper (0: one piece each)."""
    limit = every_mm / MM_PER_ROW
    data = bytearray()
    rows = 0
    for piece in pieces:
        if piece.cut and data:  # a cut is synced on its own, so a jam is told apart
            yield Piece(bytes(data), rows)
            data, rows = bytearray(), 0
        data += piece.data
        rows += piece.rows
        if rows >= limit:
            yield Piece(bytes(data), rows)
            data, rows = bytearray(), 0
    if data:
        yield Piece(bytes(data), rows)


def raise_for_status(status: PrinterStatus, printed_mm: float, measured: bool = True,
                     pending_mm: float = 0.0) -> None:
    """Raise the :class:`PrinterError` subclass matching ``status``; return if ready."""
    if status.ready:
        return
    if measured:
        amount = f"{printed_mm:.1f} mm of the job were printed"
        if pending_mm:
            amount += f" (up to {printed_mm + pending_mm:.1f} mm)"
    else:
        amount = "how much of this raw job was printed is unknown"
    err: PrinterError
    if not status.paper_present:
        err = PaperOut(f"the printer is out of paper; {amount}. Load a new roll and print "
                       "the rest again.", printed_mm)
    elif status.cover_open:
        err = CoverOpen(f"the printer cover is open; {amount}. Close it and print again.")
    elif status.cutter_error:
        err = CutterError(f"the autocutter jammed; {amount}. Clear the jam, then call "
                          "recover().")
    else:
        what = ("overheated" if status.overheated else "in an unrecoverable error"
                if status.unrecoverable_error else "offline")
        err = PrinterOffline(f"the printer is {what}; {amount}.")
    err.printed_mm = printed_mm
    raise err
