"""The handlers of the ``sigmakkt`` subcommands: each reads parsed arguments, calls the Register
API on the session's register and writes its result through :class:`~.output.Output`.

Handlers return an exit code; errors propagate to :func:`sigmakkt.cli.main.main`, which maps
them to the documented exit codes (:mod:`.exitcodes`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sigmakkt.cli.archive import row_of, write_csv_header, write_csv_row
from sigmakkt.cli.config import DeviceSettings
from sigmakkt.cli.exitcodes import ExitCode, UsageError
from sigmakkt.cli.inputs import parse_cashier, parse_registration, parse_sale, read_structured
from sigmakkt.cli.output import Output, to_jsonable
from sigmakkt.cli.progress import ProgressBar
from sigmakkt.cli.session import Session, open_archive, open_session


@dataclass
class Context:
    """What every handler gets besides its arguments."""

    settings: DeviceSettings
    out: Output

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Open the register (see :mod:`.session`)."""
        with open_session(self.settings, self.out.t("no_device")) as session:
            yield session

    @contextmanager
    def archive(self) -> Iterator[Session]:
        """Open what the archive commands read (see :func:`.session.open_archive`)."""
        with open_archive(self.settings, self.out.t("no_device")) as session:
            yield session


def archive_size(session: Session) -> int:
    """How many documents the archive holds (for the progress bar)."""
    if session.emulator is not None:
        return int(session.emulator.fn.store.count())
    return int(session.kkt.status().last_document_number)


Handler = Callable[[argparse.Namespace, Context], int]


def _cashier(args: argparse.Namespace) -> Any:
    name = getattr(args, "cashier", None)
    if not name:
        return None
    return parse_cashier({"name": name, "inn": getattr(args, "cashier_inn", None)})


# --- status, registration ---------------------------------------------------------------------


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt status``."""
    with ctx.session() as s:
        ctx.out.result("status", s.kkt.status())
    return ExitCode.OK


_REG_FLAGS = ("inn", "rnm", "kkt_serial", "org_name", "address", "place", "tax_systems",
              "work_modes", "ofd_inn", "ofd_name", "fns_site", "sender_email", "ffd", "reason")


def _registration_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    data: dict[str, Any] = read_structured(args.file) if args.file else {}
    for key in _REG_FLAGS:
        value = getattr(args, key, None)
        if value not in (None, []):
            data[key] = value
    if getattr(args, "cashier", None):
        data["cashier"] = {"name": args.cashier, "inn": getattr(args, "cashier_inn", None)}
    return parse_registration(data)


def cmd_register(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt register``: the registration report (fiscalisation)."""
    kwargs = _registration_kwargs(args)
    kwargs.pop("reason", None)
    with ctx.session() as s:
        ctx.out.result("registered", s.kkt.register(**kwargs))
    return ExitCode.OK


