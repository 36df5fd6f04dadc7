"""A receipt or correction receipt through the Register: validate, check the state, sign, print.

1. the caller's data is validated and encoded (nothing is sent when this fails);
2. the state rules: FN state (30h), the clock rule, a shift open and under 24 hours (10h);
3. Begin (receipt or correction receipt) → 07h → Complete; a lost answer is resolved;
4. the receipt is printed (or not, when sent electronically); the change is remembered for
   reprints, since the FN does not store it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd import ReceiptQR, encode_fields
from sigmakkt.protocol.fn.commands import (
    BEGIN_CORRECTION_RECEIPT,
    BEGIN_RECEIPT,
    COMPLETE_RECEIPT,
    GET_SHIFT_PARAMETERS,
    CompleteReceipt,
    DateTimeRequest,
    FoundDocument,
)
from sigmakkt.protocol.fn.commands.archive import ReceiptDetails
from sigmakkt.protocol.fn.enums import DocumentType
from sigmakkt.register.enums import CorrectionType, FFDVersion, OperationType, TaxSystem, WorkMode
from sigmakkt.register.fiscal_documents import (
    CorrectionData,
    org_from_registration,
    receipt_fields,
)
from sigmakkt.register.layout import CorrectionInfo, PrintableReceipt, layout_receipt
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    CorrectionResult,
    Item,
    Payment,
    ReceiptResult,
)
from sigmakkt.register.money import to_rubles
from sigmakkt.register.print_job import PrintOutcome
from sigmakkt.register.validation import (
    CheckedReceipt,
    check_cashier,
    check_notes,
    check_shift,
    validate_correction,
    validate_receipt,
)

if TYPE_CHECKING:
    from sigmakkt.register.register import Register

#: How many receipts' change amounts are remembered for reprints.
CHANGE_MEMORY = 1000


def sign_receipt(kkt: Register, operation: OperationType, items: Sequence[Item],
                 payments: Sequence[Payment], *, cashier: Cashier | None,
                 customer: str | None, buyer: Buyer | None, tax_system: TaxSystem | None,
                 electronically: bool,
                 correction: tuple[CorrectionType, CorrectionBasis] | None = None,
                 notes: Sequence[str] = (),
                 ) -> ReceiptResult:
    """Make, sign and print one receipt (a correction receipt when ``correction`` is given);
    the caller holds the Register's lock."""
    info = kkt._require_registered()
    notes = check_notes(notes)
    cashier = check_cashier(cashier, required=False) or kkt._cashier
    common: dict[str, Any] = {
        "operation": operation, "ffd": info.ffd, "customer": customer, "buyer": buyer,
        "cashier": cashier, "tax_system": tax_system,
        "registered_tax_systems": info.tax_systems,
        "excise_registered": WorkMode.EXCISE in info.work_modes,
    }
    checked: CheckedReceipt
    corr: CorrectionData | None = None
    if correction is None:
        checked = validate_receipt(items, payments, **common)
    else:
        checked = validate_correction(items, payments, correction[0], correction[1],
                                      **common)
        basis = correction[1]
        if info.ffd is FFDVersion.FFD_12 and basis.name is not None:
            basis = CorrectionBasis(basis.date, basis.number)   # 1177 is FFD 1.05 only
        corr = CorrectionData(correction[0], basis)
    if electronically and customer is None:
        raise ValidationError("a receipt sent electronically needs customer= (phone "
                              "or e-mail)", "customer")
    org = org_from_registration(info)
    if not customer:
        org = dataclasses.replace(org, sender_email=None)
    fields = receipt_fields(org=org, ffd=info.ffd, operation=operation, items=items,
                            totals=checked.totals, tax_system=checked.tax_system,
                            cashier=cashier, customer=customer, buyer=buyer,
                            correction=corr)
    data = encode_fields(fields)
    # state rules: read the FN (nothing that changes it is sent before they pass)
    st = kkt._state()
    now = kkt._document_time(st)
    shift = kkt._fn.execute(GET_SHIFT_PARAMETERS)
    check_shift(shift.shift_open, kkt._shift_opened_at(shift, st), now)
    total = checked.totals.total
    what = "correction receipt" if corr else "receipt"
    types = {DocumentType.CORRECTION_RECEIPT} if corr else {DocumentType.RECEIPT}

    def matches(found: FoundDocument) -> bool:
        d = found.details
        return (found.document_type in types and isinstance(d, ReceiptDetails)
                and int(d.operation) == int(operation) and d.total == total)

    begin = BEGIN_CORRECTION_RECEIPT if corr else BEGIN_RECEIPT
    complete = CompleteReceipt(now, OperationType(int(operation)), total)
    answer = kkt._run(what, (begin, DateTimeRequest(now)), data,
                      (COMPLETE_RECEIPT, complete), st.last_fd, matches)
    if isinstance(answer, FoundDocument):
        number = kkt._fn.execute(GET_SHIFT_PARAMETERS).receipt_number
    else:
        number = answer.receipt_number
    fd, sign = answer.fd, answer.fpd
    kkt._after_signed(now)
    qr = ReceiptQR(now, total, kkt._fn_number, fd, sign,
                   OperationType(int(operation))).build()
    change = checked.totals.change
    if change:
        kkt._change[fd] = change
        if len(kkt._change) > CHANGE_MEMORY:
            del kkt._change[next(iter(kkt._change))]
    if electronically:
        outcome = PrintOutcome(False, "sent electronically (customer=…); not printed")
    else:
        printable = PrintableReceipt.build(
            kkt._org_info(info, org), operation, items, payments,
            receipt_number=number, shift_number=shift.shift_number, datetime=now,
            fd_number=fd, fiscal_sign=sign, qr=qr, tax_system=checked.tax_system,
            cashier=cashier, customer=customer, buyer=buyer,
            correction=None if corr is None else CorrectionInfo(corr.correction_type,
                                                                corr.basis),
            notes=notes)
        outcome = kkt._print_document(fd, layout_receipt(printable), change=change)
    result: dict[str, Any] = {
        "fiscal_document_number": fd, "fiscal_sign": sign, "datetime": now,
        "fn_number": kkt._fn_number, "printed": outcome.printed,
        "print_error": outcome.error, "receipt_number": number,
        "shift_number": shift.shift_number, "total": to_rubles(total), "qr": qr,
        "operation": operation, "change": to_rubles(change),
    }
    if corr is not None:
        return CorrectionResult(correction_type=corr.correction_type, **result)
    return ReceiptResult(**result)
