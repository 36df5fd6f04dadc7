"""The FN's state: what survives power loss (:class:`FNState`) and what does not
(:class:`CurrentDocument`).

:class:`FNState` is stored whole in the state row of :mod:`.store` in the same SQLite
transaction as each completed document, so the two never disagree. The document being built
(Begin → 07h …) lives only in memory: a real FN loses an unfinished document on power loss
(reference §2.2: "must finish without power loss, otherwise restart").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sigmakkt.protocol.fn.enums import DocumentCode, DocumentType, FFDVersion, Phase
from sigmakkt_emulator.fn.counters import CounterSet

# The protocol enums, under the short names the machine uses (one definition each:
# sigmakkt.protocol.fn.enums / sigmakkt.protocol.ffd.values).
# Phase byte of 30h (reference §4, cumulative bits).
PHASE_READY = Phase.READY
PHASE_FISCAL = Phase.FISCAL
PHASE_POST_FISCAL = Phase.POST_FISCAL
PHASE_ARCHIVE = Phase.ARCHIVE

# Current-document codes of 30h byte 1 (reference §4; hex values).
DOC_NONE = DocumentCode.NONE
DOC_REGISTRATION = DocumentCode.REGISTRATION
DOC_SHIFT_OPEN = DocumentCode.SHIFT_OPEN
DOC_RECEIPT = DocumentCode.RECEIPT
DOC_SHIFT_CLOSE = DocumentCode.SHIFT_CLOSE
DOC_CLOSE_FN = DocumentCode.FN_CLOSE
DOC_REREG_FN_REPLACED = DocumentCode.REREGISTRATION_FN_REPLACEMENT
DOC_REREG = DocumentCode.REREGISTRATION
DOC_CORRECTION = DocumentCode.CORRECTION_RECEIPT
DOC_STATE_REPORT = DocumentCode.STATE_REPORT

# FFD document types = STLV tag of the whole document (reference §5.3).
TYPE_REGISTRATION = DocumentType.REGISTRATION
TYPE_REREGISTRATION = DocumentType.REREGISTRATION
TYPE_SHIFT_OPEN = DocumentType.SHIFT_OPEN
TYPE_STATE_REPORT = DocumentType.STATE_REPORT
TYPE_RECEIPT = DocumentType.RECEIPT
TYPE_CORRECTION = DocumentType.CORRECTION_RECEIPT
TYPE_SHIFT_CLOSE = DocumentType.SHIFT_CLOSE
TYPE_CLOSE_FN = DocumentType.FN_CLOSE

# FFD modes as A2h / 3Ah number them (3Ah reports 1 for the 1.0/1.05 mode).
FFD_105 = FFDVersion.FFD_105
FFD_12 = FFDVersion.FFD_12


@dataclass
class Registration:
    """Parameters of the last registration / re-registration (43h, 44h, 47h)."""

    fd: int
    when: datetime
    inn: str
    rnm: str
    tax_systems: int
    work_mode: int
    ext_flags: int
    ofd_inn: str
    reason: int
    ffd: int

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        d = dict(self.__dict__)
        d["when"] = self.when.isoformat()
        return d

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Registration:
        """Inverse of :meth:`to_json`."""
        d = dict(obj)
        d["when"] = datetime.fromisoformat(d["when"])
        return cls(**d)


@dataclass
class FNState:
    """Everything the FN keeps in non-volatile memory besides the archive."""

    made: date
    expiry: date
    phase: int = PHASE_READY
    ffd: int = 0
    last_fd: int = 0
    acked_count: int = 0
    last_time: datetime | None = None
    last_fn_time: datetime | None = None
    registrations: int = 0
    registration: Registration | None = None
    registration_fds: list[int] = field(default_factory=list)
    shift_open: bool = False
    shift_number: int = 0
    receipt_number: int = 0
    shift_opened_at: datetime | None = None
    shift_open_fn_time: datetime | None = None
    shift_fd_count: int = 0
    shift_counters: CounterSet = field(default_factory=CounterSet)
    fn_counters: CounterSet = field(default_factory=CounterSet)

    def to_json(self) -> dict[str, Any]:
        """JSON-able form for the state row."""
        return {
            "made": self.made.isoformat(),
            "expiry": self.expiry.isoformat(),
            "phase": self.phase,
            "ffd": self.ffd,
            "last_fd": self.last_fd,
            "acked_count": self.acked_count,
            "last_time": self.last_time.isoformat() if self.last_time else None,
            "last_fn_time": self.last_fn_time.isoformat() if self.last_fn_time else None,
            "registrations": self.registrations,
            "registration": self.registration.to_json() if self.registration else None,
            "registration_fds": list(self.registration_fds),
            "shift_open": self.shift_open,
            "shift_number": self.shift_number,
            "receipt_number": self.receipt_number,
            "shift_opened_at": self.shift_opened_at.isoformat() if self.shift_opened_at else None,
            "shift_open_fn_time": (
                self.shift_open_fn_time.isoformat() if self.shift_open_fn_time else None
            ),
            "shift_fd_count": self.shift_fd_count,
            "shift_counters": self.shift_counters.to_json(),
            "fn_counters": self.fn_counters.to_json(),
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> FNState:
        """Inverse of :meth:`to_json`."""

        def dt(v: str | None) -> datetime | None:
            return datetime.fromisoformat(v) if v else None

        reg = obj.get("registration")
        return cls(
            made=date.fromisoformat(obj["made"]),
            expiry=date.fromisoformat(obj["expiry"]),
            phase=int(obj["phase"]),
            ffd=int(obj["ffd"]),
            last_fd=int(obj["last_fd"]),
            acked_count=int(obj["acked_count"]),
            last_time=dt(obj["last_time"]),
            last_fn_time=dt(obj["last_fn_time"]),
            registrations=int(obj["registrations"]),
            registration=Registration.from_json(reg) if reg else None,
            registration_fds=[int(v) for v in obj["registration_fds"]],
            shift_open=bool(obj["shift_open"]),
            shift_number=int(obj["shift_number"]),
            receipt_number=int(obj["receipt_number"]),
            shift_opened_at=dt(obj["shift_opened_at"]),
            shift_open_fn_time=dt(obj["shift_open_fn_time"]),
            shift_fd_count=int(obj["shift_fd_count"]),
            shift_counters=CounterSet.from_json(obj["shift_counters"]),
            fn_counters=CounterSet.from_json(obj["fn_counters"]),
        )


@dataclass
class CurrentDocument:
    """The document between Begin and Complete/06h (volatile)."""

    code: int
    when: datetime | None = None
    reg_type: int = 0
    reg_ffd: int = 0
    tlv: bytearray = field(default_factory=bytearray)
    tags: set[int] = field(default_factory=set)
    items: int = 0
