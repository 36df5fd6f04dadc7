"""The Register API: the cash register as POS software sees it.

This package holds what the Register needs that does not talk to a device: the public value
types (:mod:`.models`, :mod:`.enums`), money rules (:mod:`.money`), validation
(:mod:`.validation`, :mod:`.size`), receipt arithmetic (:mod:`.totals`), the printed layout of
every document (:mod:`.printable`, :mod:`.lines`, :mod:`.layout`) and its ESC/POS rendering
(:mod:`.render`). The QR payload is the protocol tier's :class:`~sigmakkt.protocol.ffd.ReceiptQR`.

:class:`Register` itself (:mod:`.register`) is imported lazily, so that importing the value
types does not load the device clients.
"""

from typing import TYPE_CHECKING, Any

from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FFDVersion,
    FNPhase,
    FNWarning,
    ItemType,
    Measure,
    OperationType,
    PaymentMethod,
    PaymentType,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)
from sigmakkt.register.models import (
    AgentData,
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionResult,
    FiscalResult,
    Item,
    OperationCounters,
    PaperStatus,
    Payment,
    ReceiptResult,
    RegistrationInfo,
    RegistrationResult,
    ReportKind,
    ReportResult,
    ShiftCounters,
    ShiftResult,
    Status,
    SupplierData,
)

if TYPE_CHECKING:
    from sigmakkt.register.register import Register


def __getattr__(name: str) -> Any:
    if name == "Register":
        from sigmakkt.register.register import Register

        return Register
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "VAT",
    "AgentData",
    "AgentType",
    "Buyer",
    "Cashier",
    "CorrectionBasis",
    "CorrectionResult",
    "CorrectionType",
    "FFDVersion",
    "FNPhase",
    "FNWarning",
    "FiscalResult",
    "Item",
    "ItemType",
    "Measure",
    "OperationCounters",
    "OperationType",
    "PaperStatus",
    "Payment",
    "PaymentMethod",
    "PaymentType",
    "ReceiptResult",
    "Register",
    "RegistrationInfo",
    "RegistrationResult",
    "ReportKind",
    "ReportResult",
    "ReregistrationReason",
    "ShiftCounters",
    "ShiftResult",
    "Status",
    "SupplierData",
    "TaxSystem",
    "WorkMode",
]
