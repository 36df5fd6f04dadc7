"""Validation of everything the caller gives the Register, before anything is sent to the FN.

Every failure is a :class:`sigmakkt.ValidationError` whose ``field`` names the offending input
(``items[3].price``, ``payments``, ``customer`` …) and whose message says what to do.

Field rules follow the FFD tag table (fn-protocol reference §5.4): strings are CP866, hold no
control characters, are not empty, and fit the tag's byte limit. Identifiers carry check digits:
INN (:func:`check_inn`, python-stdnum's ``stdnum.ru.inn``) and RNM (:func:`check_rnm`).
Receipt-level rules (totals vs payments, size of the document) are in :func:`validate_receipt`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.crc import crc16_ccitt_false
from sigmakkt.register.enums import (
    VAT,
    CorrectionType,
    FFDVersion,
    ItemType,
    Measure,
    OperationType,
    TaxSystem,
    WorkMode,
    tax_system_label,
    work_mode_flags,
)
from sigmakkt.register.money import format_rubles
from sigmakkt.register.size import (
    MAX_ITEM_STLV,
    MAX_RECEIPT_TLV,
    item_tlv_size,
    items_that_fit,
    receipt_tlv_size,
)
from sigmakkt.register.totals import compute_totals

if TYPE_CHECKING:
    from sigmakkt.register.models import (
        Buyer,
        Cashier,
        CorrectionBasis,
        Item,
        Payment,
        RegistrationInfo,
    )
    from sigmakkt.register.totals import ReceiptTotals

# --- byte limits of string tags (fn-protocol reference §5.4; FFD 1.2 tag table) -------------

#: tag -> maximum length in bytes (CP866, one byte per character)
#: The tax service's site printed on documents (tag 1060) unless the registration says otherwise.
FNS_SITE = "www.nalog.gov.ru"

MAX_BYTES: dict[int, int] = {
    1005: 256,   # transfer operator address
    1008: 64,    # buyer phone or e-mail
    1009: 256,   # settlement address
    1013: 20,    # KKT serial
    1016: 12,    # transfer operator INN
    1021: 64,    # cashier
    1026: 64,    # transfer operator name
    1030: 128,   # item name
    1044: 24,    # agent operation
    1046: 256,   # OFD name
    1048: 256,   # user (organisation) name
    1060: 256,   # FNS site
    1073: 19,    # payment agent phone
    1074: 19,    # payment receiver operator phone
    1075: 19,    # transfer operator phone
    1117: 64,    # sender e-mail
    1171: 19,    # supplier phone
    1177: 256,   # correction basis name (FFD 1.05)
    1179: 32,    # correction basis document number
    1187: 256,   # settlement place
    1197: 16,    # unit of measure (FFD 1.05)
    1225: 256,   # supplier name
    1227: 256,   # buyer name
}



# --- strings -------------------------------------------------------------------------------


#: Receipt notes (non-fiscal text after the QR): at most this many, each this long.
MAX_NOTES = 20
MAX_NOTE_LENGTH = 256


def check_notes(notes: object) -> tuple[str, ...]:
    """Check the printed notes of a receipt: up to :data:`MAX_NOTES` CP866 lines.

    They only go to the printer, but the printer shares the FN's code page, and a control
    character would be an ESC/POS command, so the rules of :func:`check_text` apply.
    """
    if isinstance(notes, str) or not isinstance(notes, (list, tuple)):
        raise ValidationError("notes must be a list of strings", "notes")
    if len(notes) > MAX_NOTES:
        raise ValidationError(f"{len(notes)} notes; at most {MAX_NOTES} are printed", "notes")
    return tuple(check_text(note, f"notes[{i}]", MAX_NOTE_LENGTH, what="note")
                 for i, note in enumerate(notes))


def check_text(value: object, field: str, max_bytes: int, *, what: str = "text") -> str:
    """Return ``value`` if it is a non-empty CP866 string of at most ``max_bytes``, else raise.

    Control characters (line feeds, tabs, escapes) are refused: the FN stores the text and the
    printer would act on them. Characters outside CP866 (emoji, Latin accents, ``€``) are
    refused with their position, since the FN stores strings in CP866.
    """
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a string (got {type(value).__name__})", field)
    if not value.strip():
        raise ValidationError(f"{what} is empty; give a value", field)
    for pos, char in enumerate(value):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise ValidationError(
                f"{what} has a control character U+{ord(char):04X} at position {pos}; "
                "remove it (use separate fields instead of line breaks)", field)
        try:
            char.encode("cp866")
        except UnicodeEncodeError:
            raise ValidationError(
                f"{what} has {char!r} (U+{ord(char):04X}) at position {pos}, which the FN "
                "cannot store (CP866 only: Cyrillic, Latin, digits, punctuation); replace it",
                field) from None
    if len(value) > max_bytes:
        raise ValidationError(
            f"{what} is {len(value)} characters long; at most {max_bytes} fit; shorten it",
            field)
    return value


def check_tag_text(value: object, tag: int, field: str, what: str = "text") -> str:
    """:func:`check_text` with the byte limit of FFD ``tag`` (see :data:`MAX_BYTES`)."""
    return check_text(value, field, MAX_BYTES[tag], what=what)


# --- identifiers ---------------------------------------------------------------------------


def check_inn(value: object, field: str = "inn", *, person: bool | None = None) -> str:
    """Return a valid INN (10 digits for organisations, 12 for persons), or raise.

    ``person=True`` demands 12 digits (a cashier), ``False`` 10, ``None`` either. Check digits
    per the tax service's algorithm (fn-protocol reference §10), via ``stdnum.ru.inn``.
    """
    if not isinstance(value, str):
        raise ValidationError(
            f"the INN must be a string of digits (got {type(value).__name__}); "
            "pass it quoted so leading zeros survive", field)
    if not value.isascii() or not value.isdigit():
        raise ValidationError(f"INN {value!r} must contain digits only", field)
    lengths = {None: (10, 12), True: (12,), False: (10,)}[person]
    if len(value) not in lengths:
        expect = " or ".join(str(n) for n in lengths)
        raise ValidationError(f"INN {value!r} has {len(value)} digits; it must have {expect}",
                              field)
    try:
        stdnum_inn.validate(value)
    except StdnumError:
        raise ValidationError(f"INN {value!r} has wrong check digits; check it for typos",
                              field) from None
    return value


def check_kkt_serial(value: object, field: str = "kkt_serial") -> str:
    """Return a KKT serial (factory number, tag 1013): 1..20 digits."""
    if not isinstance(value, str):
        raise ValidationError(f"the KKT serial must be a string (got {type(value).__name__})",
                              field)
    if not value or not value.isascii() or not value.isdigit() or len(value) > 20:
        raise ValidationError(
            f"KKT serial {value!r} must be 1 to 20 digits, as printed on the KKT's label", field)
    return value


def rnm_check_number(ordinal: str, inn: str, kkt_serial: str) -> str:
    """The 6-digit check number of a KKT registration number (RNM, tag 1037).

    Source (FFD format description of the tax service, quoted in the documentation of the public
    ``ru.vzotov.cashreceipt`` Java receipt model, ``FiscalInfo.kktRegId``): CRC16-CCITT with width
    16, polynomial 0x1021, initial value 0xFFFF, no output XOR (= CRC-16/CCITT-FALSE) over the
    ASCII string of the 10-digit ordinal number + the user's INN left-padded with "0" to 12 + the
    KKT serial left-padded with "0" to 20; the result is written as 6 decimal digits with leading
    zeros. Confirmed on real registration data published in a KKT-server API example
    (INN 504404744207, serial 0149060006000651 -> RNM 0149060006035849), pinned in the tests.
    """
    data = ordinal.rjust(10, "0") + inn.rjust(12, "0") + kkt_serial.rjust(20, "0")
    return f"{crc16_ccitt_false(data.encode('ascii')):06d}"


def make_rnm(ordinal: int | str, inn: str, kkt_serial: str) -> str:
    """Build a full 16-digit RNM from the tax service's ordinal number (up to 10 digits)."""
    text = str(ordinal)
    if not text.isdigit() or len(text) > 10:
        raise ValidationError(f"RNM ordinal {ordinal!r} must be up to 10 digits", "rnm")
    ordinal10 = text.rjust(10, "0")
    return ordinal10 + rnm_check_number(ordinal10, inn, kkt_serial)


