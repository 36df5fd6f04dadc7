"""Printer-independent print lines, and the text helpers that fill 32-character lines.

A laid-out document is a :class:`Layout`: a tuple of print lines. Each line is a small frozen
dataclass (:class:`TextLine`, :class:`Separator`, :class:`QRLine`, :class:`FeedLine`); the
printer client's ESC/POS builder renders them, and :meth:`Layout.text` renders them as plain text
for tests and logs. 32 columns is ESC/POS Font A (12-dot cells) on the CAPD245's 384 dots
(printer reference, "Characters per line"); a double-width line holds 16.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: Characters per line of Font A on 384 dots.
WIDTH = 32
#: Smallest QR side the tax service allows on a receipt (20 × 20 mm).
QR_MIN_MM = 20.0
#: Printable width of the 58 mm paper: 384 dots at 8 dots/mm.
PRINTABLE_MM = 48.0


class Align(Enum):
    """Horizontal alignment of a text line."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextLine:
    """One line of text. Longer text than fits is a bug of the layout: it raises ValueError."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    double_height: bool = False
    double_width: bool = False

    def __post_init__(self) -> None:
        if "\n" in self.text or len(self.text) > self.columns(WIDTH):
            raise ValueError(f"print line too long for {self.columns(WIDTH)} columns: "
                             f"{self.text!r}")

    def columns(self, width: int) -> int:
        """Characters that fit this line on a ``width``-column printer."""
        return width // 2 if self.double_width else width


@dataclass(frozen=True)
class Separator:
    """A full-width rule made of ``char``."""

    char: str = "-"


@dataclass(frozen=True)
class QRLine:
    """A QR code, centred, ``size_mm`` on a side (at least 20 mm)."""

    data: str
    size_mm: float = 25.0

    def __post_init__(self) -> None:
        if not QR_MIN_MM <= self.size_mm <= PRINTABLE_MM:
            raise ValueError(f"QR side must be {QR_MIN_MM}..{PRINTABLE_MM} mm, got {self.size_mm}")


@dataclass(frozen=True)
class FeedLine:
    """Blank paper: ``count`` empty text lines."""

    count: int = 1


PrintLine = TextLine | Separator | QRLine | FeedLine


@dataclass(frozen=True)
class Layout:
    """A document laid out for printing."""

    lines: tuple[PrintLine, ...]
    width: int = WIDTH

    def text(self) -> str:
        """Plain-text rendering: one string line per print line, QR as ``[QR <payload>]``."""
        out: list[str] = []
        for line in self.lines:
            if isinstance(line, TextLine):
                cols = line.columns(self.width)
                if line.align is Align.CENTER:
                    out.append(line.text.center(cols).rstrip())
                elif line.align is Align.RIGHT:
                    out.append(line.text.rjust(cols))
                else:
                    out.append(line.text)
            elif isinstance(line, Separator):
                out.append(line.char * self.width)
            elif isinstance(line, QRLine):
                out.append(f"[QR {line.data}]")
            else:
                out.extend([""] * line.count)
        return "\n".join(out)

    @property
    def text_lines(self) -> tuple[TextLine, ...]:
        """Only the text lines."""
        return tuple(line for line in self.lines if isinstance(line, TextLine))


def wrap(text: str, width: int = WIDTH, indent: int = 0) -> list[str]:
    """Word-wrap ``text`` to ``width`` columns; words longer than a line are split.

    Lines after the first are indented by ``indent`` spaces. Whitespace runs collapse to one.
    """
    lines: list[str] = []
    current = ""
    prefix = ""
    for word in text.split():
        room = width - len(prefix)
        while len(word) > room:               # a word longer than a whole line
            if current:
                lines.append(prefix + current)
                current, prefix = "", " " * indent
                room = width - len(prefix)
            lines.append(prefix + word[:room])
            word = word[room:]
            prefix = " " * indent
            room = width - len(prefix)
        if not current:
            current = word
        elif len(prefix) + len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(prefix + current)
            current, prefix = word, " " * indent
    if current or not lines:
        lines.append(prefix + current)
    return lines


def pair(left: str, right: str, width: int = WIDTH) -> list[str]:
    """``left`` at the left edge and ``right`` at the right edge of one line.

    When they do not fit together, ``left`` wraps and ``right`` goes to the end of the last line,
    or to a line of its own (right-aligned).
    """
    if len(left) + 1 + len(right) <= width:
        return [left + " " * (width - len(left) - len(right)) + right]
    lines = wrap(left, width) if left else []
    right_lines = wrap(right, width)
    if lines and len(right_lines) == 1 and len(lines[-1]) + 1 + len(right) <= width:
        last = lines.pop()
        lines.append(last + " " * (width - len(last) - len(right)) + right)
        return lines
    return lines + [r.rjust(width) for r in right_lines]
