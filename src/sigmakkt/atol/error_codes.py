"""sigmakkt errors → ATOL Driver 10 error codes (``errorCode()``, atol-protocol reference §3.8).

ATOL clients branch on these numbers (e.g. 44 "no paper", 68/141 "shift expired"), so
:func:`atol_error` picks the closest code for each sigmakkt error; the description is sigmakkt's
own message (what happened and what to do). The mapping:

============================================  ====  =====================
sigmakkt error                                code  ATOL meaning
============================================  ====  =====================
Unsupported (task type or field)              11    not supported
ValidationError "…: is required"              8     missing parameter
other ValidationError                         13    invalid parameter
PaperOut                                      44    no paper
CoverOpen                                     45    cover open
PortBusy                                      3     port busy
OutcomeUnknown, AnswerLost                    241   connection lost
other TransportError (timeout, disconnected)  2     no connection
FN 16h: shift over 24 h                       141   FN shift expired
FN 02h: wrong state                           117   FN invalid state
FN 12h/14h: resource exhausted / limit        137   FN resource exhausted
other FNError                                 115   FN exchange error
anything else                                 6     internal error
============================================  ====  =====================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sigmakkt.errors import (
    CoverOpen,
    FNError,
    OutcomeUnknown,
    PaperOut,
    PortBusy,
    TransportError,
    Unsupported,
    ValidationError,
)

__all__ = ["AtolError", "atol_error"]

_FN_CODES = {0x16: 141, 0x02: 117, 0x12: 137, 0x14: 137}


@dataclass(frozen=True)
class AtolError:
    """An ATOL-style error: ``code`` (errorCode) and ``description`` (errorDescription)."""

    code: int
    description: str

    def to_json(self) -> dict[str, Any]:
        """``{"error": {"code": …, "description": …}}`` — the Web Requests error shape."""
        return {"error": {"code": self.code, "description": self.description}}


def _code(exc: BaseException) -> int:
    if isinstance(exc, Unsupported):
        return 11
    if isinstance(exc, ValidationError):
        return 8 if ": is required" in str(exc) else 13
    if isinstance(exc, PaperOut):
        return 44
    if isinstance(exc, CoverOpen):
        return 45
    if isinstance(exc, PortBusy):
        return 3
    if isinstance(exc, OutcomeUnknown):
        return 241
    if isinstance(exc, TransportError):
        return 2
    if isinstance(exc, FNError):
        return _FN_CODES.get(exc.code, 115)
    return 6


def atol_error(exc: BaseException) -> AtolError:
    """The ATOL error code and description for ``exc``."""
    return AtolError(_code(exc), str(exc) or type(exc).__name__)