def check_rnm(value: object, inn: str, kkt_serial: str, field: str = "rnm") -> str:
    """Return ``value`` if it is a 16-digit RNM whose check number fits ``inn`` and the serial."""
    if not isinstance(value, str):
        raise ValidationError(f"the RNM must be a string (got {type(value).__name__})", field)
    if len(value) != 16 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            f"RNM {value!r} must be 16 digits (10-digit number + 6-digit check number), as on "
            "the registration card", field)
    expected = rnm_check_number(value[:10], inn, kkt_serial)
    if value[10:] != expected:
        raise ValidationError(
            f"RNM {value!r} does not match INN {inn} and KKT serial {kkt_serial} (its check "
            f"number should be {expected}); check all three against the registration card",
            field)
    return value


# --- contacts ------------------------------------------------------------------------------

_PHONE = re.compile(r"\+[0-9]{11,15}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def check_contact(value: object, field: str = "customer") -> str:
    """Buyer phone or e-mail (tag 1008): ``+79990000000`` or ``name@example.ru``, ≤ 64 bytes."""
    text = check_tag_text(value, 1008, field, "the customer contact")
    if "@" in text:
        if not _EMAIL.fullmatch(text):
            raise ValidationError(f"{text!r} is not an e-mail address like name@example.ru",
                                  field)
        return text
    if not _PHONE.fullmatch(text):
        hint = ""
        digits = re.sub(r"\D", "", text)
        if len(digits) == 11 and digits[0] in "78":
            hint = f" (here: '+7{digits[1:]}')"
        raise ValidationError(
            f"{text!r} is neither an e-mail nor a phone number in the form +79990000000; write "
            f"phones with '+', the country code and digits only{hint}", field)
    return text


def check_email(value: object, field: str, tag: int = 1117) -> str:
    """An e-mail address for ``tag`` (1117 sender e-mail by default)."""
    text = check_tag_text(value, tag, field, "the e-mail")
    if not _EMAIL.fullmatch(text):
        raise ValidationError(f"{text!r} is not an e-mail address like name@example.ru", field)
    return text


def check_phone(value: object, field: str, tag: int) -> str:
    """A phone number for ``tag`` (agent/supplier phones, 19 bytes): ``+`` and digits."""
    text = check_tag_text(value, tag, field, "the phone")
    if not re.fullmatch(r"\+[0-9]{5,18}", text):
        raise ValidationError(f"{text!r} must be '+' and digits, e.g. +79990000000", field)
    return text


# --- enumerations --------------------------------------------------------------------------


def check_vat(value: object, field: str = "vat") -> VAT:
    """Return a :class:`VAT` from a member or its FFD code (1..12), or raise."""
    if isinstance(value, VAT):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return VAT(value)
        except ValueError:
            pass
    raise ValidationError(
        f"unknown VAT rate {value!r}; use sigmakkt.VAT (VAT20, VAT10, VAT0, NO_VAT, VAT20_120, "
        "VAT10_110, VAT5, VAT7, VAT5_105, VAT7_107, VAT22, VAT22_122)", field)


def check_single_tax_system(value: object, field: str = "tax_system") -> TaxSystem:
    """Return one tax system (a single bit of :class:`TaxSystem`), or raise."""
    if not isinstance(value, TaxSystem):
        raise ValidationError(f"{value!r} is not a sigmakkt.TaxSystem", field)
    if value.value == 0 or value.value & (value.value - 1):
        raise ValidationError(f"{value!r}: give exactly one tax system for a receipt", field)
    return value


def check_tax_systems(value: object, field: str = "tax_systems") -> TaxSystem:
    """Registration tax systems: a set/iterable of :class:`TaxSystem` or a combined flag."""
    if isinstance(value, TaxSystem):
        combined = value
    elif isinstance(value, (set, frozenset, list, tuple)):
        combined = TaxSystem(0)
        for member in value:
            if not isinstance(member, TaxSystem):
                raise ValidationError(f"{member!r} is not a sigmakkt.TaxSystem", field)
            combined |= member
    else:
        raise ValidationError("give the tax systems as a set of sigmakkt.TaxSystem", field)
    if not combined:
        raise ValidationError("at least one tax system is needed", field)
    return combined


# --- the receipt as a whole ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckedReceipt:
    """What :func:`validate_receipt` found: the totals, the tax system to apply, the size."""

    totals: ReceiptTotals
    tax_system: TaxSystem | None
    tlv_size: int


def validate_receipt(
    items: Sequence[Item],
    payments: Sequence[Payment],
    *,
    operation: OperationType = OperationType.SELL,
    ffd: FFDVersion | str = FFDVersion.FFD_12,
    customer: str | None = None,
    buyer: Buyer | None = None,
    cashier: Cashier | None = None,
    tax_system: TaxSystem | None = None,
    registered_tax_systems: TaxSystem | None = None,
    excise_registered: bool | None = None,
) -> CheckedReceipt:
    """Check a receipt before it is built; return its totals, or raise ValidationError.

    Rules: at least one item and one payment; every item field (see :func:`check_item`);
    payments cover the total, and only cash may exceed it (the excess is change); the tax
    system is one of the registered ones and must be named when several are registered; the
    customer contact is a phone or e-mail; the document fits 30 KB.
    """
    from sigmakkt.register.models import Buyer, Cashier, Item, Payment

    ffd = FFDVersion.parse(ffd)
    if not isinstance(operation, OperationType):
        raise ValidationError(f"{operation!r} is not a sigmakkt OperationType", "operation")
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence) or not items:
        raise ValidationError("a receipt needs at least one item (a list of sigmakkt.Item)",
                              "items")
    for index, item in enumerate(items):
        if not isinstance(item, Item):
            raise ValidationError(f"{type(item).__name__} is not a sigmakkt.Item",
                                  f"items[{index}]")
        check_item(item, f"items[{index}]", ffd, excise_registered=excise_registered)
    if isinstance(payments, (str, bytes)) or not isinstance(payments, Sequence) or not payments:
        raise ValidationError(
            "a receipt needs at least one payment, e.g. [Payment.cash('100.00')]", "payments")
    for index, payment in enumerate(payments):
        if not isinstance(payment, Payment):
            raise ValidationError(f"{type(payment).__name__} is not a sigmakkt.Payment",
                                  f"payments[{index}]")
    if customer is not None:
        check_contact(customer, "customer")
    if buyer is not None and not isinstance(buyer, Buyer):
        raise ValidationError("give the buyer as sigmakkt.Buyer(name=..., inn=...)", "buyer")
    if cashier is not None and not isinstance(cashier, Cashier):
        raise ValidationError("give the cashier as sigmakkt.Cashier(name, inn=None)", "cashier")
    applied = _applied_tax_system(tax_system, registered_tax_systems)

    totals = compute_totals(items, payments)
    paid = totals.payments.total
    if paid < totals.total:
        raise ValidationError(
            f"payments add up to {format_rubles(paid)} but the total is "
            f"{format_rubles(totals.total)}; add {format_rubles(totals.total - paid)}",
            "payments")
    non_cash = totals.payments.non_cash
    if non_cash > totals.total:
        raise ValidationError(
            f"non-cash payments add up to {format_rubles(non_cash)}, more than the total "
            f"{format_rubles(totals.total)}; only cash can be overpaid (the excess is change)",
            "payments")
    if operation in (OperationType.SELL_RETURN, OperationType.BUY_RETURN) and totals.change:
        raise ValidationError(
            f"a return pays out exactly the total; payments exceed it by "
            f"{format_rubles(totals.change)}", "payments")

    size = receipt_tlv_size(items, payments, ffd=ffd, customer=customer, buyer=buyer,
                            cashier=cashier, tax_system=applied)
    if size > MAX_RECEIPT_TLV:
        fit = items_that_fit(items[0], ffd=ffd)
        raise ValidationError(
            f"the receipt's data is {size} bytes, more than the {MAX_RECEIPT_TLV} bytes the FN "
            f"accepts; about {fit} items like the first one fit in one receipt — split the sale",
            "items")
    return CheckedReceipt(totals=totals, tax_system=applied, tlv_size=size)


