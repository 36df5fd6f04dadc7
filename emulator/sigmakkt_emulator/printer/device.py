"""EmulatedPrinter: an ESC/POS thermal printer (CAPD245 profile) as a :class:`ByteDevice`.

Bytes go through the :class:`~.interpreter.Interpreter`; the printer keeps the roll model
(:mod:`.roll`), draws on a :class:`~.canvas.Canvas` and closes a page at every cut into a
:class:`PrintedReceipt` (PNG file when ``out_dir`` is given, plus the text layer: one string per
printed text line). Status replies are those of ``reference/printer.md`` §2.6, built with the
shared encoders in :mod:`sigmakkt.protocol.escpos.status`.

Offline (paper end, cover open, cutter error) the printer refuses to print: print commands are
parsed and dropped (a real printer would hold them in its buffer), real-time DLE EOT is still
answered, GS r is not answered (it is processed in line with the data, §2.6) and DLE ENQ 1/2
clears a cutter error. Unsolicited ASB blocks (GS a) are
sent with the next reply after a status change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from sigmakkt.protocol.escpos.profile import MM_PER_ROW
from sigmakkt.protocol.escpos.status import PrinterStatus
from sigmakkt_emulator.printer.canvas import (
    Canvas,
    TextBox,
    render_barcode,
    render_logo,
    render_qr,
    render_raster,
    render_text,
)
from sigmakkt_emulator.printer.events import (
    AutoStatus,
    BarcodeEvent,
    CutEvent,
    DrawerPulse,
    Event,
    Feed,
    LogoDefine,
    LogoPrint,
    QRCode,
    Raster,
    Recover,
    Rejected,
    StatusRequest,
    TextLine,
)
from sigmakkt_emulator.printer.interpreter import Interpreter
from sigmakkt_emulator.printer.roll import Roll

log = logging.getLogger("sigmakkt.emulator.printer")

#: GS I 65..69 string replies (header 0x5F, NUL-terminated).
_INFO = {65: b"1.00", 66: b"SIGMAKKT-EMU", 67: b"CAPD245", 68: b"00000001", 69: b"PC866"}
#: GS I 1..3: model ID, type ID (bit 1: autocutter fitted), version ID; all match 0xx0xxxx.
_INFO_BYTES = {1: 0x20, 2: 0x02, 3: 0x01, 49: 0x20, 50: 0x02, 51: 0x01}


@dataclass
class PrintedReceipt:
    """One page (cut to cut): the PNG path (if saved), the text layer and the page height."""

    index: int
    lines: list[str]
    boxes: list[TextBox]
    rows: int
    png: Path | None = None
    image: Image.Image | None = None
    cut: bool = True
    png_scale: int = 1

    @property
    def text(self) -> str:
        """The text layer joined with newlines."""
        return "\n".join(self.lines)

    @property
    def length_mm(self) -> float:
        """Paper length of the page."""
        return self.rows * MM_PER_ROW

    def load_image(self) -> Image.Image:
        """The page picture at 1 pixel per dot (from memory, else from the PNG)."""
        if self.image is not None:
            return self.image
        if self.png is None:
            raise FileNotFoundError("this receipt kept neither an image nor a PNG")
        with Image.open(self.png) as img:
            page = img.convert("1")
        if self.png_scale != 1:
            page = page.resize((page.width // self.png_scale, page.height // self.png_scale),
                               Image.Resampling.NEAREST)
        return page


@dataclass
class _Page:
    canvas: Canvas = field(default_factory=Canvas)
    lines: list[str] = field(default_factory=list)
    boxes: list[TextBox] = field(default_factory=list)


class EmulatedPrinter:
    """An emulated 58 mm ESC/POS printer with a paper roll; feed it bytes with :meth:`receive`.

    ``out_dir``: write ``receipt-NNNN.png`` there at each cut. The pictures of the last
    ``keep_images`` receipts also stay in memory (older ones only as PNG, or dropped).
    ``pacing``: sleep so printing takes real time at ``speed_mm_s``. ``on_receipt`` is called
    with each finished :class:`PrintedReceipt`.
    """

    def __init__(
        self,
        out_dir: str | Path | None = None,
        roll: Roll | None = None,
        *,
        pacing: bool = False,
        speed_mm_s: float = 100.0,
        logos: dict[int, Image.Image] | None = None,
        keep_images: int = 100,
        png_scale: int = 1,
        on_receipt: Callable[[PrintedReceipt], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        self.roll = roll if roll is not None else Roll()
        self.pacing = pacing
        self.speed_rows_s = speed_mm_s / MM_PER_ROW
        self.keep_images = keep_images
        self.png_scale = png_scale
        self.on_receipt = on_receipt
        self._sleep = sleep
        self.interpreter = Interpreter()
        self.receipts: list[PrintedReceipt] = []
        self.rejected: list[Rejected] = []
        self.cutter_error = False
        self.unrecoverable = False
        self.drawer_high = False
        self.asb_mask = 0
        self._asb_last: bytes | None = None
        self.dropped_events = 0
        self._page = _Page()
        self._logos: dict[int, tuple[bytes, int, int]] = {}
        self._count = 0
        for number, picture in (logos or {}).items():
            self.store_logo(number, picture)

    # -- status ---------------------------------------------------------------------------------

    @property
    def status(self) -> PrinterStatus:
        """Current sensor and error state."""
        r = self.roll
        offline = r.paper_end or r.cover_open or self.cutter_error or self.unrecoverable \
            or r.overheated
        return PrinterStatus(
            paper_present=not r.paper_end,
            paper_near_end=r.near_end,
            cover_open=r.cover_open,
            cutter_error=self.cutter_error,
            overheated=r.overheated,
            offline=offline,
            unrecoverable_error=self.unrecoverable,
            drawer_high=self.drawer_high,
        )

    @property
    def can_print(self) -> bool:
        """Online and ready."""
        return self.status.ready

    # -- faults and operator actions (for tests) -------------------------------------------------

    def open_cover(self) -> None:
        """Fault: open the cover."""
        self.roll.cover_open = True

    def close_cover(self) -> None:
        """Close the cover."""
        self.roll.cover_open = False

    def paper_out_at(self, row: int) -> None:
        """Fault: the paper ends when the roll has used ``row`` dot rows."""
        self.roll.paper_out_at_row = row

    def jam_cutter(self, jammed: bool = True) -> None:
        """Fault: the next cut fails with a cutter error."""
        self.roll.cutter_jammed = jammed

    def load_paper(self, length_mm: float | None = None) -> None:
        """Operator loads a new roll."""
        self.roll.load(length_mm)

    def store_logo(self, number: int, picture: Image.Image) -> None:
        """Put an NV logo in slot ``number`` (as FS q would)."""
        from sigmakkt.protocol.escpos.builder import image_to_raster

        data, width_bytes, height = image_to_raster(picture)
        self._logos[number] = (data, width_bytes, height)

    # -- ByteDevice -------------------------------------------------------------------------------

    def receive(self, data: bytes) -> bytes:
        """Consume host bytes; return status replies (DLE EOT, GS r, GS I, ASB)."""
        out = bytearray()
        for event in self.interpreter.feed(data):
            out += self._handle(event)
        if self.asb_mask:
            block = self.status.asb_reply()
            if block != self._asb_last:
                self._asb_last = block
                out += block
        return bytes(out)

    @property
    def pending(self) -> PrintedReceipt:
        """What is on the paper since the last cut (not yet a receipt)."""
        return PrintedReceipt(self._count + 1, list(self._page.lines), list(self._page.boxes),
                              self._page.canvas.height, None, self._page.canvas.image(), False)

    def _handle(self, event: Event) -> bytes:
        if isinstance(event, StatusRequest):
            return self._status_reply(event)
        if isinstance(event, Recover):
            if event.n in (1, 2) and not self.roll.cutter_jammed:
                self.cutter_error = False
            elif event.n in (1, 2):  # the operator cleared the jam before asking to recover
                self.roll.cutter_jammed = False
                self.cutter_error = False
            return b""
        if isinstance(event, AutoStatus):
            self.asb_mask = event.mask
            self._asb_last = None
            return b""
        if isinstance(event, Rejected):
            log.warning("printer rejected %s: %s", event.command, event.reason)
            self.rejected.append(event)
            return b""
        if isinstance(event, LogoDefine):
            self._logos[event.number] = (event.data, event.width_bytes, event.height)
            return b""
        if isinstance(event, DrawerPulse):
            self.drawer_high = not self.drawer_high
            return b""
        if not self.can_print:
            self.dropped_events += 1
            return b""
        if isinstance(event, TextLine):
            strip, box = render_text(event)
            self._print(strip, box)
        elif isinstance(event, Feed):
            self._print(event.rows)
        elif isinstance(event, Raster):
            self._print(render_raster(event))
        elif isinstance(event, QRCode):
            try:
                strip = render_qr(event)
            except ValueError as exc:  # segno: data too long for any version at this level
                self.rejected.append(Rejected("GS ( k", str(exc)))
            else:
                self._print(strip)
        elif isinstance(event, BarcodeEvent):
            try:
                self._print(render_barcode(event))
            except (ValueError, NotImplementedError) as exc:
                self.rejected.append(Rejected("GS k", str(exc)))
        elif isinstance(event, LogoPrint):
            logo = self._logos.get(event.number)
            if logo is None:
                self.rejected.append(Rejected("FS p", f"no logo {event.number}"))
            else:
                self._print(render_logo(*logo, event.scale, event.area))
        elif isinstance(event, CutEvent):
            self._cut(event)
        return b""

    def _status_reply(self, event: StatusRequest) -> bytes:
        status = self.status
        if event.kind == "dle_eot":
            return bytes((status.dle_eot_reply(event.n),)) if 1 <= event.n <= 4 else b""
        if event.kind == "gs_r":
            if not self.can_print:
                # Not real-time: processed only after the data before it, which an offline
                # printer holds back; so no answer while offline (never during paper-out, §2.6).
                return b""
            if event.n in (1, 49):
                return bytes((status.gs_r_reply(),))
            if event.n in (2, 50):
                return bytes((int(self.drawer_high),))
            return b""
        if event.n in _INFO_BYTES:  # GS I
            return bytes((_INFO_BYTES[event.n],))
        if event.n in _INFO:
            return b"\x5f" + _INFO[event.n] + b"\x00"
        return b""

    def _print(self, strip: Image.Image | int, box: TextBox | None = None) -> None:
        rows = strip if isinstance(strip, int) else strip.height
        done = self.roll.advance(rows)
        if done < rows and not isinstance(strip, int):
            strip = strip.crop((0, 0, strip.width, done))
        top = self._page.canvas.add(done if isinstance(strip, int) else strip)
        if box is not None and done > 0:
            self._page.lines.append(box.text)
            self._page.boxes.append(TextBox(box.text, top, box.x, box.cell_width,
                                            box.cell_height, box.font, box.bold, box.uniform))
        if self.pacing and done:
            self._sleep(done / self.speed_rows_s)
        if done < rows:
            log.info("paper ran out after %d rows of this roll", self.roll.used_rows)

    def _cut(self, event: CutEvent) -> None:
        if event.feed:
            self._print(event.feed)
        if self.roll.cutter_jammed:
            self.cutter_error = True
            return
        self.roll.cuts += 1
        self._finish_page(cut=True)

    def _finish_page(self, cut: bool) -> None:
        page = self._page
        self._page = _Page()
        self._count += 1
        image = page.canvas.image()
        png = None
        if self.out_dir is not None:
            png = self.out_dir / f"receipt-{self._count:04d}.png"
            out = image if self.png_scale == 1 else image.resize(
                (image.width * self.png_scale, image.height * self.png_scale),
                Image.Resampling.NEAREST)
            out.save(png, optimize=False)
        receipt = PrintedReceipt(self._count, page.lines, page.boxes, page.canvas.height, png,
                                 image if self.keep_images > 0 else None, cut, self.png_scale)
        self.receipts.append(receipt)
        if 0 < self.keep_images < len(self.receipts):  # bounded memory: drop the oldest picture
            self.receipts[-self.keep_images - 1].image = None
        if self.on_receipt is not None:
            self.on_receipt(receipt)


def png_printer(folder: str | Path, roll: Roll | None = None, *, pacing: bool = False,
                png_scale: int = 1,
                on_receipt: Callable[[PrintedReceipt], None] | None = None) -> EmulatedPrinter:
    """A printer writing ``receipt-NNNN.png`` into ``folder`` at every cut (for
    ``sigmakkt-emulator``); ``png_scale`` 2 makes the pictures easier to look at."""
    return EmulatedPrinter(folder, roll, pacing=pacing, png_scale=png_scale,
                           on_receipt=on_receipt)
