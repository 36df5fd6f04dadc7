"""Text encoding for the printer: Unicode -> CP866 bytes, with the rouble-sign policy.

Code page: the builder selects PC866 with ``ESC t 17`` (Epson's table, "PC866: Cyrillic #2", as
listed in escpos-printer-db ``default.yml`` and used by receiptline for epson/sii/citizen;
``reference/printer.md`` §2.2 [V]; the esc_pos_dart ``CharCodeTableEscPos`` table on pub.dev
agrees: 17 = cp866, 18 = cp852). n = 18 is PC852, a known trap. Characters are then encoded with
Python's ``cp866`` codec, which covers all 33 Russian letters in both cases (Ё/ё at F0/F1) and
``№`` (FC).

Rouble sign policy: CP866 has no ``₽`` (U+20BD), so it is printed as the abbreviation ``руб.``
(the form GOST R 7.0.12 gives for money amounts). A few typographic characters missing from CP866
map to ASCII look-alikes; anything else unencodable becomes ``?`` (as python-escpos does).
"""

from __future__ import annotations

from typing import Final

#: ESC t value selecting PC866 on Epson-compatible firmware.
CODEPAGE_PC866: Final = 17
#: Python codec for each ESC t value the emulator knows (Epson numbering).
CODEPAGES: Final = {0: "cp437", 17: "cp866", 46: "cp1251"}
#: What the rouble sign prints as.
ROUBLE: Final = "руб."

_SUBSTITUTES: Final = str.maketrans(
    {
        "₽": ROUBLE,
        "«": '"',
        "»": '"',
        "„": '"',
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
    }
)


def normalize(text: str) -> str:
    """Apply the substitution policy (``₽`` -> ``руб.``, dashes, quotes) without encoding."""
    return text.translate(_SUBSTITUTES)


def encode_text(text: str, codec: str = "cp866") -> bytes:
    """Encode ``text`` for the printer; unencodable characters become ``?``."""
    return normalize(text).encode(codec, errors="replace")
