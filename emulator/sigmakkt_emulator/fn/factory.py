"""Factory settings of an emulated FN: what a real FN has burnt in before it leaves the plant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sigmakkt_emulator.fn.sign import DEFAULT_FACTORY_SECRET


@dataclass(frozen=True)
class FNSettings:
    """Factory parameters of one emulated FN.

    * ``fn_number`` — 16 ASCII digits; emulated FNs start with ``9999`` (the prefix test FNs use
      in public receipt samples, reference §6 QR example).
    * ``expiry`` — last day the FN may sign; ``None`` = ``validity_days`` after the first start.
      3Bh counts days to it; warning flags fire at 30 and 3 days (reference §4).
    * ``ffd_versions`` — FFD codes the FN accepts at registration (A2h/3Ah numbering: 2 = 1.05
      via 02h/03h, 4 = 1.2 via A2h/A3h); the max is what 3Ah reports.
    * ``max_documents`` — archive capacity (FD count); 3Dh reports what is left, and the
      memory-full warning (b2) fires at 99 % (S2 figure).
    * ``ofd_store_kib`` — size of the 30-day store for unsent documents; 3Dh reports free KiB.
    * ``max_registrations`` — registrations + re-registrations allowed (32h).
    * ``debug`` — a debug / МГМ FN: 60h reset is accepted and 33h reports type 0.
    * ``factory_secret`` — seeds the per-FN fiscal-sign key (:mod:`.sign`); never logged.
    """

    fn_number: str = "9999078900000001"
    expiry: date | None = None
    validity_days: int = 470
    ffd_versions: frozenset[int] = field(default_factory=lambda: frozenset({2, 4}))
    max_documents: int = 250_000
    ofd_store_kib: int = 1024
    max_registrations: int = 30
    firmware_version: str = "SIGMAKKT-EMU-1.0"
    debug: bool = True
    factory_secret: bytes = field(default=DEFAULT_FACTORY_SECRET, repr=False)

    def __post_init__(self) -> None:
        if len(self.fn_number) != 16 or not self.fn_number.isdigit():
            raise ValueError(f"FN number must be 16 digits, got {self.fn_number!r}")
        if not self.ffd_versions or not self.ffd_versions <= {2, 4}:
            raise ValueError("ffd_versions must be a non-empty subset of {2 (1.05), 4 (1.2)}")
        if len(self.firmware_version) > 16:
            raise ValueError("firmware_version is at most 16 ASCII characters")

    @property
    def max_ffd(self) -> int:
        """The highest FFD the FN supports (3Ah byte 2)."""
        return max(self.ffd_versions)
