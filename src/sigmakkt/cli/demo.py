"""``sigmakkt demo``: the whole life of a register on an in-process emulator, in a few seconds.

Starts the emulator (FN, printer, OFD server), registers the register, opens a shift, sells,
refunds, closes the shift, sends everything to the OFD and prints a summary with the paths of
the printed receipts' PNGs. Needs only the ``render`` extra (Pillow, segno) for the pictures.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sigmakkt.cli.exitcodes import ExitCode
from sigmakkt.cli.output import Output

DEMO_INN = "7707083893"
DEMO_SERIAL = "0000000000001234"
#: The emulated OFD server accepts documents of KKTs registered with its INN.
DEMO_OFD_INN = "7704211201"


@dataclass
class DemoSummary:
    """What the demo did (the ``--json`` output)."""

    fn_number: str = ""
    registration_fd: int = 0
    receipts: list[dict[str, Any]] = field(default_factory=list)
    shift_number: int = 0
    ofd_sent: int = 0
    unsent_documents: int = 0
    pngs: list[str] = field(default_factory=list)
    out_dir: str = ""


def run_demo(out: Output, out_dir: Path | None = None) -> int:
    """Run the tour, writing steps (or one JSON summary) to ``out``. Returns the exit code."""
    from sigmakkt.register import VAT, Cashier, Item, Payment, TaxSystem
    from sigmakkt.register.register import Register
    from sigmakkt.register.validation import make_rnm

    folder = out_dir if out_dir is not None else Path(tempfile.mkdtemp(prefix="sigmakkt-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    summary = DemoSummary(out_dir=str(folder))
    ru = out.lang == "ru"

    def step(ru_text: str, en_text: str) -> None:
        out.line(out.t("demo_step", step=ru_text if ru else en_text))

    out.line(out.t("demo_title"))
    with Register.emulated(None, printer_dir=folder / "receipts") as kkt:
        emu = kkt.emulator
        step(f"эмулятор запущен: ФН {emu.fn_url}, принтер {emu.printer_url}",
             f"emulator started: FN {emu.fn_url}, printer {emu.printer_url}")
        reg = kkt.register(inn=DEMO_INN, rnm=make_rnm(1, DEMO_INN, DEMO_SERIAL),
                           kkt_serial=DEMO_SERIAL, org_name='ООО "Ромашка"',
                           address="г. Москва, ул. Ленина, д. 1", place='Магазин "Ромашка"',
                           tax_systems={TaxSystem.OSN}, ofd_inn=DEMO_OFD_INN, ffd="1.2")
        summary.fn_number, summary.registration_fd = reg.fn_number, \
            reg.fiscal_document_number
        step(f"ККТ зарегистрирована, ФД {reg.fiscal_document_number}",
             f"registered, FD {reg.fiscal_document_number}")
        shift = kkt.open_shift(Cashier("Иванова А.А."))
        summary.shift_number = shift.shift_number
        step(f"смена {shift.shift_number} открыта", f"shift {shift.shift_number} opened")
        milk = Item("Молоко 3,2% 1 л", price="89.90", quantity=2, vat=VAT.VAT20)
        bread = Item("Хлеб бородинский", price="45.00", vat=VAT.VAT10)
        sale = kkt.sell([milk, bread], payments=[Payment.cash("300.00")],
                        customer="+79990000000")
        refund = kkt.sell_return([bread], payments=[Payment.cash("45.00")])
        for kind, r in (("sell", sale), ("sell_return", refund)):
            summary.receipts.append({"operation": kind, "fd": r.fiscal_document_number,
                                     "fiscal_sign": r.fiscal_sign, "total": str(r.total),
                                     "printed": r.printed, "qr": r.qr})
        step(f"продажа на {sale.total} ₽ (ФД {sale.fiscal_document_number}, "
             f"ФП {sale.fiscal_sign}, сдача {sale.change})",
             f"sale of {sale.total} RUB (FD {sale.fiscal_document_number}, "
             f"FS {sale.fiscal_sign}, change {sale.change})")
        step(f"возврат на {refund.total} ₽ (ФД {refund.fiscal_document_number})",
             f"refund of {refund.total} RUB (FD {refund.fiscal_document_number})")
        closed = kkt.close_shift()
        step(f"смена {closed.shift_number} закрыта", f"shift {closed.shift_number} closed")
        report = kkt.ofd_exchange()
        summary.ofd_sent = int(getattr(report, "sent", 0) or 0)
        summary.unsent_documents = kkt.status().unsent_documents
        step(f"отправлено в ОФД: {summary.ofd_sent}", f"sent to the OFD: {summary.ofd_sent}")
        summary.pngs = [str(r.png) for r in emu.receipts if r.png is not None]
    for png in summary.pngs:
        out.line(out.t("demo_png", path=png))
    if out.as_json:
        out.emit_json(summary)
    else:
        out.line(out.t("demo_summary", receipts=len(summary.receipts), fn=summary.fn_number,
                       sent=summary.ofd_sent, unsent=summary.unsent_documents))
    return ExitCode.OK
