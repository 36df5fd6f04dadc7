"""The paper roll and the mechanism's sensors: what the status bytes report.

Length is counted in dot rows (0.125 mm each, ``reference/printer.md`` §1): every printed row and
every feed uses paper. Near-end flips when the paper left falls below ``near_end_mm`` (3 m by
default, configurable: on the real device a separate roll sensor in the housing decides, §1), and
paper end when nothing is left. Faults: paper out at a given row (as if the roll ended early),
cover open, cutter jam, head overheat.
"""

from __future__ import annotations

from dataclasses import dataclass

from sigmakkt.protocol.escpos.profile import DOTS_PER_MM, MM_PER_ROW


@dataclass
class Roll:
    """A paper roll in the printer, plus the cover, cutter and head sensors."""

    length_mm: float = 30_000.0
    near_end_mm: float = 3_000.0
    used_rows: int = 0
    cover_open: bool = False
    cutter_jammed: bool = False
    overheated: bool = False
    cuts: int = 0
    #: Fault: the paper ends when ``used_rows`` reaches this row (``None``: at the roll's end).
    paper_out_at_row: int | None = None
    #: ``used_rows`` when near-end first flipped on this roll (``None``: not yet).
    near_end_row: int | None = None

    @property
    def length_rows(self) -> int:
        """Roll length in dot rows."""
        return round(self.length_mm * DOTS_PER_MM)

    @property
    def end_row(self) -> int:
        """Row at which the paper ends (the roll end or the injected fault, whichever first)."""
        end = self.length_rows
        if self.paper_out_at_row is not None:
            end = min(end, self.paper_out_at_row)
        return end

    @property
    def remaining_rows(self) -> int:
        """Dot rows of paper left."""
        return max(0, self.end_row - self.used_rows)

    @property
    def remaining_mm(self) -> float:
        """Paper left, in millimetres."""
        return self.remaining_rows * MM_PER_ROW

    @property
    def used_mm(self) -> float:
        """Paper used, in millimetres."""
        return self.used_rows * MM_PER_ROW

    @property
    def paper_end(self) -> bool:
        """No paper left."""
        return self.remaining_rows == 0

    @property
    def near_end(self) -> bool:
        """Less than ``near_end_mm`` left (also true at paper end)."""
        return (self.length_rows - self.used_rows) * MM_PER_ROW < self.near_end_mm \
            or self.paper_end

    def advance(self, rows: int) -> int:
        """Use up to ``rows`` rows of paper; return how many there were."""
        take = min(max(0, rows), self.remaining_rows)
        was_near = self.near_end
        before = self.used_rows
        self.used_rows += take
        if not was_near and self.near_end and self.near_end_row is None:
            # the first row that left less than near_end_mm on the roll
            threshold = self.length_rows - round(self.near_end_mm * DOTS_PER_MM)
            self.near_end_row = max(before, min(self.used_rows, threshold + 1))
        return take

    def load(self, length_mm: float | None = None) -> None:
        """Put in a new roll (``length_mm`` or the same length); clears the paper-out fault."""
        if length_mm is not None:
            self.length_mm = length_mm
        self.used_rows = 0
        self.paper_out_at_row = None
        self.near_end_row = None
