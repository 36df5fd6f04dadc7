"""Typed inputs of the printed layout: what each document shows, with sums in kopecks.

The Register fills these from the caller's data and the FN's answers (FD number, fiscal sign,
date); :mod:`sigmakkt.register.layout` turns them into print lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FFDVersion,
    FNWarning,
    ItemType,
    OperationType,
    PaymentMethod,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
)
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    Item,
    Payment,
    ShiftCounters,
)
from sigmakkt.register.money import to_kopecks
from sigmakkt.register.totals import PaymentTotals, VatTotal, compute_totals
from sigmakkt.register.validation import FNS_SITE


@dataclass(frozen=True)
class OrgInfo:
    """Who and where: the requisites printed on every document."""

    name: str
    inn: str
    address: str
    rnm: str
    fn_number: str
    place: str | None = None
    kkt_serial: str | None = None
    fns_site: str = FNS_SITE
    sender_email: str | None = None


@dataclass(frozen=True)
class PrintableItem:
    """One item with its computed sums (kopecks) as it is printed."""

    name: str
    price: int
    quantity: Decimal
    measure: str
    total: int
    vat: VAT
    vat_amount: int
    payment_method: PaymentMethod = PaymentMethod.FULL_PAYMENT
    item_type: ItemType = ItemType.COMMODITY
    agent_type: AgentType | None = None
    supplier_inn: str | None = None
    supplier_name: str | None = None

    @classmethod
    def from_item(cls, item: Item, total: int, vat_amount: int) -> PrintableItem:
        """Printable form of an :class:`Item` whose sums were computed by ``totals``."""
        return cls(name=item.name, price=to_kopecks(item.price), quantity=item.quantity,
                   measure=item.measure_label, total=total, vat=item.vat, vat_amount=vat_amount,
                   payment_method=item.payment_method, item_type=item.item_type,
                   agent_type=item.agent.agent_type if item.agent else None,
                   supplier_inn=item.supplier.inn if item.supplier else None,
                   supplier_name=item.supplier.name if item.supplier else None)


@dataclass(frozen=True)
class CorrectionInfo:
    """What makes a receipt a correction receipt."""

    correction_type: CorrectionType
    basis: CorrectionBasis | None = None


@dataclass(frozen=True)
class PrintableReceipt:
    """A signed receipt (or correction receipt) ready to lay out. Sums are kopecks."""

    org: OrgInfo
    operation: OperationType
    receipt_number: int
    shift_number: int
    datetime: dt.datetime
    items: tuple[PrintableItem, ...]
    total: int
    payments: PaymentTotals        # as tendered; cash includes the change
    vat: tuple[VatTotal, ...]
    fd_number: int
    fiscal_sign: int
    qr: str
    change: int = 0
    tax_system: TaxSystem | None = None
    cashier: Cashier | None = None
    customer: str | None = None
    buyer: Buyer | None = None
    correction: CorrectionInfo | None = None
    copy: bool = False
    #: Non-fiscal text printed after the QR ("Спасибо за покупку"); the FN does not store it.
    notes: tuple[str, ...] = ()

    @classmethod
    def build(cls, org: OrgInfo, operation: OperationType, items: Sequence[Item],
              payments: Sequence[Payment], *, receipt_number: int, shift_number: int,
              datetime: dt.datetime, fd_number: int, fiscal_sign: int, qr: str,
              tax_system: TaxSystem | None = None, cashier: Cashier | None = None,
              customer: str | None = None, buyer: Buyer | None = None,
              correction: CorrectionInfo | None = None, copy: bool = False,
              notes: Sequence[str] = ()) -> PrintableReceipt:
        """Compute the totals of ``items``/``payments`` and make the printable receipt."""
        totals = compute_totals(items, payments)
        printable = tuple(PrintableItem.from_item(item, a.total, a.vat)
                          for item, a in zip(items, totals.items, strict=True))
        return cls(org=org, operation=operation, receipt_number=receipt_number,
                   shift_number=shift_number, datetime=datetime, items=printable,
                   total=totals.total, payments=totals.payments, vat=totals.vat,
                   fd_number=fd_number, fiscal_sign=fiscal_sign, qr=qr, change=totals.change,
                   tax_system=tax_system, cashier=cashier, customer=customer, buyer=buyer,
                   correction=correction, copy=copy, notes=tuple(notes))


@dataclass(frozen=True)
class PrintableShiftReport:
    """A shift-open (``opening=True``) or shift-close report."""

    org: OrgInfo
    opening: bool
    shift_number: int
    datetime: dt.datetime
    fd_number: int
    fiscal_sign: int
    cashier: Cashier | None = None
    counters: ShiftCounters | None = None
    unsent_documents: int = 0
    oldest_unsent: dt.datetime | None = None
    warnings: FNWarning = FNWarning(0)  # noqa: RUF009 (an immutable flag)
    ffd: FFDVersion = FFDVersion.FFD_12
    copy: bool = False


@dataclass(frozen=True)
class PrintableRegistration:
    """A registration report, or (``reason`` set) a report on changed registration data."""

    org: OrgInfo
    datetime: dt.datetime
    fd_number: int
    fiscal_sign: int
    tax_systems: TaxSystem
    work_modes: frozenset[WorkMode] = field(default_factory=frozenset)
    ffd: FFDVersion = FFDVersion.FFD_12
    ofd_name: str | None = None
    ofd_inn: str | None = None
    cashier: Cashier | None = None
    reason: ReregistrationReason | None = None
    kkt_version: str | None = None
    copy: bool = False


@dataclass(frozen=True)
class PrintableStateReport:
    """A current-state report (fiscal)."""

    org: OrgInfo
    datetime: dt.datetime
    fd_number: int
    fiscal_sign: int
    shift_number: int
    shift_open: bool
    unsent_documents: int = 0
    oldest_unsent: dt.datetime | None = None
    cashier: Cashier | None = None
    warnings: FNWarning = FNWarning(0)  # noqa: RUF009 (an immutable flag)
    copy: bool = False


@dataclass(frozen=True)
class PrintableFNClose:
    """The report on closing the FN (fiscal mode ends)."""

    org: OrgInfo
    datetime: dt.datetime
    fd_number: int
    fiscal_sign: int
    cashier: Cashier | None = None
    copy: bool = False


@dataclass(frozen=True)
class PrintableXReport:
    """A non-fiscal X report: shift counters, no FD number or sign."""

    org: OrgInfo
    datetime: dt.datetime
    shift_number: int
    shift_open: bool
    counters: ShiftCounters
    unsent_documents: int = 0
    oldest_unsent: dt.datetime | None = None
    cashier: Cashier | None = None
