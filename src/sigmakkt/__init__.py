"""sigmakkt: an open SDK for ATOL Sigma-style Russian online cash registers.

Layers, bottom up: :mod:`sigmakkt.transport` (bytes over serial, TCP, USB, BLE, in-process),
:mod:`sigmakkt.protocol` (pure codecs), device clients (:mod:`sigmakkt.fn`,
:mod:`sigmakkt.printer`, :mod:`sigmakkt.ofd`) and the Register API.
"""

from sigmakkt.errors import (
    CoverOpen,
    CRCError,
    CutterError,
    DecodeError,
    DeviceError,
    Disconnected,
    FNError,
    FrameError,
    MissingDependency,
    OutcomeUnknown,
    PaperOut,
    PortBusy,
    PrinterError,
    PrinterOffline,
    ProtocolError,
    SigmaKKTError,
    TransportError,
    TransportTimeout,
    ValidationError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "CRCError",
    "CoverOpen",
    "CutterError",
    "DecodeError",
    "DeviceError",
    "Disconnected",
    "FNError",
    "FrameError",
    "MissingDependency",
    "OutcomeUnknown",
    "PaperOut",
    "PortBusy",
    "PrinterError",
    "PrinterOffline",
    "ProtocolError",
    "SigmaKKTError",
    "TransportError",
    "TransportTimeout",
    "ValidationError",
    "__version__",
]
