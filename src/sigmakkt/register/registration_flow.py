"""Registration, re-registration and FN closing: validate, check the state, sign, print.

The registration report (FN phase READY), the report on changed parameters (registered, shift
closed; FN replacement when the reasons say so) and the FN-close report (shift closed). FFD 1.2
uses the 2-version registration commands, FFD 1.05 the original ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sigmakkt.errors import ValidationError
from sigmakkt.fn.client import CommandCodec
from sigmakkt.protocol.ffd import encode_fields
from sigmakkt.protocol.fn.command import NO_DATA
from sigmakkt.protocol.fn.commands import (
    AUTONOMOUS_OFD_INN,
    BEGIN_CLOSE_FN,
    BEGIN_REGISTRATION,
    BEGIN_REGISTRATION_V2,
    CLOSE_FN,
    COMPLETE_REGISTRATION,
    COMPLETE_REGISTRATION_V2,
    GET_SHIFT_PARAMETERS,
    BeginRegistration,
    BeginRegistrationV2,
    CloseFN,
    CompleteRegistration,
    CompleteRegistrationV2,
    FNStatus,
)
from sigmakkt.protocol.fn.enums import DocumentType, RegistrationType
from sigmakkt.register.enums import (
    FFDVersion,
    FNPhase,
    ReregistrationReason,
    TaxSystem,
    WorkMode,
    work_mode_flags,
)
from sigmakkt.register.fiscal_documents import (
    check_automat_number,
    org_from_registration,
    registration_fields,
    report_fields,
)
from sigmakkt.register.layout import (
    PrintableFNClose,
    PrintableRegistration,
    layout_fn_close,
    layout_registration,
)
from sigmakkt.register.models import Cashier, RegistrationInfo, RegistrationResult
from sigmakkt.register.validation import FNS_SITE, check_cashier, validate_registration

if TYPE_CHECKING:
    from sigmakkt.register.register import Register

#: What ``reregister()`` may change (:meth:`Register.register`'s keyword arguments).
CHANGEABLE = {"inn", "rnm", "kkt_serial", "org_name", "address", "place", "tax_systems",
              "ofd_inn", "ofd_name", "work_modes", "fns_site", "sender_email"}


def register(kkt: Register, inn: str, rnm: str, kkt_serial: str, org_name: str, address: str,
             place: str | None, tax_systems: Iterable[TaxSystem] | TaxSystem,
             ofd_inn: str | None, ofd_name: str | None, ffd: FFDVersion | str,
             work_modes: Iterable[WorkMode], fns_site: str, sender_email: str | None,
             cashier: Cashier | None, automat_number: str | None) -> RegistrationResult:
    """The registration report (see :meth:`Register.register`); the caller holds the lock."""
    info = validate_registration(
        inn=inn, rnm=rnm, kkt_serial=kkt_serial, org_name=org_name, address=address,
        tax_systems=tax_systems, ffd=ffd, place=place, work_modes=work_modes,
        ofd_inn=ofd_inn, ofd_name=ofd_name, fns_site=fns_site,
        sender_email=sender_email)
    check_cashier(cashier, required=False)
    if automat_number is not None:
        check_automat_number(automat_number)
    fields = registration_fields(info, cashier=cashier, automat_number=automat_number)
    data = encode_fields(fields)
    st = kkt._state()
    if st.phase != FNPhase.READY:
        raise ValidationError(
            f"the FN is in phase {getattr(st.phase, 'name', st.phase)}, not ready for "
            "registration; use reregister() to change the data of a registered KKT",
            "phase")
    return _registration_document(kkt, info, RegistrationType.REGISTRATION, None,
                                  data, st, cashier)


def reregister(kkt: Register, reasons: ReregistrationReason, cashier: Cashier | None,
               automat_number: str | None, changes: dict[str, Any]) -> RegistrationResult:
    """The report on changed parameters (see :meth:`Register.reregister`); the caller holds
    the lock."""
    current = kkt._require_registered()
    if not isinstance(reasons, ReregistrationReason) or not reasons:
        raise ValidationError("give the reasons as sigmakkt ReregistrationReason flags",
                              "reasons")
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise ValidationError(f"cannot change {sorted(unknown)}", sorted(unknown)[0])
    args: dict[str, Any] = {
        "inn": current.inn, "rnm": current.rnm, "kkt_serial": current.kkt_serial,
        "org_name": current.org_name, "address": current.address,
        "place": current.place, "tax_systems": current.tax_systems,
        "ofd_inn": current.ofd_inn, "ofd_name": current.ofd_name,
        "work_modes": current.work_modes, "fns_site": current.fns_site or FNS_SITE,
        "sender_email": current.sender_email,
    }
    args.update(changes)
    info = validate_registration(ffd=current.ffd, **args)
    check_cashier(cashier, required=False)
    if automat_number is not None:
        check_automat_number(automat_number)
    data = encode_fields(registration_fields(info, cashier=cashier,
                                             automat_number=automat_number))
    st = kkt._state()
    shift = kkt._fn.execute(GET_SHIFT_PARAMETERS)
    if shift.shift_open:
        raise ValidationError("close the shift before changing the registration",
                              "shift")
    kind = (RegistrationType.REREGISTRATION_FN_REPLACEMENT
            if ReregistrationReason.FN_REPLACED in reasons
            else RegistrationType.REREGISTRATION)
    return _registration_document(kkt, info, kind, reasons, data, st, cashier)


def _registration_document(kkt: Register, info: RegistrationInfo, kind: RegistrationType,
                           reasons: ReregistrationReason | None, data: bytes,
                           st: FNStatus, cashier: Cashier | None) -> RegistrationResult:
    now = kkt._document_time(st)
    mode, ext = work_mode_flags(info.work_modes, info.ffd)
    begin: tuple[CommandCodec[Any, Any], Any]
    complete: tuple[CommandCodec[Any, Any], Any]
    if info.ffd is FFDVersion.FFD_12:
        begin = (BEGIN_REGISTRATION_V2, BeginRegistrationV2(kind, FFDVersion.FFD_12))
        complete = (COMPLETE_REGISTRATION_V2, CompleteRegistrationV2(
            now, info.inn, info.rnm, info.tax_systems, mode, ext,
            info.ofd_inn or AUTONOMOUS_OFD_INN, reasons))
    else:
        begin = (BEGIN_REGISTRATION, BeginRegistration(kind))
        reason = (reasons.ffd105_code()
                  if reasons is not None and kind is RegistrationType.REREGISTRATION
                  else None)
        complete = (COMPLETE_REGISTRATION, CompleteRegistration(
            now, info.inn, info.rnm, info.tax_systems, mode, reason))
    types = {DocumentType.REGISTRATION, DocumentType.REREGISTRATION}
    what = "registration report" if reasons is None else "re-registration report"
    answer = kkt._run(what, begin, data, complete, st.last_fd,
                      lambda f: f.document_type in types)
    fd, sign = answer.fd, answer.fpd
    kkt._registration = info
    kkt._after_signed(now)
    org = kkt._org_info(info)
    printable = PrintableRegistration(
        org=org, datetime=now, fd_number=fd, fiscal_sign=sign, tax_systems=info.tax_systems,
        work_modes=info.work_modes, ffd=info.ffd, ofd_name=info.ofd_name,
        ofd_inn=info.ofd_inn, cashier=cashier, reason=reasons)
    outcome = kkt._print_document(fd, layout_registration(printable), printable=printable)
    return RegistrationResult(
        fiscal_document_number=fd, fiscal_sign=sign, datetime=now,
        fn_number=kkt._fn_number, printed=outcome.printed, print_error=outcome.error,
        registration=info, reason=reasons)


def close_fn(kkt: Register, cashier: Cashier | None) -> RegistrationResult:
    """The FN-close report (see :meth:`Register.close_fn`); the caller holds the lock."""
    info = kkt._require_registered()
    cashier = check_cashier(cashier, required=False)
    data = encode_fields(report_fields(org_from_registration(info), info.ffd, cashier))
    st = kkt._state()
    if kkt._fn.execute(GET_SHIFT_PARAMETERS).shift_open:
        raise ValidationError("close the shift before closing the FN", "shift")
    now = kkt._document_time(st)
    answer = kkt._run("FN-close report", (BEGIN_CLOSE_FN, NO_DATA), data,
                      (CLOSE_FN, CloseFN(now, info.rnm)), st.last_fd,
                      lambda f: f.document_type == DocumentType.FN_CLOSE)
    fd, sign = answer.fd, answer.fpd
    kkt._after_signed(now)
    printable = PrintableFNClose(org=kkt._org_info(info), datetime=now, fd_number=fd,
                                 fiscal_sign=sign, cashier=cashier)
    outcome = kkt._print_document(fd, layout_fn_close(printable), printable=printable)
    return RegistrationResult(
        fiscal_document_number=fd, fiscal_sign=sign, datetime=now,
        fn_number=kkt._fn_number, printed=outcome.printed, print_error=outcome.error,
        registration=info)
