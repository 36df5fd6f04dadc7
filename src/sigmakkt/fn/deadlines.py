"""How long the FN client waits for each command's answer, and whether a lost answer matters.

A dead link must be reported quickly, but a slow fiscal operation must be waited for: opening
a shift can take 20–30 s on real devices (atol-protocol reference §4 item 2, shtrih-m/fr_drv_ng
#158, #253), and completing a receipt with marked items "can take several seconds"
(fn-protocol reference §2.4, 16h). No FN-level timeout table is published; the values below
follow the only published driver table, ATOL's v2 transport in atol4j (T5 "wait for answer":
default 10 s, close receipt 20 s, Z report 40 s, atol-protocol reference §1.3), made more
generous for the commands that sign a document, and short for pure queries so a dead link is
reported within ~2 s.

=====================================================  ========  ==========
commands                                               deadline  idempotent
=====================================================  ========  ==========
status and query (10h, 20h, 30h–3Fh, 40h–45h, 50h,       2 s     yes
A7h, B0h, BAh, D7h)
TLV data, cancel, begin-document (02h, 04h, 06h, 07h,    5 s     no
11h, 13h, 15h, 17h, 18h, A2h), OFD and marking blocks
archive TLV iteration (46h, 47h)                          2 s     no
complete receipt / state report (16h, 19h)               30 s     no
open/close shift, registration, close FN (03h, 05h,      60 s     no
12h, 14h, A3h), key update (D0h, D1h)
anything else                                            10 s     no
=====================================================  ========  ==========

"Idempotent" commands change nothing in the FN, so when their answer is lost the client says
the command is safe to repeat; for every other command a lost answer is an unknown outcome.
Pass ``FiscalStorage(deadlines=DeadlineTable(overrides={0x12: 90.0}))`` to change any entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sigmakkt.protocol.fn.codes import CommandCode as C


@dataclass(frozen=True, slots=True)
class Timing:
    """Answer deadline (seconds) of one command and whether repeating it is harmless."""

    deadline: float
    idempotent: bool = False


QUERY = Timing(2.0, idempotent=True)
STEP = Timing(5.0)
ITERATE = Timing(2.0)
DOCUMENT = Timing(30.0)
LONG = Timing(60.0)
DEFAULT = Timing(10.0)

#: The built-in table (see the module docstring).
DEFAULT_TIMINGS: Mapping[int, Timing] = {
    **{code: QUERY for code in (
        C.GET_SHIFT_PARAMETERS, C.GET_OFD_STATUS, C.GET_STATUS, C.GET_FN_NUMBER, C.GET_EXPIRY,
        C.GET_VERSION, C.GET_LIFETIME, C.GET_LAST_ERRORS, C.GET_COUNTERS,
        C.GET_OPERATION_COUNTS, C.GET_SETTLEMENT_COUNTERS, C.GET_UNSENT_COUNTERS,
        C.GET_FFD_VERSION, C.GET_DAYS_LEFT, C.GET_FREE_MEMORY, C.GET_EXECUTION,
        C.FIND_DOCUMENT, C.GET_OFD_ACKNOWLEDGEMENT, C.GET_UNCONFIRMED_COUNT,
        C.GET_REGISTRATION_RESULTS, C.GET_REGISTRATION_PARAMETER, C.GET_DOCUMENT_TLV_INFO,
        C.FIND_DOCUMENT_FORMAT, C.GET_TRANSFERRED_SIZE, C.GET_MARKING_STATUS,
        C.GET_NOTIFICATION_STATUS, C.GET_KEY_SERVER,
    )},
    **{code: ITERATE for code in (C.READ_DOCUMENT_TLV, C.READ_REGISTRATION_TLV)},
    **{code: STEP for code in (
        C.BEGIN_REGISTRATION, C.BEGIN_CLOSE_FN, C.CANCEL_DOCUMENT, C.SEND_DOCUMENT_DATA,
        C.BEGIN_OPEN_SHIFT, C.BEGIN_CLOSE_SHIFT, C.BEGIN_RECEIPT, C.BEGIN_CORRECTION_RECEIPT,
        C.BEGIN_STATE_REPORT, C.BEGIN_REGISTRATION_V2, C.SET_TRANSPORT_STATUS,
        C.BEGIN_OFD_MESSAGE_READ, C.READ_OFD_MESSAGE_BLOCK, C.CANCEL_OFD_MESSAGE_READ,
        C.FINISH_OFD_MESSAGE_READ, C.SEND_OFD_RECEIPT, C.SAVE_MARKING_CHECK_RESULT,
        C.CLEAR_MARKING_CHECK_RESULTS, C.BUILD_MARKING_REQUEST, C.SEND_MARKING_RESPONSE,
        C.SEND_MARKED_ITEM_DATA, C.BEGIN_NOTIFICATION_READ, C.READ_NOTIFICATION_BLOCK,
        C.CANCEL_NOTIFICATION_READ, C.FINISH_NOTIFICATION_READ, C.SEND_NOTIFICATION_RECEIPT,
        C.BEGIN_NOTIFICATION_UNLOAD, C.NEXT_UNLOADED_NOTIFICATION,
        C.READ_UNLOADED_NOTIFICATION_BLOCK, C.CONFIRM_NOTIFICATION_UNLOAD,
    )},
    **{code: DOCUMENT for code in (
        C.COMPLETE_RECEIPT, C.COMPLETE_STATE_REPORT, C.CHECK_MARKING_CODE,
    )},
    **{code: LONG for code in (
        C.COMPLETE_REGISTRATION, C.CLOSE_FN, C.OPEN_SHIFT, C.CLOSE_SHIFT,
        C.COMPLETE_REGISTRATION_V2, C.BEGIN_KEY_UPDATE, C.SEND_KEY_UPDATE_REPLY,
    )},
}


class DeadlineTable:
    """Per-command :class:`Timing`, the defaults plus ``overrides``.

    ``overrides`` maps a command code to a :class:`Timing` or to a deadline in seconds (the
    idempotency of the default entry is kept). ``scale`` multiplies every deadline (e.g. 0.1
    in tests against an emulator, 2.0 for a slow link).
    """

    def __init__(self, overrides: Mapping[int, Timing | float] | None = None, *,
                 default: Timing = DEFAULT, scale: float = 1.0) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.default = default
        self.scale = scale
        self._table: dict[int, Timing] = {int(k): v for k, v in DEFAULT_TIMINGS.items()}
        for code, value in (overrides or {}).items():
            if isinstance(value, Timing):
                self._table[int(code)] = value
            else:
                base = self._table.get(int(code), default)
                self._table[int(code)] = Timing(float(value), base.idempotent)

    def timing(self, code: int) -> Timing:
        """The timing of command ``code`` (scaled)."""
        base = self._table.get(code, self.default)
        if self.scale == 1.0:
            return base
        return Timing(base.deadline * self.scale, base.idempotent)

    def deadline(self, code: int) -> float:
        """Seconds to wait for the answer to command ``code``."""
        return self.timing(code).deadline

    def idempotent(self, code: int) -> bool:
        """Whether repeating command ``code`` is harmless."""
        return self.timing(code).idempotent
