"""The emulated OFD (fiscal data operator) server: stores what the emulated FN sends and
answers with receipts the emulated FN accepts."""

from sigmakkt_emulator.ofd.server import (
           DEFAULT_OFD_INN,
           FORMAT_ERROR,
           DropStep,
           OFDServer,
           Rejection,
)
from sigmakkt_emulator.ofd.store import StoredDocument

__all__ = ["DEFAULT_OFD_INN", "FORMAT_ERROR", "DropStep", "OFDServer", "Rejection",
           "StoredDocument"]
