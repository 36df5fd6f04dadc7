"""What the Register reads from the FN to check its state rules and fill its reports.

30h with a document left open by an interrupted run cancelled first, the registration data
(43h + the registration report from the archive), when the open shift was opened (40h), the
OFD queue with its 30-day warning, and the shift counters (36h).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sigmakkt.errors import FNError, ValidationError
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.protocol.fn.commands import (
    GET_COUNTERS,
    GET_OFD_STATUS,
    GET_REGISTRATION_RESULTS,
    GET_STATUS,
    CountersRequest,
    FNStatus,
    RegistrationResultsRequest,
    ShiftParameters,
)
from sigmakkt.protocol.fn.commands.status import FNCounters
from sigmakkt.protocol.fn.commands.status import OperationCounters as FNOperationCounters
from sigmakkt.protocol.fn.enums import CounterScope, DocumentCode, DocumentType
from sigmakkt.register import archive, recovery
from sigmakkt.register.clock import ClockLike
from sigmakkt.register.enums import (
    VAT,
    FFDVersion,
    OperationType,
    PaymentType,
    WorkMode,
    work_mode_flags,
)
from sigmakkt.register.models import OperationCounters, RegistrationInfo, ShiftCounters
from sigmakkt.register.money import to_rubles


def read_state(fn: FiscalStorage) -> FNStatus:
    """30h; a document left open by an interrupted run is cancelled first."""
    st = fn.execute(GET_STATUS)
    if st.document != DocumentCode.NONE:
        recovery.cancel_open_document(fn)
        st = fn.execute(GET_STATUS)
    return st


def read_registration(fn: FiscalStorage) -> RegistrationInfo:
    """43h + the registration report from the archive → RegistrationInfo."""
    res = fn.execute(GET_REGISTRATION_RESULTS, RegistrationResultsRequest())
    doc = archive.read_document(fn, res.fd)
    code = doc.get(1209)
    ffd = FFDVersion.FFD_105 if code == FFDVersion.FFD_105.value else FFDVersion.FFD_12
    modes: set[WorkMode] = set()
    for mode in WorkMode:
        try:
            bits, ext = work_mode_flags({mode}, ffd)
        except ValidationError:
            continue
        if (bits and bits & res.work_mode) or (
                ext and res.extended_flags is not None and ext & res.extended_flags):
            modes.add(mode)
    if ffd is FFDVersion.FFD_105:
        for mode, tag in ((WorkMode.EXCISE, 1207), (WorkMode.GAMBLING, 1193),
                          (WorkMode.LOTTERY, 1126), (WorkMode.PRINTER_IN_AUTOMAT, 1221)):
            if doc.get(tag):
                modes.add(mode)

    def text(tag: int) -> str | None:
        value = doc.get(tag)
        return value.strip() if isinstance(value, str) else None

    ofd_inn = (res.ofd_inn or "").strip() or text(1017)
    if ofd_inn is not None and not ofd_inn.strip("0"):
        ofd_inn = None
    return RegistrationInfo(
        inn=res.inn.strip(), rnm=res.rnm.strip(), tax_systems=res.tax_systems,
        work_modes=frozenset(modes), ffd=ffd, ofd_inn=ofd_inn, org_name=text(1048),
        address=text(1009), place=text(1187), kkt_serial=text(1013), fns_site=text(1060),
        ofd_name=text(1046), sender_email=text(1117))


def shift_opened_at(fn: FiscalStorage, shift: ShiftParameters, st: FNStatus,
                    cache: dict[int, dt.datetime]) -> dt.datetime | None:
    """When the open shift was opened: from ``cache``, else found in the archive (40h, newest
    first) and cached."""
    if not shift.shift_open:
        return None
    known = cache.get(shift.shift_number)
    if known is not None:
        return known
    for fd in range(st.last_fd, 0, -1):
        found = archive.find_document(fn, fd)
        if found.document_type == DocumentType.SHIFT_OPEN:
            cache[shift.shift_number] = found.datetime
            return found.datetime
    return None


def unsent(fn: FiscalStorage) -> tuple[int, dt.datetime | None]:
    """Documents the OFD has not confirmed, and the date of the oldest (0, None if unknown)."""
    try:
        ofd = fn.execute(GET_OFD_STATUS)
    except FNError:
        return 0, None
    return ofd.queued, ofd.first_datetime if ofd.queued else None


def ofd_warning(unsent: int, oldest: dt.datetime | None, clock: ClockLike,
                threshold_days: float) -> Any:
    """The 30-day warning for ``status()`` (None while far from the limit)."""
    from sigmakkt.ofd.status import OFDQueueStatus, deadline_warning

    if not unsent or oldest is None:
        return None
    queue = OFDQueueStatus(queued=unsent, first_fd=None, first_datetime=oldest,
                           transport_up=False, awaiting_receipt=False, reading=False)
    return deadline_warning(queue, clock.now(), threshold_days=threshold_days)


def read_shift_counters(fn: FiscalStorage) -> ShiftCounters | None:
    """The shift's counters (36h; FFD 1.1/1.2 FNs), or None when the FN has none."""
    try:
        c = fn.execute(GET_COUNTERS, CountersRequest(CounterScope.SHIFT))
    except FNError:
        return None
    return shift_counters(c)


def _operation(block: FNOperationCounters) -> OperationCounters:
    by_payment = {PaymentType.CASH: block.cash, PaymentType.ELECTRONIC: block.electronic,
                  PaymentType.PREPAID: block.prepaid, PaymentType.CREDIT: block.credit,
                  PaymentType.COUNTER_PROVISION: block.counter_provision}
    vat = {VAT.VAT20: block.vat20, VAT.VAT10: block.vat10, VAT.VAT0: block.sum_vat0,
           VAT.NO_VAT: block.sum_no_vat, VAT.VAT20_120: block.vat20_120,
           VAT.VAT10_110: block.vat10_110}
    return OperationCounters(
        count=block.count, total=to_rubles(block.total),
        by_payment={k: to_rubles(v) for k, v in by_payment.items() if v},
        vat={k: to_rubles(v) for k, v in vat.items() if v})


def shift_counters(c: FNCounters) -> ShiftCounters:
    """The FN's 36h counters as the Register's :class:`ShiftCounters`."""
    ops = {OperationType.SELL: _operation(c.sale),
           OperationType.SELL_RETURN: _operation(c.sale_return),
           OperationType.BUY: _operation(c.purchase),
           OperationType.BUY_RETURN: _operation(c.purchase_return)}
    receipts = sum(o.count for o in ops.values())
    corr = c.correction
    corr_total = sum((x.sum for x in (corr.sale, corr.sale_return, corr.purchase,
                                      corr.purchase_return)), 0)
    return ShiftCounters(receipts=receipts, documents=c.operations, operations=ops,
                         corrections=corr.count, corrections_total=to_rubles(corr_total))
