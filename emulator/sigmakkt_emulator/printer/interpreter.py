"""Streaming ESC/POS interpreter: bytes in any chunking -> events, with the printer's modes.

Command lengths follow the Epson ESC/POS reference as summarised in ``reference/printer.md`` §2.
``feed()`` keeps an incomplete command in its buffer until the rest arrives, so a job split at any
byte gives the same events as the whole job. Unknown commands are skipped by their prefix
(``ESC x`` / ``GS x`` / ``FS x`` = 2 bytes, other control bytes 1 byte). Memory is bounded: a
command carrying more than :data:`MAX_DATA` bytes of data is consumed without being stored
(streamed through a skip counter) and reported as :class:`Rejected`; a GS v 0 with x or y = 0 is
rejected the same way, because its byte count cannot equal x·y of a real image.
"""

from __future__ import annotations

from typing import Final

from sigmakkt.protocol.escpos.profile import DEFAULT_LINE_SPACING, DOTS_PER_LINE
from sigmakkt.protocol.escpos.text import CODEPAGES
from sigmakkt_emulator.printer.events import (
    Area,
    AutoStatus,
    BarcodeEvent,
    Char,
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

#: Largest data block one command may carry into memory (1 MiB: a 384 × 21845-row raster).
MAX_DATA: Final = 1 << 20
#: Tallest GS v 0 image drawn (2 m of paper); a taller one is skipped, never allocated.
MAX_RASTER_ROWS: Final = 16384
#: Largest NUL-terminated barcode payload (GS k m = 0..6) before the command is dropped.
MAX_NUL_BARCODE: Final = 255
_NEED_MORE: Final = 0
_CELL_W: Final = (12, 9)
_QR_LEVELS: Final = {48: "L", 49: "M", 50: "Q", 51: "H", 0: "L", 1: "M", 2: "Q", 3: "H"}

# Fixed-length ESC / GS / FS commands we accept and ignore (total length in bytes).
_ESC_IGNORED: Final = {
    ord(" "): 3, ord("%"): 3, ord("="): 3, ord("?"): 3, ord("R"): 3, ord("V"): 3, ord("{"): 3,
    ord("G"): 3, ord("U"): 3, ord("T"): 3, ord("e"): 3, ord("r"): 3, ord("u"): 3, ord("$"): 4,
    ord("\\"): 4, ord("L"): 2, ord("S"): 2, ord("<"): 2, ord("W"): 10, ord("v"): 2,
    ord("c"): 4,
}
_GS_IGNORED: Final = {
    ord("f"): 3, ord("b"): 3, ord("T"): 3, ord("/"): 3, ord("P"): 4, ord("$"): 4, ord("\\"): 4,
    ord("E"): 3, ord("^"): 5, ord("g"): 4, ord("j"): 3, ord("z"): 3, ord(":"): 2,
}
_FS_IGNORED: Final = {ord("."): 2, ord("&"): 2, ord("C"): 3, ord("!"): 3, ord("-"): 3,
                      ord("W"): 3, ord("S"): 4}


class Interpreter:
    """ESC/POS parser with character and layout state. Call :meth:`feed` with any chunks."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._skip = 0
        self._fsq_left = 0  # logos still to read after FS q n
        self._fsq_number = 0
        self.rejected = 0
        self.reset()

    # -- state ----------------------------------------------------------------------------------

    def reset(self) -> None:
        """ESC @: modes back to power-on defaults (the line buffer is cleared)."""
        self.font = 0
        self.bold = False
        self.underline = 0
        self.scale_w = 1
        self.scale_h = 1
        self.invert = False
        self.align = 0
        self.spacing = DEFAULT_LINE_SPACING
        self.codepage = 0
        self.left = 0
        self.width = DOTS_PER_LINE
        self.barcode_height = 162
        self.barcode_module = 3
        self.hri = 0
        self.qr_module = 3
        self.qr_level = "L"
        self.qr_data = b""
        self.graphics: tuple[bytes, int, int] | None = None  # GS ( L fn 112 buffer
        self._graphics_scale = (1, 1)
        self._line: list[Char] = []
        self._line_width = 0

    @property
    def area(self) -> Area:
        """The current print area and alignment."""
        left = min(self.left, DOTS_PER_LINE - 1)
        return Area(self.align, left, max(1, min(self.width, DOTS_PER_LINE - left)))

    @property
    def pending_text(self) -> str:
        """Characters received but not yet printed (no LF yet)."""
        return "".join(c.ch for c in self._line)

    # -- feeding ----------------------------------------------------------------------------------

    def feed(self, data: bytes) -> list[Event]:
        """Consume ``data``; return the events of every command it completed."""
        out: list[Event] = []
        self._buf += data
        pos = 0
        buf = self._buf
        n = len(buf)
        while pos < n:
            if self._skip:
                k = min(self._skip, n - pos)
                self._skip -= k
                pos += k
                continue
            used = self._fsq_step(buf, pos, out) if self._fsq_left else self._step(buf, pos, out)
            if used == _NEED_MORE:
                break
            pos += used
        del buf[:pos]
        return out

    def _char(self, b: int, out: list[Event]) -> None:
        codec = CODEPAGES.get(self.codepage, "cp437")
        ch = bytes((b,)).decode(codec, errors="replace")
        if ch == "\ufffd":
            ch = "?"
        w = _CELL_W[self.font] * self.scale_w
        if self._line and self._line_width + w > self.area.width:
            self._print_line(out)
        self._line.append(Char(ch, self.font, self.bold, self.underline, self.scale_w,
                               self.scale_h, self.invert))
        self._line_width += w

    def _print_line(self, out: list[Event], always: bool = True) -> None:
        """Print the line buffer (LF semantics). ``always`` False: only if it holds text."""
        if not self._line and not always:
            return
        if self._line:
            out.append(TextLine(tuple(self._line), self.area, self.spacing))
        else:
            out.append(Feed(max(self.spacing, (24 if self.font == 0 else 17) * self.scale_h)))
        self._line = []
        self._line_width = 0

    def _step(self, buf: bytearray, pos: int, out: list[Event]) -> int:
        b = buf[pos]
        avail = len(buf) - pos
        if b >= 0x20:
            self._char(b, out)
            return 1
        if b == 0x0A:
            self._print_line(out)
            return 1
        if b == 0x09:  # HT: tab stops every 8 characters (power-on default)
            # At most 8 spaces: when the area holds fewer than 8 characters (narrow GS W, wide
            # GS !) the line wraps before any tab stop, and an open loop never ended (found
            # by tests/fuzz, regression in tests/fuzz/test_regressions.py).
            for _ in range(8):
                self._char(0x20, out)
                if len(self._line) % 8 == 0:
                    break
            return 1
        if b == 0x10:
            return self._dle(buf, pos, avail, out)
        if b == 0x1B:
            return self._esc(buf, pos, avail, out)
        if b == 0x1D:
            return self._gs(buf, pos, avail, out)
        if b == 0x1C:
            return self._fs(buf, pos, avail, out)
        return 1  # CR, FF, CAN, NUL and other control bytes: ignored

    # -- DLE --------------------------------------------------------------------------------------

    def _dle(self, buf: bytearray, pos: int, avail: int, out: list[Event]) -> int:
        if avail < 2:
            return _NEED_MORE
        cmd = buf[pos + 1]
        if cmd == 0x04:  # DLE EOT n
            if avail < 3:
                return _NEED_MORE
            out.append(StatusRequest("dle_eot", buf[pos + 2]))
            return 3
        if cmd == 0x05:  # DLE ENQ n
            if avail < 3:
                return _NEED_MORE
            out.append(Recover(buf[pos + 2]))
            return 3
        if cmd == 0x14:  # DLE DC4 fn m t (fn 1: pulse)
            if avail < 5:
                return _NEED_MORE
            if buf[pos + 2] == 1:
                out.append(DrawerPulse(buf[pos + 3], buf[pos + 4] * 100, buf[pos + 4] * 100))
            return 5
        return 2

    # -- ESC --------------------------------------------------------------------------------------

    def _esc(self, buf: bytearray, pos: int, avail: int, out: list[Event]) -> int:
        if avail < 2:
            return _NEED_MORE
        cmd = buf[pos + 1]
        if cmd == 0x40:  # ESC @
            self.reset()
            return 2
        if cmd == 0x32:  # ESC 2
            self.spacing = DEFAULT_LINE_SPACING
            return 2
        if cmd in (0x69, 0x6D):  # ESC i / ESC m: old full / partial cut
            self._print_line(out, always=False)
            out.append(CutEvent(cmd == 0x6D, 0))
            return 2
        if cmd == 0x70:  # ESC p m t1 t2
            if avail < 5:
                return _NEED_MORE
            out.append(DrawerPulse(buf[pos + 2] & 1, buf[pos + 3] * 2, buf[pos + 4] * 2))
            return 5
        if cmd == 0x2A:  # ESC * m nL nH d...
            if avail < 5:
                return _NEED_MORE
            m, cols = buf[pos + 2], buf[pos + 3] | buf[pos + 4] << 8
            per_col = 1 if m in (0, 1) else 3
            total = 5 + cols * per_col
            if avail < total:
                return _NEED_MORE
            if m in (0, 1, 32, 33) and cols:
                self._print_line(out, always=False)
                out.append(_column_image(bytes(buf[pos + 5:pos + total]), cols, per_col,
                                         2 if m in (0, 32) else 1, self.area))
            return total
        if cmd == 0x44:  # ESC D n1..nk NUL: tab positions
            end = buf.find(0, pos + 2, pos + 2 + 33)
            if end < 0:
                return _NEED_MORE if avail < 35 else 2
            return end - pos + 1
        if cmd in _ESC_IGNORED:
            size = _ESC_IGNORED[cmd]
            return size if avail >= size else _NEED_MORE
        if cmd not in (0x21, 0x45, 0x2D, 0x4D, 0x61, 0x33, 0x4A, 0x64, 0x74):
            return 2
        if avail < 3:
            return _NEED_MORE
        n = buf[pos + 2]
        if cmd == 0x21:  # ESC ! n
            self.font = n & 1
            self.bold = bool(n & 0x08)
            self.scale_h = 2 if n & 0x10 else 1
            self.scale_w = 2 if n & 0x20 else 1
            self.underline = 1 if n & 0x80 else 0
        elif cmd == 0x45:  # ESC E n
            self.bold = bool(n & 1)
        elif cmd == 0x2D:  # ESC - n
            self.underline = {0: 0, 1: 1, 2: 2, 48: 0, 49: 1, 50: 2}.get(n, self.underline)
        elif cmd == 0x4D:  # ESC M n
            self.font = 1 if n in (1, 49) else 0
        elif cmd == 0x61:  # ESC a n
            self.align = {0: 0, 1: 1, 2: 2, 48: 0, 49: 1, 50: 2}.get(n, self.align)
        elif cmd == 0x33:  # ESC 3 n
            self.spacing = n
        elif cmd == 0x4A:  # ESC J n
            self._print_line(out, always=False)
            out.append(Feed(n))
        elif cmd == 0x64:  # ESC d n
            self._print_line(out, always=False)
            out.append(Feed(n * self.spacing))
        else:  # ESC t n
            self.codepage = n
        return 3

    # -- GS ---------------------------------------------------------------------------------------

    def _gs(self, buf: bytearray, pos: int, avail: int, out: list[Event]) -> int:
        if avail < 2:
            return _NEED_MORE
        cmd = buf[pos + 1]
        if cmd == 0x56:  # GS V m [n]
            if avail < 3:
                return _NEED_MORE
            m = buf[pos + 2]
            if m in (0, 1, 48, 49):
                self._print_line(out, always=False)
                out.append(CutEvent(m in (1, 49), 0))
                return 3
            if m in (65, 66, 97, 98, 103, 104):
                if avail < 4:
                    return _NEED_MORE
                self._print_line(out, always=False)
                out.append(CutEvent(m in (66, 98, 104), buf[pos + 3]))
                return 4
            return 3
        if cmd == 0x76:  # GS v 0 m xL xH yL yH d...
            if avail < 8:
                return _NEED_MORE
            if buf[pos + 2] != 0x30:
                return 3
            m = buf[pos + 3]
            x = buf[pos + 4] | buf[pos + 5] << 8
            y = buf[pos + 6] | buf[pos + 7] << 8
            k = x * y
            if x == 0 or y == 0 or k > MAX_DATA or y > MAX_RASTER_ROWS:
                self.rejected += 1
                out.append(Rejected("GS v 0", f"x={x} y={y}: empty, over {MAX_DATA} bytes "
                                              f"or over {MAX_RASTER_ROWS} rows"))
                self._skip = k
                return 8
            if avail < 8 + k:
                return _NEED_MORE
            self._print_line(out, always=False)
            out.append(Raster(bytes(buf[pos + 8:pos + 8 + k]), x, y, 2 if m & 1 else 1,
                              2 if m & 2 else 1, self.area))
            return 8 + k
        if cmd == 0x28:  # GS ( X pL pH ...
            if avail < 5:
                return _NEED_MORE
            p = buf[pos + 3] | buf[pos + 4] << 8
            if avail < 5 + p:
                return _NEED_MORE
            body = bytes(buf[pos + 5:pos + 5 + p])
            if buf[pos + 2] == 0x6B:
                self._gs_k_2d(body, out)
            elif buf[pos + 2] == 0x4C:
                self._gs_l(body, out)
            return 5 + p
        if cmd == 0x38:  # GS 8 L p1..p4 m fn ...: accepted, not drawn
            if avail < 7:
                return _NEED_MORE
            p = int.from_bytes(buf[pos + 3:pos + 7], "little")
            if p > MAX_DATA:
                self.rejected += 1
                out.append(Rejected("GS 8 L", f"{p} bytes over the cap"))
                self._skip = p
                return 7
            return 7 + p if avail >= 7 + p else _NEED_MORE
        if cmd == 0x6B:  # GS k m ...
            return self._gs_k(buf, pos, avail, out)
        if cmd == 0x2A:  # GS * x y d...: define downloaded bit image (not drawn)
            if avail < 4:
                return _NEED_MORE
            total = 4 + buf[pos + 2] * buf[pos + 3] * 8
            return total if avail >= total else _NEED_MORE
        if cmd in (0x4C, 0x57):  # GS L / GS W nL nH
            if avail < 4:
                return _NEED_MORE
            value = buf[pos + 2] | buf[pos + 3] << 8
            if cmd == 0x4C:
                self.left = min(value, DOTS_PER_LINE - 1)
            else:
                self.width = max(1, min(value, DOTS_PER_LINE))
            return 4
        if cmd in _GS_IGNORED:
            size = _GS_IGNORED[cmd]
            return size if avail >= size else _NEED_MORE
        if avail < 3:
            return _NEED_MORE if cmd in (0x21, 0x42, 0x68, 0x77, 0x48, 0x72, 0x61, 0x49) else 2
        n = buf[pos + 2]
        if cmd == 0x21:  # GS ! n
            self.scale_w = min(8, (n >> 4 & 7) + 1)
            self.scale_h = min(8, (n & 7) + 1)
        elif cmd == 0x42:  # GS B n
            self.invert = bool(n & 1)
        elif cmd == 0x68:  # GS h n
            self.barcode_height = max(1, n)
        elif cmd == 0x77:  # GS w n
            if 1 <= n <= 6:
                self.barcode_module = n
        elif cmd == 0x48:  # GS H n
            self.hri = n & 3 if n < 4 else (n - 48) & 3
        elif cmd == 0x72:  # GS r n
            out.append(StatusRequest("gs_r", n))
        elif cmd == 0x61:  # GS a n
            out.append(AutoStatus(n))
        elif cmd == 0x49:  # GS I n
            out.append(StatusRequest("gs_i", n))
        else:
            return 2
        return 3

    def _gs_k(self, buf: bytearray, pos: int, avail: int, out: list[Event]) -> int:
        if avail < 3:
            return _NEED_MORE
        m = buf[pos + 2]
        if m <= 6:  # function A: NUL-terminated
            end = buf.find(0, pos + 3, pos + 3 + MAX_NUL_BARCODE + 1)
            if end < 0:
                if avail < 3 + MAX_NUL_BARCODE + 1:
                    return _NEED_MORE
                self.rejected += 1
                out.append(Rejected("GS k", "no NUL within 255 bytes"))
                return 3
            data, used = bytes(buf[pos + 3:end]), end - pos + 1
            kind = {0: 65, 1: 66, 2: 67, 3: 68, 4: 69, 5: 70, 6: 71}[m]
        elif 65 <= m <= 79:
            if avail < 4:
                return _NEED_MORE
            n = buf[pos + 3]
            if avail < 4 + n:
                return _NEED_MORE
            data, used, kind = bytes(buf[pos + 4:pos + 4 + n]), 4 + n, m
        else:
            return 3
        self._print_line(out, always=False)
        out.append(BarcodeEvent(kind, data, self.barcode_height, self.barcode_module, self.hri,
                                self.area))
        return used

    def _gs_k_2d(self, body: bytes, out: list[Event]) -> None:
        """GS ( k: cn = 49 QR functions 165/167/169/180/181 (§2.5); others accepted, ignored."""
        if len(body) < 2 or body[0] != 0x31:
            return
        fn = body[1]
        if fn == 0x43 and len(body) >= 3 and 1 <= body[2] <= 16:
            self.qr_module = body[2]
        elif fn == 0x45 and len(body) >= 3:
            self.qr_level = _QR_LEVELS.get(body[2], self.qr_level)
        elif fn == 0x50 and len(body) >= 3:
            self.qr_data = body[3:]
        elif fn == 0x51:
            self._print_line(out, always=False)
            if self.qr_data:
                out.append(QRCode(self.qr_data, self.qr_module, self.qr_level, self.area))

    def _gs_l(self, body: bytes, out: list[Event]) -> None:
        """GS ( L: fn 112 store raster graphics, fn 50 print it (what python-escpos sends)."""
        if len(body) < 2 or body[0] != 0x30:
            return
        fn = body[1]
        if fn in (112, 0x70) and len(body) >= 10:
            bx, by = body[3], body[4]
            x = body[6] | body[7] << 8
            y = body[8] | body[9] << 8
            width_bytes = (x + 7) // 8
            data = body[10:10 + width_bytes * y]
            if x and y and len(data) == width_bytes * y:
                self.graphics = (data, width_bytes, y)
                self._graphics_scale = (max(1, min(bx, 2)), max(1, min(by, 2)))
            else:
                self.rejected += 1
                out.append(Rejected("GS ( L fn 112", "data length ≠ x·y"))
        elif fn in (50, 2) and self.graphics is not None:
            self._print_line(out, always=False)
            data, width_bytes, y = self.graphics
            sw, sh = self._graphics_scale
            out.append(Raster(data, width_bytes, y, sw, sh, self.area))

    # -- FS ---------------------------------------------------------------------------------------

    def _fs(self, buf: bytearray, pos: int, avail: int, out: list[Event]) -> int:
        if avail < 2:
            return _NEED_MORE
        cmd = buf[pos + 1]
        if cmd == 0x70:  # FS p n m
            if avail < 4:
                return _NEED_MORE
            self._print_line(out, always=False)
            out.append(LogoPrint(buf[pos + 2], buf[pos + 3] & 3, self.area))
            return 4
        if cmd == 0x71:  # FS q n [xL xH yL yH d...] × n
            if avail < 3:
                return _NEED_MORE
            self._fsq_left = buf[pos + 2]
            self._fsq_number = 0
            return 3
        if cmd in _FS_IGNORED:
            size = _FS_IGNORED[cmd]
            return size if avail >= size else _NEED_MORE
        return 2

    def _fsq_step(self, buf: bytearray, pos: int, out: list[Event]) -> int:
        """One logo of FS q: x × 8 dots wide, y × 8 dots high, column-format data."""
        avail = len(buf) - pos
        if avail < 4:
            return _NEED_MORE
        x = buf[pos] | buf[pos + 1] << 8
        y = buf[pos + 2] | buf[pos + 3] << 8
        k = x * y * 8
        self._fsq_number += 1
        if k == 0 or k > MAX_DATA or x > 1023 or y > 288:  # FS q ranges: x 1..1023, y 1..288
            self._fsq_left -= 1
            self.rejected += 1
            out.append(Rejected("FS q", f"logo {self._fsq_number}: {x}×{y} out of range"))
            self._skip = k
            return 4
        if avail < 4 + k:
            self._fsq_number -= 1
            return _NEED_MORE
        self._fsq_left -= 1
        out.append(_logo_from_columns(self._fsq_number, bytes(buf[pos + 4:pos + 4 + k]), x, y))
        return 4 + k


def _column_image(data: bytes, cols: int, per_col: int, scale_w: int, area: Area) -> Raster:
    """ESC *: column data (per column ``per_col`` bytes top-down, MSB on top) -> raster rows."""
    height = per_col * 8
    width_bytes = (cols + 7) // 8
    rows = [bytearray(width_bytes) for _ in range(height)]
    for c in range(cols):
        for j in range(per_col):
            byte = data[c * per_col + j]
            if not byte:
                continue
            for bit in range(8):
                if byte & (0x80 >> bit):
                    rows[j * 8 + bit][c >> 3] |= 0x80 >> (c & 7)
    scale_h = 2 if per_col == 1 else 1  # 8-dot modes are 60 dpi vertically on Epson
    return Raster(b"".join(rows), width_bytes, height, scale_w, scale_h, area)


def _logo_from_columns(number: int, data: bytes, x: int, y: int) -> LogoDefine:
    """FS q data: x·8 columns, each y bytes top-down (MSB on top) -> raster rows."""
    width, height = x * 8, y * 8
    width_bytes = x
    rows = [bytearray(width_bytes) for _ in range(height)]
    for c in range(width):
        for j in range(y):
            byte = data[c * y + j]
            if not byte:
                continue
            for bit in range(8):
                if byte & (0x80 >> bit):
                    rows[j * 8 + bit][c >> 3] |= 0x80 >> (c & 7)
    return LogoDefine(number, b"".join(rows), width_bytes, height)