def validate_correction(
    items: Sequence[Item],
    payments: Sequence[Payment],
    correction_type: CorrectionType,
    basis: CorrectionBasis | None,
    **receipt: Any,
) -> CheckedReceipt:
    """Check a correction receipt: :func:`validate_receipt` plus its correction requisites.

    Type (1173) is a :class:`CorrectionType`; the basis (1174) is required with its date (1178);
    a correction by order of the tax service also needs the order's number (1179). This reading
    of the FFD 1.2 correction-receipt table is ours (fn-protocol reference §5.4 leaves it
    UNCERTAIN); the emulated FN enforces its own rules.
    """
    from sigmakkt.register.models import CorrectionBasis

    if not isinstance(correction_type, CorrectionType):
        raise ValidationError(f"{correction_type!r} is not a sigmakkt CorrectionType",
                              "correction_type")
    if not isinstance(basis, CorrectionBasis):
        raise ValidationError("a correction needs basis=CorrectionBasis(date, number=...)",
                              "basis")
    if correction_type is CorrectionType.BY_ORDER and not basis.number:
        raise ValidationError("a correction by order needs the order's number "
                              "(CorrectionBasis(date, number=...))", "basis.number")
    return validate_receipt(items, payments, **receipt)


def _applied_tax_system(tax_system: TaxSystem | None,
                        registered: TaxSystem | None) -> TaxSystem | None:
    if tax_system is not None:
        check_single_tax_system(tax_system)
        if registered is not None and tax_system not in registered:
            raise ValidationError(
                f"{tax_system_label(tax_system)} is not among the registered tax systems "
                f"({tax_system_label(registered)}); pick one of those or re-register",
                "tax_system")
        return tax_system
    if registered is None:
        return None
    if registered.value & (registered.value - 1):
        raise ValidationError(
            f"several tax systems are registered ({tax_system_label(registered)}); pass "
            "tax_system= to say which one this receipt applies", "tax_system")
    return registered


