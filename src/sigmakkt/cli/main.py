"""Entry point of the ``sigmakkt`` command (``python -m sigmakkt`` too).

:func:`build_parser` is public: the docs walk it to generate the CLI reference, so every
option's ``help`` here is the documentation.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from sigmakkt import __version__
from sigmakkt.cli.exitcodes import EXIT_CODES, ExitCode, exit_code_for

_EPILOG = "exit codes:\n" + "\n".join(f"  {int(c)}  {text}" for c, text in EXIT_CODES.items())


def _common(suppress: bool) -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand. The subcommands' copy (``suppress``)
    has no defaults, so that it never overwrites a value given before the subcommand."""
    p = argparse.ArgumentParser(add_help=False)
    s: Any = argparse.SUPPRESS if suppress else None
    g = p.add_argument_group("device and output options")
    g.add_argument("--fn", metavar="URL", default=s,
                   help="FN endpoint, e.g. serial:///dev/ttyACM0, tcp://127.0.0.1:4040 "
                   "(env SIGMAKKT_FN)")
    g.add_argument("--printer", metavar="URL", default=s,
                   help="printer endpoint (env SIGMAKKT_PRINTER)")
    g.add_argument("--ofd", metavar="HOST:PORT", default=s,
                   help="OFD server address (env SIGMAKKT_OFD)")
    g.add_argument("--config", metavar="PATH", default=s,
                   help="config file (default ~/.config/sigmakkt/config.toml)")
    g.add_argument("--emulated", action="store_true", default=s if suppress else False,
                   help="run on an in-process emulator instead of a device")
    g.add_argument("--state", metavar="DIR", default=s,
                   help="with --emulated: keep the emulator's FN archive, OFD store and "
                   "receipt PNGs in DIR between runs")
    g.add_argument("--json", action="store_true", default=s if suppress else False,
                   help="machine-readable JSON output")
    g.add_argument("--lang", choices=("ru", "en"), default=s,
                   help="language of human output (default: from the locale)")
    g.add_argument("-v", "--verbose", action="count", default=s if suppress else 0,
                   help="log to stderr (-vv: frames as hex)")
    return p


