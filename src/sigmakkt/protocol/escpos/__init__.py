"""ESC/POS for the CAPD245 profile: a builder producing bytes, and status-reply parsers.

Pure (no I/O). See ``docs/printer.rst`` for the code page, QR sizing and status mapping.
"""

from sigmakkt.protocol.escpos.builder import (
    HRI,
    Align,
    Barcode,
    Cut,
    EscPos,
    Font,
    Piece,
    ean13_check_digit,
    image_to_raster,
)
from sigmakkt.protocol.escpos.qr import QRErrorLevel, QRSize, qr_size
from sigmakkt.protocol.escpos.status import (
    ErrorFlags,
    OfflineFlags,
    PaperSensorFlags,
    PrinterFlags,
    PrinterStatus,
    RollFlags,
    encode_dle_eot,
    encode_gs_r,
    parse_asb,
    parse_dle_eot,
    parse_gs_r,
)
from sigmakkt.protocol.escpos.text import CODEPAGE_PC866, ROUBLE, encode_text

__all__ = [
    "CODEPAGE_PC866",
    "HRI",
    "ROUBLE",
    "Align",
    "Barcode",
    "Cut",
    "ErrorFlags",
    "EscPos",
    "Font",
    "OfflineFlags",
    "PaperSensorFlags",
    "Piece",
    "PrinterFlags",
    "PrinterStatus",
    "QRErrorLevel",
    "QRSize",
    "RollFlags",
    "ean13_check_digit",
    "encode_dle_eot",
    "encode_gs_r",
    "encode_text",
    "image_to_raster",
    "parse_asb",
    "parse_dle_eot",
    "parse_gs_r",
    "qr_size",
]