def check_item(item: Item, field: str, ffd: FFDVersion = FFDVersion.FFD_12, *,
               excise_registered: bool | None = None) -> None:
    """Check one :class:`~sigmakkt.register.models.Item` in the context of a receipt.

    The constructor already checked the value types; this adds the rules that depend on the FFD
    version and registration: units (2108 codes in FFD 1.2, free text ≤ 16 bytes in 1.05),
    FFD 1.2-only item types, excise items, agent data together with supplier data.
    """
    check_tag_text(item.name, 1030, f"{field}.name", "the item name")
    if ffd is FFDVersion.FFD_12:
        if not isinstance(item.measure, Measure):
            raise ValidationError(
                f"FFD 1.2 needs a sigmakkt Measure code (e.g. Measure.PIECE), not "
                f"{item.measure!r}", f"{field}.measure")
    elif not isinstance(item.measure, Measure):
        check_tag_text(item.measure, 1197, f"{field}.measure", "the unit")
    if ffd is FFDVersion.FFD_105 and item.item_type > ItemType.DEPOSIT:
        raise ValidationError(f"{item.item_type.name} exists only in FFD 1.2",
                              f"{field}.item_type")
    if excise_registered is False and item.item_type in (
            ItemType.EXCISE, ItemType.EXCISE_WITH_MARKING, ItemType.EXCISE_WITHOUT_MARKING):
        raise ValidationError("excise goods need a KKT registered for excise sales",
                              f"{field}.item_type")
    if item.agent is not None and (item.supplier is None or item.supplier.inn is None):
        raise ValidationError(
            "an item sold as an agent needs supplier=SupplierData(inn=...) too (the FN wants "
            "tags 1222 and 1226 together)", f"{field}.supplier")
    size = item_tlv_size(item, ffd)
    if size > MAX_ITEM_STLV:
        raise ValidationError(
            f"the item's data is {size} bytes, more than the {MAX_ITEM_STLV} an item may take; "
            "shorten the name, agent or supplier data", field)



