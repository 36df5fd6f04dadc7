"""Public value types of the Register API: what goes in (items, payments, people) and what comes
back (typed results of each operation).

Inputs check and normalise themselves when built (money becomes a two-decimal ``Decimal``,
quantities a ``Decimal``, codes become enums), raising :class:`sigmakkt.ValidationError` with the
field name; rules that depend on the whole receipt are in
:func:`sigmakkt.register.validation.validate_receipt`. Results are frozen dataclasses and carry
no FN-protocol details, so that another backend (an ATOL KKT) can fill them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from sigmakkt.errors import ValidationError
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
    measure_label,
)
from sigmakkt.register.money import (
    MoneyInput,
    QuantityInput,
    parse_money,
    parse_quantity,
    to_rubles,
)
from sigmakkt.register.totals import item_total
from sigmakkt.register.validation import (
    check_inn,
    check_phone,
    check_tag_text,
    check_vat,
)

# --- inputs --------------------------------------------------------------------------------


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclass(frozen=True, init=False)
class AgentData:
    """Agent data of an item (tag 1222 role + STLV 1223).

    ``operation`` (1044, ≤ 24), ``phones`` (1073), ``receiver_phones`` (1074), transfer operator
    ``transfer_operator_phones`` (1075), ``transfer_operator_name`` (1026),
    ``transfer_operator_address`` (1005), ``transfer_operator_inn`` (1016).
    """

    agent_type: AgentType
    operation: str | None
    phones: tuple[str, ...]
    receiver_phones: tuple[str, ...]
    transfer_operator_phones: tuple[str, ...]
    transfer_operator_name: str | None
    transfer_operator_address: str | None
    transfer_operator_inn: str | None

    def __init__(self, agent_type: AgentType, *, operation: str | None = None,
                 phones: tuple[str, ...] | list[str] = (),
                 receiver_phones: tuple[str, ...] | list[str] = (),
                 transfer_operator_phones: tuple[str, ...] | list[str] = (),
                 transfer_operator_name: str | None = None,
                 transfer_operator_address: str | None = None,
                 transfer_operator_inn: str | None = None) -> None:
        if not isinstance(agent_type, AgentType) or not agent_type:
            raise ValidationError("give the agent role as sigmakkt AgentType", "agent.agent_type")
        if agent_type.value & (agent_type.value - 1):
            raise ValidationError("an item has exactly one agent role", "agent.agent_type")
        _set(self, "agent_type", agent_type)
        _set(self, "operation", None if operation is None
             else check_tag_text(operation, 1044, "agent.operation"))
        for name, tag, values in (("phones", 1073, phones), ("receiver_phones", 1074,
                                                              receiver_phones),
                                  ("transfer_operator_phones", 1075, transfer_operator_phones)):
            _set(self, name, tuple(check_phone(p, f"agent.{name}[{i}]", tag)
                                   for i, p in enumerate(values)))
        _set(self, "transfer_operator_name", None if transfer_operator_name is None
             else check_tag_text(transfer_operator_name, 1026, "agent.transfer_operator_name"))
        _set(self, "transfer_operator_address", None if transfer_operator_address is None
             else check_tag_text(transfer_operator_address, 1005,
                                 "agent.transfer_operator_address"))
        _set(self, "transfer_operator_inn", None if transfer_operator_inn is None
             else check_inn(transfer_operator_inn, "agent.transfer_operator_inn"))


@dataclass(frozen=True, init=False)
class SupplierData:
    """Supplier of an item sold by an agent: INN (1226), name (1225), phones (1171)."""

    inn: str | None
    name: str | None
    phones: tuple[str, ...]

    def __init__(self, inn: str | None = None, name: str | None = None,
                 phones: tuple[str, ...] | list[str] = ()) -> None:
        _set(self, "inn", None if inn is None else check_inn(inn, "supplier.inn"))
        _set(self, "name", None if name is None
             else check_tag_text(name, 1225, "supplier.name", "the supplier name"))
        _set(self, "phones", tuple(check_phone(p, f"supplier.phones[{i}]", 1171)
                                   for i, p in enumerate(phones)))


@dataclass(frozen=True, init=False)
class Item:
    """One line of a receipt (STLV 1059).

    ``price`` is the unit price in rubles incl. VAT (str/Decimal; int = whole rubles; float
    refused), ``quantity`` a Decimal with ≤ 6 decimals, ``vat`` a :class:`VAT` (or its code) and
    must be given. ``measure`` is a :class:`Measure` (FFD 1.2) or, for FFD 1.05, free text such as
    ``"шт"``. ``payment_method`` (1214) defaults to full payment, ``item_type`` (1212) to goods.
    """

    name: str
    price: Decimal
    quantity: Decimal
    vat: VAT
    measure: Measure | str
    payment_method: PaymentMethod
    item_type: ItemType
    agent: AgentData | None
    supplier: SupplierData | None

    def __init__(self, name: str, price: MoneyInput, quantity: QuantityInput = 1, *,
                 vat: VAT | int, measure: Measure | str = Measure.PIECE,
                 payment_method: PaymentMethod = PaymentMethod.FULL_PAYMENT,
                 item_type: ItemType = ItemType.COMMODITY, agent: AgentData | None = None,
                 supplier: SupplierData | None = None) -> None:
        _set(self, "name", check_tag_text(name, 1030, "name", "the item name"))
        _set(self, "price", parse_money(price, "price"))
        _set(self, "quantity", parse_quantity(quantity, "quantity"))
        _set(self, "vat", check_vat(vat, "vat"))
        if isinstance(measure, Measure):
            _set(self, "measure", measure)
        elif isinstance(measure, str):
            _set(self, "measure", check_tag_text(measure, 1197, "measure", "the unit"))
        else:
            raise ValidationError(f"{measure!r} is not a sigmakkt Measure nor a unit name",
                                  "measure")
        if not isinstance(payment_method, PaymentMethod):
            raise ValidationError(f"{payment_method!r} is not a sigmakkt PaymentMethod",
                                  "payment_method")
        _set(self, "payment_method", payment_method)
        if not isinstance(item_type, ItemType):
            raise ValidationError(f"{item_type!r} is not a sigmakkt ItemType", "item_type")
        _set(self, "item_type", item_type)
        if agent is not None and not isinstance(agent, AgentData):
            raise ValidationError("give agent data as sigmakkt AgentData", "agent")
        if supplier is not None and not isinstance(supplier, SupplierData):
            raise ValidationError("give supplier data as sigmakkt SupplierData", "supplier")
        _set(self, "agent", agent)
        _set(self, "supplier", supplier)

    @property
    def total(self) -> Decimal:
        """price × quantity rounded half-up to kopecks (tag 1043)."""
        return to_rubles(item_total(self.price, self.quantity))

    @property
    def measure_label(self) -> str:
        """The unit as printed."""
        return measure_label(self.measure) if isinstance(self.measure, Measure) else self.measure


@dataclass(frozen=True, init=False)
class Payment:
    """One payment of a receipt: its form (:class:`PaymentType`) and sum in rubles."""

    type: PaymentType
    sum: Decimal

    def __init__(self, type: PaymentType, sum: MoneyInput) -> None:
        if not isinstance(type, PaymentType):
            raise ValidationError(f"{type!r} is not a sigmakkt PaymentType", "payment.type")
        _set(self, "type", type)
        _set(self, "sum", parse_money(sum, "payment.sum"))

    @classmethod
    def cash(cls, sum: MoneyInput) -> Payment:
        """Cash (tag 1031); may exceed the total, the excess is change."""
        return cls(PaymentType.CASH, sum)

    @classmethod
    def electronic(cls, sum: MoneyInput) -> Payment:
        """Card or other electronic payment (tag 1081)."""
        return cls(PaymentType.ELECTRONIC, sum)

    @classmethod
    def prepaid(cls, sum: MoneyInput) -> Payment:
        """Offset of an earlier prepayment/advance (tag 1215)."""
        return cls(PaymentType.PREPAID, sum)

    @classmethod
    def credit(cls, sum: MoneyInput) -> Payment:
        """Postpayment, credit (tag 1216)."""
        return cls(PaymentType.CREDIT, sum)

    @classmethod
    def counter_provision(cls, sum: MoneyInput) -> Payment:
        """Counter-provision, "встречное предоставление" (tag 1217)."""
        return cls(PaymentType.COUNTER_PROVISION, sum)


@dataclass(frozen=True, init=False)
class Cashier:
    """The person who makes the settlement: name (1021, ≤ 64) and optional INN (1203, 12 digits)."""

    name: str
    inn: str | None

    def __init__(self, name: str, inn: str | None = None) -> None:
        _set(self, "name", check_tag_text(name, 1021, "cashier.name", "the cashier name"))
        _set(self, "inn", None if inn is None else check_inn(inn, "cashier.inn", person=True))


@dataclass(frozen=True, init=False)
class Buyer:
    """Buyer (client) named on the receipt: name (1227, ≤ 256) and/or INN (1228)."""

    name: str | None
    inn: str | None

    def __init__(self, name: str | None = None, inn: str | None = None) -> None:
        if name is None and inn is None:
            raise ValidationError("give the buyer's name, INN or both", "buyer")
        _set(self, "name", None if name is None
             else check_tag_text(name, 1227, "buyer.name", "the buyer name"))
        _set(self, "inn", None if inn is None else check_inn(inn, "buyer.inn"))


@dataclass(frozen=True, init=False)
class CorrectionBasis:
    """Basis of a correction receipt (STLV 1174): date (1178), order number (1179), name (1177,
    FFD 1.05 only). A self-initiated correction may leave ``number`` empty."""

    date: dt.date
    number: str | None
    name: str | None

    def __init__(self, date: dt.date, number: str | None = None,
                 name: str | None = None) -> None:
        if not isinstance(date, dt.date):
            raise ValidationError("give the basis date as datetime.date", "basis.date")
        _set(self, "date", date.date() if isinstance(date, dt.datetime) else date)
        _set(self, "number", None if number is None
             else check_tag_text(number, 1179, "basis.number", "the document number"))
        _set(self, "name", None if name is None
             else check_tag_text(name, 1177, "basis.name", "the basis name"))


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperStatus:
    """The printer's paper and mechanism state."""

    paper_present: bool
    paper_near_end: bool = False
    cover_open: bool = False
    cutter_error: bool = False
    online: bool = True

    @property
    def ready(self) -> bool:
        """True when a document can be printed now."""
        return self.paper_present and not self.cover_open and not self.cutter_error and self.online