def cmd_reregister(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt reregister``: a re-registration report with its reasons."""
    kwargs = _registration_kwargs(args)
    if "reason" not in kwargs:
        raise UsageError("give at least one --reason (e.g. --reason address_or_place_changed)")
    reasons = kwargs.pop("reason")
    kwargs.pop("ffd", None)  # the FFD version is fixed at registration
    with ctx.session() as s:
        ctx.out.result("reregistered", s.kkt.reregister(reasons, **kwargs))
    return ExitCode.OK


def cmd_close_fn(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt close-fn``: close the FN's fiscal mode (irreversible)."""
    if not args.yes:
        raise UsageError("closing the FN is irreversible: add --yes to confirm")
    cashier = _cashier(args)
    with ctx.session() as s:
        result = s.kkt.close_fn(cashier) if cashier else s.kkt.close_fn()
        ctx.out.result("fn_closed", result)
    return ExitCode.OK


# --- shifts and receipts ----------------------------------------------------------------------


def cmd_shift(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt shift open|close``."""
    cashier = _cashier(args)
    with ctx.session() as s:
        if args.action == "open":
            if cashier is None:
                raise UsageError("shift open needs --cashier NAME")
            ctx.out.result("shift_opened", s.kkt.open_shift(cashier))
        else:
            result = s.kkt.close_shift(cashier) if cashier else s.kkt.close_shift()
            ctx.out.result("shift_closed", result)
    return ExitCode.OK


def cmd_x_report(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt x-report``."""
    with ctx.session() as s:
        ctx.out.result("x_report", s.kkt.x_report())
    return ExitCode.OK


def _receipt(args: argparse.Namespace, ctx: Context, refund: bool) -> int:
    sale = parse_sale(read_structured(args.file))
    kwargs: dict[str, Any] = dict(sale.options)
    kwargs["payments"] = sale.payments
    if sale.cashier is not None:
        kwargs["cashier"] = sale.cashier
    with ctx.session() as s:
        op = s.kkt.sell_return if refund else s.kkt.sell
        ctx.out.result("refund" if refund else "receipt", op(sale.items, **kwargs))
    return ExitCode.OK


def cmd_sell(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt sell FILE.json``."""
    return _receipt(args, ctx, refund=False)


def cmd_refund(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt refund FILE.json`` (a sell-return receipt)."""
    return _receipt(args, ctx, refund=True)


def cmd_task(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt task FILE.json``: an ATOL Driver 10 JSON task through ``sigmakkt.atol``."""
    task = read_structured(args.file)
    with ctx.session() as s:
        result = s.kkt.execute(task)
    if ctx.out.as_json:
        # ATOL results carry sums as JSON numbers (reference §3.6): Decimal written exactly
        from sigmakkt.protocol.ffd import json_dumps

        ctx.out.out.write(json_dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        ctx.out.line(ctx.out.t("task_done"))
        ctx.out.fields(to_jsonable(result))
    return ExitCode.OK


# --- documents and archive --------------------------------------------------------------------


def _document_lines(doc: Any) -> list[str]:
    """A decoded document as ``tag name: value`` lines (STLVs indented)."""
    from sigmakkt.protocol.ffd.tags import TAGS

    def walk(fields: list[Any], depth: int) -> Iterator[str]:
        for f in fields:
            spec = TAGS.get(f.tag)
            name = spec.json_name if spec is not None else f"tag{f.tag}"
            if isinstance(f.value, list):
                yield f"{'  ' * depth}{f.tag} {name}:"
                yield from walk(f.value, depth + 1)
            else:
                value = f.value.hex() if isinstance(f.value, bytes) else f.value
                yield f"{'  ' * depth}{f.tag} {name}: {value}"

    spec = TAGS.get(doc.doc_type)
    title = spec.json_name if spec is not None else f"document {doc.doc_type}"
    return [title, *walk(doc.fields, 1)]


def document_layout(doc: Any) -> Any:
    """The printed layout of an archive document: a receipt or shift report as the register
    prints it (marked as a copy), any other document as its ``tag name: value`` lines."""
    from sigmakkt.protocol.ffd.tags import DocType
    from sigmakkt.register import FFDVersion, from_archive
    from sigmakkt.register.layout import layout_receipt, layout_shift_report
    from sigmakkt.register.lines import Layout, TextLine, wrap

    ffd = FFDVersion.parse(doc.ffd_version) if doc.ffd_version in ("1.05", "1.2") \
        else FFDVersion.FFD_12
    if doc.doc_type in (DocType.RECEIPT, DocType.CORRECTION_RECEIPT):
        return layout_receipt(from_archive.receipt_from_document(doc, copy=True, ffd=ffd))
    if doc.doc_type in (DocType.SHIFT_OPEN, DocType.SHIFT_CLOSE):
        return layout_shift_report(from_archive.shift_report_from_document(doc, ffd=ffd,
                                                                           copy=True))
    return Layout(tuple(TextLine(part) for line in _document_lines(doc)
                        for part in wrap(line) or [""]))


def render_document_png(layout: Any, out_dir: Path) -> Path:
    """Print ``layout`` on an emulated CAPD245 printer into ``out_dir``; return the PNG path."""
    from sigmakkt.register.render import render_escpos
    from sigmakkt_emulator.printer import EmulatedPrinter

    printer = EmulatedPrinter(out_dir)
    printer.receive(render_escpos(layout).build())
    png = printer.receipts[-1].png
    if png is None:
        raise RuntimeError("the emulated printer wrote no picture")
    return Path(png)


def cmd_document(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt document N``: one archive document as text, JSON or a PNG re-render."""
    with ctx.session() as s:
        doc = s.kkt.document(args.number)
    fmt = "json" if ctx.out.as_json and args.format == "text" else args.format
    if fmt == "json":
        ctx.out.emit_json({"number": args.number, **doc.to_json()})
    elif fmt == "text":
        ctx.out.out.write("\n".join(_document_lines(doc)) + "\n")
    else:
        out_dir = Path(args.output) if args.output else Path.cwd()
        png = render_document_png(document_layout(doc), out_dir)
        target = out_dir / f"document-{args.number}.png"
        png.replace(target)
        if ctx.out.as_json:
            ctx.out.emit_json({"number": args.number, "png": str(target)})
        else:
            ctx.out.line(ctx.out.t("png_written", path=target))
    return ExitCode.OK


def _date(value: str | None, name: str, end: bool = False) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--{name}: {value!r} is not a date (YYYY-MM-DD[THH:MM])") from exc
    if end and len(value) <= 10:
        parsed += dt.timedelta(days=1) - dt.timedelta(microseconds=1)
    return parsed


def _iter_documents(session: Session, since: dt.datetime | None,
                    until: dt.datetime | None) -> Iterator[tuple[int, Any]]:
    """(FD number or 0, decoded Document) for the archive, filtered by date.

    On the emulator the archive is read offline from the emulated FN's store (the same signed
    bytes, without the link); on a device through ``Register.documents``.
    """
    if session.emulator is not None:
        from sigmakkt.cli.reports_cmd import archive_blobs
        from sigmakkt.protocol.ffd import decode_document
        from sigmakkt.protocol.ffd.tags import Tag

        for blob in archive_blobs(session.emulator):
            doc = decode_document(blob)
            when = doc.get(Tag.DATE_TIME)
            if isinstance(when, dt.datetime) and (
                    (since is not None and when < since) or (until is not None and when > until)):
                continue
            yield 0, doc
        return
    for doc in session.kkt.documents(since=since, until=until):
        yield 0, doc


def cmd_archive(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt archive export``: every document in the period as CSV or JSON lines."""
    since, until = _date(args.since, "since"), _date(args.until, "until", end=True)
    count = 0
    with ctx.archive() as s, ExitStack() as files:
        total = archive_size(s)
        target: TextIO = (files.enter_context(open(args.output, "w", encoding="utf-8",
                                                   newline=""))
                          if args.output else ctx.out.out)
        with ProgressBar(total, "export", stream=sys.stderr,
                         enabled=bool(args.output) and ctx.out.out.isatty()) as bar:
            writer = write_csv_header(target) if args.format == "csv" else None
            for number, doc in _iter_documents(s, since, until):
                row = row_of(doc, number or None)
                if writer is not None:
                    write_csv_row(writer, row)
                else:
                    target.write(json.dumps({"number": row.number, **doc.to_json()},
                                            ensure_ascii=False, default=str) + "\n")
                count += 1
                bar.update()
    if args.output:
        if ctx.out.as_json:
            ctx.out.emit_json({"exported": count, "path": args.output, "format": args.format})
        else:
            ctx.out.line(ctx.out.t("exported", count=count, path=args.output))
    return ExitCode.OK


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt report top-items|payments|cashiers|receipts``: computed from the archive."""
    from sigmakkt.cli.reports_cmd import run_report

    return run_report(args, ctx)


# --- OFD, paper -------------------------------------------------------------------------------


def cmd_ofd(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt ofd send|status``."""
    with ctx.session() as s:
        if args.action == "send":
            with ProgressBar(None, "OFD", stream=sys.stderr) as bar:
                def progress(done: int, total: int) -> None:
                    bar.set_total(total)
                    bar.update(done - bar.done)

                report = s.kkt.ofd_exchange(progress=progress)
            ctx.out.result("ofd_status", report)
            if not report.complete:
                return ExitCode.DEVICE_REFUSED if report.rejected else ExitCode.LINK
        else:
            st = s.kkt.status()
            ctx.out.result("ofd_status", {"unsent_documents": st.unsent_documents,
                                          "oldest_unsent": st.oldest_unsent})
    return ExitCode.OK


def cmd_paper(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt paper``: the printer's paper and mechanism state."""
    with ctx.session() as s:
        status = s.kkt.paper_status()
        ctx.out.result("paper", status, {"ready": status.ready})
    return ExitCode.OK if status.ready else ExitCode.DEVICE_REFUSED


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    """``sigmakkt demo``: the whole tour on an in-process emulator."""
    from sigmakkt.cli.demo import run_demo

    return run_demo(ctx.out, Path(args.out) if args.out else None)


HANDLERS: dict[str, Handler] = {
    "status": cmd_status, "register": cmd_register, "reregister": cmd_reregister,
    "close-fn": cmd_close_fn, "shift": cmd_shift, "x-report": cmd_x_report, "sell": cmd_sell,
    "refund": cmd_refund, "task": cmd_task, "document": cmd_document, "archive": cmd_archive,
    "report": cmd_report, "ofd": cmd_ofd, "paper": cmd_paper, "demo": cmd_demo,
}