# --- registration and shift state ----------------------------------------------------------


def validate_registration(
    *,
    inn: object,
    rnm: object,
    kkt_serial: object,
    org_name: object,
    address: object,
    tax_systems: object,
    ffd: FFDVersion | str = FFDVersion.FFD_12,
    place: object = None,
    work_modes: Iterable[WorkMode] = (),
    ofd_inn: object = None,
    ofd_name: object = None,
    fns_site: object = FNS_SITE,
    sender_email: object = None,
) -> RegistrationInfo:
    """Check the data of a registration or re-registration; return it typed, or raise.

    INN and RNM check digits, KKT serial, string limits (org name 1048, address 1009, place 1187,
    OFD name 1046, FNS site 1060: 256 bytes; sender e-mail 1117: 64), at least one tax system,
    work modes valid for the FFD version, and an OFD INN unless the KKT works autonomously.
    """
    from sigmakkt.register.models import RegistrationInfo

    version = FFDVersion.parse(ffd) if isinstance(ffd, str) else ffd
    user_inn = check_inn(inn, "inn")
    serial = check_kkt_serial(kkt_serial)
    reg_number = check_rnm(rnm, user_inn, serial)
    modes = frozenset(work_modes)
    work_mode_flags(modes, version)          # raises for modes the FFD version lacks
    autonomous = WorkMode.AUTONOMOUS in modes
    if ofd_inn is None and not autonomous:
        raise ValidationError(
            "give the OFD's INN (ofd_inn=...), or register with WorkMode.AUTONOMOUS", "ofd_inn")
    if ofd_inn is not None and autonomous:
        raise ValidationError("an autonomous KKT has no OFD; drop ofd_inn or the AUTONOMOUS "
                              "mode", "ofd_inn")
    return RegistrationInfo(
        inn=user_inn, rnm=reg_number, tax_systems=check_tax_systems(tax_systems),
        work_modes=modes, ffd=version,
        ofd_inn=None if ofd_inn is None else check_inn(ofd_inn, "ofd_inn"),
        org_name=check_tag_text(org_name, 1048, "org_name", "the organisation name"),
        address=check_tag_text(address, 1009, "address", "the address"),
        place=None if place is None else check_tag_text(place, 1187, "place", "the place"),
        kkt_serial=serial,
        fns_site=check_tag_text(fns_site, 1060, "fns_site", "the FNS site"),
        ofd_name=None if ofd_name is None
        else check_tag_text(ofd_name, 1046, "ofd_name", "the OFD name"),
        sender_email=None if sender_email is None else check_email(sender_email,
                                                                   "sender_email"),
    )