@dataclass(frozen=True)
class RegistrationInfo:
    """Registration data of the KKT as stored in the FN."""

    inn: str
    rnm: str
    tax_systems: TaxSystem
    work_modes: frozenset[WorkMode]
    ffd: FFDVersion
    ofd_inn: str | None = None
    org_name: str | None = None
    address: str | None = None
    place: str | None = None
    kkt_serial: str | None = None
    fns_site: str | None = None
    ofd_name: str | None = None
    sender_email: str | None = None


@dataclass(frozen=True)
class Status:
    """Answer of ``Register.status()``."""

    phase: FNPhase
    fn_number: str
    shift_open: bool
    shift_number: int
    last_document_number: int
    unsent_documents: int
    oldest_unsent: dt.datetime | None
    warnings: FNWarning
    registration: RegistrationInfo | None = None
    shift_opened_at: dt.datetime | None = None
    shift_expired: bool = False
    receipt_number: int = 0
    fn_expiry: dt.date | None = None
    paper: PaperStatus | None = None
    #: Days left before the oldest unsent document hits the 30-day OFD limit, when that is
    #: closer than the Register's ``ofd_warning_days``; negative once the FN blocks.
    ofd_days_left: float | None = None
    #: What to do about it, in words (None while far from the limit).
    ofd_warning: str | None = None

    @property
    def registered(self) -> bool:
        """True once the FN is in fiscal mode."""
        return self.phase is FNPhase.FISCAL


