"""Caller data → the FFD fields the KKT sends to the FN (07h) for each document.

The FN forms the rest itself (date 1012, FD 1040, FN 1041, user INN 1018, RNM 1037, shift 1038,
receipt number 1042, and in FFD 1.2 also operation 1054 and total 1020; the shared tag table's
``fn_formed_tags`` lists them, fn-protocol reference §5.4). Sending one of those is answered 0Bh,
so every builder here checks its output against that table (:func:`kkt_fields`).

Tags per document (FFD tables of order ММВ-7-20/229@ as summarised in fn-protocol reference §5.4):

* receipt: 1048 user, 1009 address, 1187 place, 1013 KKT serial, 1060 FNS site, 1117 sender
  e-mail, 1021/1203 cashier, 1055 applied tax system, 1008 customer contact, buyer 1227/1228
  (FFD 1.2: inside STLV 1256 "сведения о покупателе", which the shared tag table lists as an
  FFD 1.2-only STLV; [U] no primary FFD 1.2 table at hand to confirm);
  items 1059: 1030 name, 1079 price, 1023 quantity (FVLN), 1043 total, 1199 VAT rate,
  1200 VAT sum, 1214 payment method, 1212 item type, 2108 measure code (FFD 1.2) or 1197 unit
  text (1.05), agent 1222 + STLV 1223, supplier STLV 1224 + INN 1226;
  payments 1031/1081/1215/1216/1217 (all five, zero allowed: the FN wants them for its
  counters, S2 §4.4.7); VAT totals 1102–1107; in FFD 1.05 also 1054 and 1020.
  The 5/7/22 % rates have no receipt-level total tag in the table, so only their item 1200
  carries them.
* correction receipt: the receipt's tags + 1173 correction type and STLV 1174 (1178 basis
  date, 1179 order number; 1177 basis name in FFD 1.05). fn-protocol reference §5.4 leaves the
  FFD 1.2 correction table UNCERTAIN; we follow its summary (items and payments as a receipt)
  and the Register's validation (1179 required for a correction by order).
* registration: 1048, 1009, 1187, 1013, 1188 KKT version, 1189 KKT FFD version, 1060, 1117,
  1046 OFD name, 1021/1203, 1036 automat number; FFD 1.05 also the extended conditions
  1207/1193/1126/1221 (formed by the FN from the A3h flags in 1.2).
* shift open/close, state report, FN close: 1048, 1009, 1187, 1021/1203.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd import Field, fn_formed_tags
from sigmakkt.register.enums import (
    VAT,
    CorrectionType,
    FFDVersion,
    Measure,
    OperationType,
    TaxSystem,
    WorkMode,
    work_mode_flags,
)
from sigmakkt.register.models import (
    Buyer,
    Cashier,
    CorrectionBasis,
    Item,
    RegistrationInfo,
)
from sigmakkt.register.money import to_kopecks
from sigmakkt.register.totals import ReceiptTotals

#: Version string written to 1188 (KKT version, ≤ 8 characters).
KKT_VERSION = "sigma1"

#: Receipt-level VAT total tags (1102–1107) per rate: the VAT sum for taxed rates, the
#: turnover for 0 % and "no VAT" (FFD table of the receipt; tag names in the shared table).
VAT_TOTAL_TAGS: dict[VAT, int] = {
    VAT.VAT20: 1102, VAT.VAT10: 1103, VAT.VAT0: 1104, VAT.NO_VAT: 1105,
    VAT.VAT20_120: 1106, VAT.VAT10_110: 1107,
}
_BASE_TOTAL = frozenset({VAT.VAT0, VAT.NO_VAT})


@dataclass(frozen=True)
class OrgData:
    """The organisation requisites the KKT repeats in every document."""

    name: str
    address: str
    place: str | None = None
    kkt_serial: str | None = None
    fns_site: str | None = None
    sender_email: str | None = None


def org_from_registration(info: RegistrationInfo) -> OrgData:
    """Requisites of the documents of a registered KKT."""
    return OrgData(name=info.org_name or "", address=info.address or "", place=info.place,
                   kkt_serial=info.kkt_serial, fns_site=info.fns_site,
                   sender_email=info.sender_email)


def _version(ffd: FFDVersion) -> str:
    return ffd.label


def kkt_fields(fields: list[Field], ffd: FFDVersion) -> list[Field]:
    """Return ``fields`` after checking none is a tag the FN forms itself (a bug otherwise)."""
    formed = fn_formed_tags(_version(ffd))
    for f in fields:
        if f.tag in formed:
            raise AssertionError(f"tag {f.tag} is formed by the FN in FFD {ffd.label}")
    return fields


def _cashier(cashier: Cashier | None) -> list[Field]:
    if cashier is None:
        return []
    out = [Field(1021, cashier.name)]
    if cashier.inn:
        out.append(Field(1203, cashier.inn))
    return out


def _org(org: OrgData, *, receipt: bool = False) -> list[Field]:
    out = [Field(1048, org.name), Field(1009, org.address)]
    if org.place:
        out.append(Field(1187, org.place))
    if receipt:
        if org.kkt_serial:
            out.append(Field(1013, org.kkt_serial))
        if org.fns_site:
            out.append(Field(1060, org.fns_site))
    return out


def item_fields(item: Item, total: int, vat_sum: int, ffd: FFDVersion) -> Field:
    """STLV 1059 of one item (sums in kopecks)."""
    sub: list[Field] = [
        Field(1030, item.name),
        Field(1079, to_kopecks(item.price)),
        Field(1023, item.quantity),
        Field(1043, total),
        Field(1199, int(item.vat)),
    ]
    if item.vat not in _BASE_TOTAL:
        sub.append(Field(1200, vat_sum))
    sub.append(Field(1214, int(item.payment_method)))
    sub.append(Field(1212, int(item.item_type)))
    if ffd is FFDVersion.FFD_12:
        measure = item.measure if isinstance(item.measure, Measure) else Measure.PIECE
        sub.append(Field(2108, int(measure)))
    else:
        sub.append(Field(1197, item.measure_label))
    if item.agent is not None:
        a = item.agent
        sub.append(Field(1222, int(a.agent_type)))
        data: list[Field] = []
        if a.operation:
            data.append(Field(1044, a.operation))
        data += [Field(1073, p) for p in a.phones]
        data += [Field(1074, p) for p in a.receiver_phones]
        data += [Field(1075, p) for p in a.transfer_operator_phones]
        if a.transfer_operator_name:
            data.append(Field(1026, a.transfer_operator_name))
        if a.transfer_operator_address:
            data.append(Field(1005, a.transfer_operator_address))
        if a.transfer_operator_inn:
            data.append(Field(1016, a.transfer_operator_inn))
        if data:
            sub.append(Field(1223, data))
    if item.supplier is not None:
        s = item.supplier
        data = [Field(1171, p) for p in s.phones]
        if s.name:
            data.append(Field(1225, s.name))
        if data:
            sub.append(Field(1224, data))
        if s.inn:
            sub.append(Field(1226, s.inn))
    return Field(1059, sub)


@dataclass(frozen=True)
class CorrectionData:
    """What makes a receipt a correction receipt."""

    correction_type: CorrectionType
    basis: CorrectionBasis


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def receipt_fields(
    *,
    org: OrgData,
    ffd: FFDVersion,
    operation: OperationType,
    items: Sequence[Item],
    totals: ReceiptTotals,
    tax_system: TaxSystem | None,
    cashier: Cashier | None = None,
    customer: str | None = None,
    buyer: Buyer | None = None,
    correction: CorrectionData | None = None,
) -> list[Field]:
    """The KKT's fields of a receipt or correction receipt."""
    out = _org(org, receipt=True)
    if org.sender_email and customer:
        out.append(Field(1117, org.sender_email))
    out += _cashier(cashier)
    if correction is not None:
        out.append(Field(1173, int(correction.correction_type)))
        basis: list[Field] = []
        if ffd is FFDVersion.FFD_105 and correction.basis.name:
            basis.append(Field(1177, correction.basis.name))
        basis.append(Field(1178, _midnight(correction.basis.date)))
        if correction.basis.number:
            basis.append(Field(1179, correction.basis.number))
        out.append(Field(1174, basis))
    if ffd is FFDVersion.FFD_105:
        out.append(Field(1054, int(operation)))
        out.append(Field(1020, totals.total))
    if tax_system is not None:
        out.append(Field(1055, int(tax_system)))
    if customer:
        out.append(Field(1008, customer))
    if buyer is not None:
        who: list[Field] = []
        if buyer.name:
            who.append(Field(1227, buyer.name))
        if buyer.inn:
            who.append(Field(1228, buyer.inn))
        out += [Field(1256, who)] if ffd is FFDVersion.FFD_12 else who
    if correction is None or ffd is FFDVersion.FFD_12:
        for item, amounts in zip(items, totals.items, strict=True):
            out.append(item_fields(item, amounts.total, amounts.vat, ffd))
    paid = totals.fiscal_payments
    out += [Field(1031, paid.cash), Field(1081, paid.electronic), Field(1215, paid.prepaid),
            Field(1216, paid.credit), Field(1217, paid.counter_provision)]
    for entry in totals.vat:
        tag = VAT_TOTAL_TAGS.get(entry.vat)
        if tag is not None:
            out.append(Field(tag, entry.base if entry.vat in _BASE_TOTAL else entry.amount))
    return kkt_fields(out, ffd)


