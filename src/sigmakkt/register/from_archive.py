"""A signed document read from the FN archive → the ``Printable*`` input of its layout.

Used by ``continue_print()`` and reprints, so that a document printed late is laid out from
what the FN signed, not from what the caller once passed. Everything printed is in the
document except what the FN does not store: the cash tendered and the change (``change``), and
the shift counters of a shift-close report (``counters``) — the caller passes those when it
still has them, otherwise those lines are left out. :func:`layout_from_archive` reads a
document from the FN and gives the layout to print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.ffd import Document, Field, ReceiptQR
from sigmakkt.protocol.fn.enums import DocumentType
from sigmakkt.register.enums import (
    VAT,
    AgentType,
    CorrectionType,
    FFDVersion,
    ItemType,
    Measure,
    OperationType,
    PaymentMethod,
    TaxSystem,
    measure_label,
)
from sigmakkt.register.layout import (
    layout_fn_close,
    layout_receipt,
    layout_registration,
    layout_shift_report,
    layout_state_report,
)
from sigmakkt.register.lines import Align, Layout, TextLine
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    RegistrationInfo,
    ShiftCounters,
)
from sigmakkt.register.printable import (
    CorrectionInfo,
    OrgInfo,
    PrintableFNClose,
    PrintableItem,
    PrintableReceipt,
    PrintableRegistration,
    PrintableShiftReport,
    PrintableStateReport,
)
from sigmakkt.register.totals import PaymentTotals, VatTotal
from sigmakkt.register.validation import FNS_SITE

if TYPE_CHECKING:
    from sigmakkt.fn.client import FiscalStorage


def _str(doc: Document | Field, tag: int) -> str | None:
    value = doc.get(tag)
    return value.strip() if isinstance(value, str) else None


def _int(doc: Document | Field, tag: int, default: int = 0) -> int:
    value = doc.get(tag)
    return value if isinstance(value, int) else default


def _when(doc: Document) -> dt.datetime:
    value = doc.get(1012)
    if not isinstance(value, dt.datetime):
        raise DecodeError("the document has no date and time (1012)")
    return value


def org_info(doc: Document) -> OrgInfo:
    """The organisation requisites as the document holds them."""
    return OrgInfo(name=_str(doc, 1048) or "", inn=_str(doc, 1018) or "",
                   address=_str(doc, 1009) or "", rnm=_str(doc, 1037) or "",
                   fn_number=_str(doc, 1041) or "", place=_str(doc, 1187),
                   kkt_serial=_str(doc, 1013), fns_site=_str(doc, 1060) or FNS_SITE,
                   sender_email=_str(doc, 1117))


def _cashier(doc: Document) -> Cashier | None:
    name = _str(doc, 1021)
    return Cashier(name, _str(doc, 1203)) if name else None


def _item(field: Field) -> PrintableItem:
    measure_code = field.get(2108)
    if isinstance(measure_code, int):
        measure = measure_label(Measure(measure_code))
    else:
        measure = _str(field, 1197) or ""
    quantity = field.get(1023)
    agent = field.get(1222)
    supplier = field.get(1224)
    supplier_name = None
    if isinstance(supplier, list):
        supplier_name = next((f.value for f in supplier if f.tag == 1225
                              and isinstance(f.value, str)), None)
    return PrintableItem(
        name=_str(field, 1030) or "", price=_int(field, 1079),
        quantity=quantity if isinstance(quantity, Decimal) else Decimal(1),
        measure=measure, total=_int(field, 1043), vat=VAT(_int(field, 1199, int(VAT.NO_VAT))),
        vat_amount=_int(field, 1200),
        payment_method=PaymentMethod(_int(field, 1214, int(PaymentMethod.FULL_PAYMENT))),
        item_type=ItemType(_int(field, 1212, int(ItemType.COMMODITY))),
        agent_type=AgentType(agent) if isinstance(agent, int) else None,
        supplier_inn=_str(field, 1226), supplier_name=supplier_name)


def _buyer(doc: Document) -> Buyer | None:
    holder: Document | Field = doc
    info = doc.get(1256)
    if isinstance(info, list):
        holder = Field(1256, info)
    name, inn = _str(holder, 1227), _str(holder, 1228)
    return Buyer(name, inn) if name or inn else None


def _correction(doc: Document) -> CorrectionInfo | None:
    kind = doc.get(1173)
    if not isinstance(kind, int):
        return None
    basis_fields = doc.get(1174)
    basis = None
    if isinstance(basis_fields, list):
        holder = Field(1174, basis_fields)
        date = holder.get(1178)
        if isinstance(date, dt.datetime):
            basis = CorrectionBasis(date.date(), _str(holder, 1179), _str(holder, 1177))
    return CorrectionInfo(CorrectionType(kind), basis)


def receipt_from_document(doc: Document, *, change: int = 0, copy: bool = True,
                          ffd: FFDVersion = FFDVersion.FFD_12) -> PrintableReceipt:
    """The printable form of a signed receipt or correction receipt."""
    if doc.doc_type not in (DocumentType.RECEIPT, DocumentType.CORRECTION_RECEIPT):
        raise DecodeError(f"document type {doc.doc_type} is not a receipt")
    items = tuple(_item(f) for f in doc.items)
    base: dict[VAT, int] = {}
    tax: dict[VAT, int] = {}
    for item in items:
        base[item.vat] = base.get(item.vat, 0) + item.total
        tax[item.vat] = tax.get(item.vat, 0) + item.vat_amount
    vat = tuple(VatTotal(vat=v, base=base[v], amount=tax[v]) for v in sorted(base))
    payments = PaymentTotals(cash=_int(doc, 1031) + change, electronic=_int(doc, 1081),
                             prepaid=_int(doc, 1215), credit=_int(doc, 1216),
                             counter_provision=_int(doc, 1217))
    operation = OperationType(_int(doc, 1054, 1))
    total = _int(doc, 1020)
    org = org_info(doc)
    when = _when(doc)
    fd = _int(doc, 1040)
    sign = doc.fiscal_sign or 0
    tax_system = doc.get(1055)
    del ffd
    return PrintableReceipt(
        org=org, operation=operation, receipt_number=_int(doc, 1042),
        shift_number=_int(doc, 1038), datetime=when, items=items, total=total,
        payments=payments, vat=vat, fd_number=fd, fiscal_sign=sign,
        qr=ReceiptQR(when, total, org.fn_number, fd, sign, operation).build(), change=change,
        tax_system=TaxSystem(tax_system) if isinstance(tax_system, int) else None,
        cashier=_cashier(doc), customer=_str(doc, 1008), buyer=_buyer(doc),
        correction=_correction(doc), copy=copy)


def shift_report_from_document(doc: Document, *, counters: ShiftCounters | None = None,
                               ffd: FFDVersion = FFDVersion.FFD_12,
                               copy: bool = True) -> PrintableShiftReport:
    """The printable form of a shift-open or shift-close report."""
    opening = doc.doc_type == DocumentType.SHIFT_OPEN
    if not opening and doc.doc_type != DocumentType.SHIFT_CLOSE:
        raise DecodeError(f"document type {doc.doc_type} is not a shift report")
    first = doc.get(1098)
    return PrintableShiftReport(
        org=org_info(doc), opening=opening, shift_number=_int(doc, 1038),
        datetime=_when(doc), fd_number=_int(doc, 1040), fiscal_sign=doc.fiscal_sign or 0,
        cashier=_cashier(doc), counters=counters, unsent_documents=_int(doc, 1097),
        oldest_unsent=first if isinstance(first, dt.datetime) else None, ffd=ffd, copy=copy)


def layout_from_archive(fn: FiscalStorage, fd: int, extras: dict[str, Any], copy: bool,
                        info: RegistrationInfo | None) -> Layout:
    """The layout of signed document ``fd``: rebuilt from the FN archive (receipts, shift
    reports), else from the printable or layout kept in ``extras``."""
    from sigmakkt.register import archive  # the device side, only when printing from the FN

    doc = archive.read_document(fn, fd)
    ffd = info.ffd if info is not None else FFDVersion.FFD_12
    if doc.doc_type in (DocumentType.RECEIPT, DocumentType.CORRECTION_RECEIPT):
        return layout_receipt(receipt_from_document(
            doc, change=int(extras.get("change", 0)), copy=copy, ffd=ffd))
    printable = extras.get("printable")
    if printable is not None:
        return layout_of(dataclasses.replace(printable, copy=copy))
    saved = extras.get("layout")
    if isinstance(saved, Layout):   # restored from the journal: print what failed to print
        mark = (TextLine("КОПИЯ", Align.CENTER, bold=True),) if copy else ()
        return Layout(mark + saved.lines, saved.width)
    if doc.doc_type in (DocumentType.SHIFT_OPEN, DocumentType.SHIFT_CLOSE):
        return layout_shift_report(shift_report_from_document(
            doc, counters=extras.get("counters"), ffd=ffd, copy=copy))
    raise NotImplementedError(
        f"reprinting document type {doc.doc_type} from the archive alone is not supported")


def layout_of(printable: Any) -> Layout:
    """The layout of any ``Printable*`` document."""
    if isinstance(printable, PrintableReceipt):
        return layout_receipt(printable)
    if isinstance(printable, PrintableShiftReport):
        return layout_shift_report(printable)
    if isinstance(printable, PrintableRegistration):
        return layout_registration(printable)
    if isinstance(printable, PrintableStateReport):
        return layout_state_report(printable)
    if isinstance(printable, PrintableFNClose):
        return layout_fn_close(printable)
    raise TypeError(f"cannot lay out {type(printable).__name__}")