@dataclass(frozen=True)
class FiscalResult:
    """What every fiscal document has: its number, sign, time, FN, and whether it printed."""

    fiscal_document_number: int
    fiscal_sign: int
    datetime: dt.datetime
    fn_number: str
    printed: bool
    print_error: str | None = None


@dataclass(frozen=True)
class ReceiptResult(FiscalResult):
    """A signed receipt. ``fiscal_sign`` is the printed ФП value; ``qr`` the QR payload."""

    receipt_number: int = 0
    shift_number: int = 0
    total: Decimal = Decimal("0.00")
    qr: str = ""
    operation: OperationType = OperationType.SELL
    change: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class CorrectionResult(ReceiptResult):
    """A signed correction receipt."""

    correction_type: CorrectionType = CorrectionType.SELF


@dataclass(frozen=True)
class OperationCounters:
    """Counters of one settlement sign (FN 36h/38h block; tags 1129–1132)."""

    count: int = 0
    total: Decimal = Decimal("0.00")
    by_payment: Mapping[PaymentType, Decimal] = field(default_factory=dict)
    vat: Mapping[VAT, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ShiftCounters:
    """Shift totals printed on the shift-close and X reports."""

    receipts: int = 0
    documents: int = 0
    operations: Mapping[OperationType, OperationCounters] = field(default_factory=dict)
    corrections: int = 0
    corrections_total: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class ShiftResult(FiscalResult):
    """A shift-open or shift-close report."""

    shift_number: int = 0
    warnings: FNWarning = FNWarning(0)  # noqa: RUF009 (an immutable flag)
    counters: ShiftCounters | None = None
    unsent_documents: int = 0
    oldest_unsent: dt.datetime | None = None


@dataclass(frozen=True)
class RegistrationResult(FiscalResult):
    """A registration, re-registration or FN-closing report."""

    registration: RegistrationInfo | None = None
    reason: ReregistrationReason | None = None


class ReportKind(Enum):
    """Which report a :class:`ReportResult` is."""

    X = "x"                  # non-fiscal counters report
    STATE = "state"          # current-state report (fiscal document, FN 18h/19h)


@dataclass(frozen=True)
class ReportResult:
    """An X report (non-fiscal: no number or sign) or a current-state report (fiscal)."""

    kind: ReportKind
    datetime: dt.datetime
    fn_number: str
    printed: bool
    print_error: str | None = None
    fiscal_document_number: int | None = None
    fiscal_sign: int | None = None
    shift_number: int = 0
    unsent_documents: int = 0
    oldest_unsent: dt.datetime | None = None
    counters: ShiftCounters | None = None