def registration_fields(info: RegistrationInfo, *, cashier: Cashier | None = None,
                        automat_number: str | None = None) -> list[Field]:
    """The KKT's fields of a registration or re-registration report."""
    org = org_from_registration(info)
    out = _org(org)
    if info.kkt_serial:
        out.append(Field(1013, info.kkt_serial))
    out.append(Field(1188, KKT_VERSION))
    out.append(Field(1189, info.ffd.value))
    if info.fns_site:
        out.append(Field(1060, info.fns_site))
    if info.sender_email:
        out.append(Field(1117, info.sender_email))
    if info.ofd_name:
        out.append(Field(1046, info.ofd_name))
    if automat_number:
        out.append(Field(1036, automat_number))
    if info.ffd is FFDVersion.FFD_105:
        _mode, ext = work_mode_flags(info.work_modes, info.ffd)
        for mode, tag in ((WorkMode.EXCISE, 1207), (WorkMode.GAMBLING, 1193),
                          (WorkMode.LOTTERY, 1126), (WorkMode.PRINTER_IN_AUTOMAT, 1221)):
            if mode in info.work_modes:
                out.append(Field(tag, 1))
        del ext
    out += _cashier(cashier)
    return kkt_fields(out, info.ffd)


def report_fields(org: OrgData, ffd: FFDVersion, cashier: Cashier | None = None) -> list[Field]:
    """The KKT's fields of a shift open/close, state or FN-close report."""
    return kkt_fields(_org(org) + _cashier(cashier), ffd)


def check_automat_number(value: object) -> str:
    """Automat number (1036): 1..20 characters."""
    if not isinstance(value, str) or not value or len(value) > 20:
        raise ValidationError("the automat number must be 1 to 20 characters",
                              "automat_number")
    return value
