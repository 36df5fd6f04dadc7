"""``sigmakkt report …``: the archive reports of :mod:`sigmakkt.reports` as tables, JSON or CSV.

The archive is read once: on a device through ``Register.documents(since=, until=)`` (every
document over the FN link), on the emulator (``--emulated``) offline, straight from the emulated
FN's archive store — the same signed document bytes, without the link, so that reports over
100,000 receipts take seconds. A progress bar counts documents on a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sigmakkt.cli.commands import _date, archive_size
from sigmakkt.cli.exitcodes import ExitCode
from sigmakkt.cli.progress import ProgressBar

if TYPE_CHECKING:
    from sigmakkt.cli.commands import Context


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    """Compute and print one report."""
    from sigmakkt.register.enums import OperationType, PaymentType
    from sigmakkt.reports import (
        ReceiptFilter,
        TopBy,
        cashiers,
        payment_split,
        receipt_rows,
        receipts_from_bytes,
        receipts_from_documents,
        row_dict,
        to_csv,
        top_products,
    )

    since, until = _date(args.since, "since"), _date(args.until, "until", end=True)
    flt = ReceiptFilter(
        since=since, until=until,
        operations=frozenset({OperationType[args.operation.upper()]}) if args.operation
        else None,
        payment_type=PaymentType[args.payment.upper()] if args.payment else None,
        cashier=args.cashier, number=args.search,
    )
    with ctx.archive() as s:
        total = archive_size(s)
        with ProgressBar(total, "archive", stream=sys.stderr,
                         enabled=None if sys.stdout.isatty() and not ctx.out.as_json
                         else False) as bar:
            def progress(done: int, _total: int | None) -> None:
                bar.update(done - bar.done)

            if s.emulator is not None:
                receipts = receipts_from_bytes(archive_blobs(s.emulator), progress)
            else:
                receipts = receipts_from_documents(
                    s.kkt.documents(since=since, until=until), progress)
    rows: list[Any]
    operation = OperationType[args.operation.upper()] if args.operation else OperationType.SELL
    if args.kind == "top-items":
        rows = top_products(receipts, by=TopBy[args.by.upper()], limit=args.limit, flt=flt,
                            operation=operation)
    elif args.kind == "payments":
        rows = payment_split(receipts, flt, operation=operation)
    elif args.kind == "cashiers":
        rows = cashiers(receipts, flt, operation=operation)[: args.limit]
    else:
        rows = receipt_rows(receipts, flt)[: args.limit]
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as handle:
            to_csv(rows, handle)
    dicts = [row_dict(r) for r in rows]
    if ctx.out.as_json:
        ctx.out.emit_json({"report": args.kind, "rows": dicts})
    elif not dicts:
        ctx.out.line(ctx.out.t("no_data"))
    else:
        ctx.out.line(f"{ctx.out.t('report')}: {args.kind}")
        headers = list(dicts[0])
        ctx.out.table(headers, [[_cell(d[h]) for h in headers] for d in dicts])
    return ExitCode.OK


def archive_blobs(emulator: Any) -> Iterator[bytes]:
    """Every document STLV of the emulated FN's archive, in FD order (offline read)."""
    tlvs: Iterator[bytes] = emulator.fn.store.iter_tlv()
    return tlvs


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