def _cashier_opts(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--cashier", metavar="NAME", required=required, help="cashier's name (1021)")
    p.add_argument("--cashier-inn", metavar="INN", help="cashier's INN (1203, 12 digits)")


def _registration_opts(p: argparse.ArgumentParser, reasons: bool) -> None:
    p.add_argument("--file", metavar="FILE",
                   help="registration parameters from a TOML or JSON file (flags override it)")
    p.add_argument("--inn", help="user's INN (1018)")
    p.add_argument("--rnm", help="KKT registration number (1037)")
    p.add_argument("--kkt-serial", help="KKT serial number (1013)")
    p.add_argument("--org-name", help="user's name (1048)")
    p.add_argument("--address", help="settlement address (1009)")
    p.add_argument("--place", help="settlement place (1187)")
    p.add_argument("--tax-system", dest="tax_systems", action="append", metavar="NAME",
                   help="tax system: osn, usn_income, usn_income_outcome, eshn, patent "
                   "(repeat for several)")
    p.add_argument("--work-mode", dest="work_modes", action="append", metavar="MODE",
                   help="work mode, e.g. internet, services, autonomous, marking (repeatable)")
    p.add_argument("--ofd-inn", help="OFD's INN (1017)")
    p.add_argument("--ofd-name", help="OFD's name (1046)")
    p.add_argument("--fns-site", help="tax service site (1060)")
    p.add_argument("--sender-email", help="sender's e-mail (1117)")
    p.add_argument("--ffd", choices=("1.05", "1.2"), help="FFD version")
    if reasons:
        p.add_argument("--reason", action="append", metavar="REASON",
                       help="re-registration reason, e.g. ofd_changed, "
                       "address_or_place_changed, fn_replaced (repeatable)")
    _cashier_opts(p)


def build_parser() -> argparse.ArgumentParser:
    """The ``sigmakkt`` argument parser."""
    common = _common(suppress=True)
    parser = argparse.ArgumentParser(
        prog="sigmakkt", parents=[_common(suppress=False)], epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Drive an ATOL Sigma-style cash register (FN + printer) or its emulator.",
    )
    parser.add_argument("--version", action="version", version=f"sigmakkt {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help, description=help)

    add("status", "FN phase, registration, shift, unsent documents, warnings, paper")
    _registration_opts(add("register", "registration report (fiscalise the register)"),
                       reasons=False)
    _registration_opts(add("reregister", "re-registration report (change parameters)"),
                       reasons=True)
    p = add("close-fn", "close the FN's fiscal mode (irreversible)")
    p.add_argument("--yes", action="store_true", help="confirm the irreversible closing")
    _cashier_opts(p)
    p = add("shift", "open or close the shift")
    p.add_argument("action", choices=("open", "close"))
    _cashier_opts(p)
    add("x-report", "X report: shift counters, nothing signed")
    p = add("sell", "sell receipt from a sigmakkt sale JSON file")
    p.add_argument("file", metavar="FILE.json")
    p = add("refund", "sell-return receipt from a sigmakkt sale JSON file")
    p.add_argument("file", metavar="FILE.json")
    p = add("task", "run an ATOL Driver 10 JSON task")
    p.add_argument("file", metavar="FILE.json")
    p = add("document", "show one fiscal document from the FN archive")
    p.add_argument("number", type=int, help="fiscal document number (FD)")
    p.add_argument("--format", choices=("text", "json", "png"), default="text",
                   help="text (default), json (tax service names), png (re-rendered on the "
                   "emulated printer)")
    p.add_argument("--output", metavar="DIR", help="with --format png: folder for the PNG")
    p = add("archive", "export the FN archive")
    p.add_argument("action", choices=("export",))
    p.add_argument("--format", choices=("csv", "json"), default="csv",
                   help="csv (one row per document) or json (one document per line)")
    p.add_argument("--since", metavar="DATE", help="from this date/time (ISO 8601)")
    p.add_argument("--until", metavar="DATE", help="up to this date/time (a date: inclusive)")
    p.add_argument("--output", metavar="FILE", help="write to FILE (a progress bar shows)")
    p = add("report", "reports from the archive: top items, payments, cashiers, receipts")
    p.add_argument("kind", choices=("top-items", "payments", "cashiers", "receipts"))
    p.add_argument("--since", metavar="DATE", help="from this date/time (ISO 8601)")
    p.add_argument("--until", metavar="DATE", help="up to this date/time (a date: inclusive)")
    p.add_argument("--operation", choices=("sell", "sell_return", "buy", "buy_return"),
                   help="only receipts of this operation type")
    p.add_argument("--payment", choices=("cash", "electronic", "prepaid", "credit",
                                         "counter_provision"),
                   help="only receipts paid (partly) this way")
    p.add_argument("--cashier", metavar="NAME", help="only this cashier's receipts")
    p.add_argument("--search", metavar="N", type=int, help="receipts: this receipt number")
    p.add_argument("--by", choices=("quantity", "revenue", "count"), default="revenue",
                   help="top-items: ranking (default revenue)")
    p.add_argument("--limit", type=int, default=20, help="rows to show (default 20)")
    p.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
    p = add("ofd", "send queued documents to the OFD, or show the queue")
    p.add_argument("action", choices=("send", "status"))
    add("paper", "printer paper status (exit code 4 when it cannot print)")
    p = add("demo", "tour: emulator, registration, shift, sale, refund, OFD, summary")
    p.add_argument("--out", metavar="DIR", help="folder for the printed PNGs "
                   "(default: a new folder under the system's temporary directory)")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the process exit code (see :mod:`sigmakkt.cli.exitcodes`)."""
    from sigmakkt.cli.commands import HANDLERS, Context
    from sigmakkt.cli.config import resolve
    from sigmakkt.cli.messages import default_lang
    from sigmakkt.cli.output import Output

    out_stream = stdout if stdout is not None else sys.stdout
    err_stream = stderr if stderr is not None else sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0) if isinstance(exc.code, int) else ExitCode.USAGE
    output = Output(out_stream, err_stream, as_json=args.json, lang=args.lang or default_lang())
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            stream=err_stream)
    try:
        settings = resolve(fn=args.fn, printer=args.printer, ofd=args.ofd,
                           emulated=args.emulated, state=args.state, config=args.config)
        if args.lang is None and settings.lang:
            output.lang = settings.lang
        return int(HANDLERS[args.command](args, Context(settings, output)))
    except BrokenPipeError:  # `sigmakkt … | head`: the reader went away, not an error
        return int(ExitCode.OK)
    except Exception as exc:  # every failure becomes a documented exit code
        code = exit_code_for(exc)
        output.error(exc, int(code))
        if code is ExitCode.FAILURE:
            logging.getLogger("sigmakkt.cli").debug("unexpected error", exc_info=True)
        return int(code)


def run() -> None:
    """Console-script wrapper: exit with :func:`main`'s code."""
    raise SystemExit(main())


if __name__ == "__main__":
    run()