#: Longest a shift may stay open (fn-protocol reference §4, FN answer 16h).
MAX_SHIFT = dt.timedelta(hours=24)


def check_shift(shift_open: bool, opened_at: dt.datetime | None, now: dt.datetime) -> None:
    """Refuse a receipt when no shift is open or the shift is older than 24 hours."""
    if not shift_open:
        raise ValidationError("no shift is open; call open_shift(cashier) first", "shift")
    if opened_at is not None and now - opened_at > MAX_SHIFT:
        raise ValidationError(
            f"the shift opened at {opened_at:%d.%m.%Y %H:%M} is over 24 hours old; close it "
            "with close_shift() and open a new one", "shift")


def check_document_time(now: dt.datetime, last_document: dt.datetime | None) -> None:
    """Refuse a document dated before the FN's last document (the FN answers 07h otherwise).

    The FN stores minutes, so ``now`` is compared at minute resolution.
    """
    if last_document is not None and now.replace(second=0, microsecond=0) < last_document:
        raise ValidationError(
            f"the clock says {now:%d.%m.%Y %H:%M}, before the last fiscal document "
            f"({last_document:%d.%m.%Y %H:%M}); set the clock right and try again", "datetime")


def check_cashier(cashier: object, *, required: bool) -> Cashier | None:
    """The cashier the caller gave, checked to be a :class:`Cashier` (or ``None`` when not
    ``required``)."""
    from sigmakkt.register.models import Cashier

    if cashier is None:
        if required:
            raise ValidationError("give the cashier as sigmakkt.Cashier(name, inn=None)",
                                  "cashier")
        return None
    if not isinstance(cashier, Cashier):
        raise ValidationError("give the cashier as sigmakkt.Cashier(name, inn=None)",
                              "cashier")
    return cashier
