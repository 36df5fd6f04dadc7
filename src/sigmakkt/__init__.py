"""sigmakkt: an open SDK for ATOL Sigma-style Russian online cash registers.

Layers, bottom up: :mod:`sigmakkt.transport` (bytes over serial, TCP, USB, BLE, in-process),
:mod:`sigmakkt.protocol` (pure codecs), device clients (:mod:`sigmakkt.fn`,
:mod:`sigmakkt.printer`, :mod:`sigmakkt.ofd`) and the Register API.
"""

from typing import TYPE_CHECKING, Any

from sigmakkt.errors import (
    CoverOpen,
    CRCError,
    CutterError,
    DecodeError,
    DeviceError,
    Disconnected,
    DocumentMismatch,
    DocumentNotSigned,
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

#: Register API names loaded on first use (importing them pulls in the device clients).
_LAZY = {
    "Register": "sigmakkt.register.register",
    "Item": "sigmakkt.register.models",
    "Payment": "sigmakkt.register.models",
    "Cashier": "sigmakkt.register.models",
    "Buyer": "sigmakkt.register.models",
    "CorrectionBasis": "sigmakkt.register.models",
    "ReceiptResult": "sigmakkt.register.models",
    "CorrectionResult": "sigmakkt.register.models",
    "ShiftResult": "sigmakkt.register.models",
    "Status": "sigmakkt.register.models",
    "VAT": "sigmakkt.register.enums",
    "TaxSystem": "sigmakkt.register.enums",
    "Measure": "sigmakkt.register.enums",
    "PaymentMethod": "sigmakkt.register.enums",
    "ItemType": "sigmakkt.register.enums",
    "OperationType": "sigmakkt.register.enums",
    "CorrectionType": "sigmakkt.register.enums",
    "WorkMode": "sigmakkt.register.enums",
}

if TYPE_CHECKING:
    from sigmakkt.register.enums import (
        VAT,
        CorrectionType,
        ItemType,
        Measure,
        OperationType,
        PaymentMethod,
        TaxSystem,
        WorkMode,
    )
    from sigmakkt.register.models import (
        Buyer,
        Cashier,
        CorrectionBasis,
        CorrectionResult,
        Item,
        Payment,
        ReceiptResult,
        ShiftResult,
        Status,
    )
    from sigmakkt.register.register import Register


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sigmakkt' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

__all__ = [
    "VAT",
    "Buyer",
    "CRCError",
    "Cashier",
    "CorrectionBasis",
    "CorrectionResult",
    "CorrectionType",
    "CoverOpen",
    "CutterError",
    "DecodeError",
    "DeviceError",
    "Disconnected",
    "DocumentMismatch",
    "DocumentNotSigned",
    "FNError",
    "FrameError",
    "Item",
    "ItemType",
    "Measure",
    "MissingDependency",
    "OperationType",
    "OutcomeUnknown",
    "PaperOut",
    "Payment",
    "PaymentMethod",
    "PortBusy",
    "PrinterError",
    "PrinterOffline",
    "ProtocolError",
    "ReceiptResult",
    "Register",
    "ShiftResult",
    "SigmaKKTError",
    "Status",
    "TaxSystem",
    "TransportError",
    "TransportTimeout",
    "ValidationError",
    "WorkMode",
    "__version__",
]
