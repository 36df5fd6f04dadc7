"""1D barcode symbologies the emulator draws: CODE128 (ESC/POS code-set syntax), EAN-13, EAN-8,
UPC-A. Each returns the module pattern as a string of ``1`` (bar) and ``0`` (space).

Bar/space widths of CODE128 are those of ISO/IEC 15417 (values 0..105, stop 2331112); EAN/UPC
digit codes and first-digit parity of ISO/IEC 15420. The ESC/POS CODE128 data syntax (``{A``,
``{B``, ``{C`` code-set selectors, ``{S`` shift, ``{1``..``{4`` FNC, ``{{`` a brace; code set C
takes one byte per digit pair, value 0..99) is Epson's GS k m = 73.
"""

from __future__ import annotations

from typing import Final

_C128_WIDTHS: Final = (  # values 0..105
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232",
)
_C128_STOP: Final = "2331112"
_START: Final = {"A": 103, "B": 104, "C": 105}

_EAN_L: Final = ("0001101", "0011001", "0010011", "0111101", "0100011",
                 "0110001", "0101111", "0111011", "0110111", "0001011")
_EAN_R: Final = tuple("".join("1" if b == "0" else "0" for b in code) for code in _EAN_L)
_EAN_G: Final = tuple(code[::-1] for code in _EAN_R)
_EAN13_PARITY: Final = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                        "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")


def _widths_to_modules(widths: str) -> str:
    return "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(widths))


def code128_values(data: bytes) -> list[int]:
    """Symbol values (start .. data .. checksum, no stop) for ESC/POS CODE128 data."""
    if len(data) < 2 or data[0] != ord("{") or chr(data[1]) not in _START:
        raise ValueError("CODE128 data must start with {A, {B or {C")
    code = chr(data[1])
    values = [_START[code]]
    i = 2
    while i < len(data):
        b = data[i]
        if b == ord("{") and i + 1 < len(data):
            sel = chr(data[i + 1])
            i += 2
            if sel in "ABC":
                if sel != code:
                    values.append({"A": 101, "B": 100, "C": 99}[sel])
                    code = sel
            elif sel == "S":
                values.append(98)
            elif sel == "1":
                values.append(102)
            elif sel == "2":
                values.append(97)
            elif sel == "3":
                values.append(96)
            elif sel == "4":
                values.append(101 if code == "A" else 100)
            elif sel == "{":
                values.append(_value(ord("{"), code))
            else:
                raise ValueError(f"unknown CODE128 selector {{{sel}")
            continue
        values.append(_value(b, code))
        i += 1
    checksum = (values[0] + sum(k * v for k, v in enumerate(values[1:], start=1))) % 103
    values.append(checksum)
    return values


def _value(b: int, code: str) -> int:
    if code == "C":
        if b > 99:
            raise ValueError("code set C takes values 0..99")
        return b
    if code == "A":
        if b < 32:
            return b + 64
        if b < 96:
            return b - 32
    elif 32 <= b < 128:
        return b - 32
    raise ValueError(f"byte {b:#x} is not in code set {code}")


def code128(data: bytes) -> str:
    """Module pattern of a CODE128 symbol (quiet zones not included)."""
    values = code128_values(data)
    return "".join(_widths_to_modules(_C128_WIDTHS[v]) for v in values) + \
        _widths_to_modules(_C128_STOP)


def code128_text(data: bytes) -> str:
    """The human-readable text of ESC/POS CODE128 data (selectors removed)."""
    out = []
    i = 2
    code = chr(data[1]) if len(data) > 1 else "B"
    while i < len(data):
        if data[i] == ord("{") and i + 1 < len(data):
            if chr(data[i + 1]) in "ABC":
                code = chr(data[i + 1])
            elif data[i + 1] == ord("{"):
                out.append("{")
            i += 2
            continue
        out.append(f"{data[i]:02d}" if code == "C" else chr(data[i]))
        i += 1
    return "".join(out)


def ean_check_digit(digits: str) -> int:
    """EAN/UPC check digit: weights 3, 1 alternating from the right of the data digits."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def ean13(digits: str) -> tuple[str, str]:
    """(module pattern, 13-digit text) of EAN-13 from 12 or 13 digits (check digit verified)."""
    if not (digits.isascii() and digits.isdigit() and len(digits) in (12, 13)):
        raise ValueError("EAN-13 needs 12 or 13 digits")
    full = digits[:12] + str(ean_check_digit(digits[:12]))
    if len(digits) == 13 and digits != full:
        raise ValueError("EAN-13 check digit is wrong")
    parity = _EAN13_PARITY[int(full[0])]
    left = "".join((_EAN_L if p == "L" else _EAN_G)[int(d)] for p, d in zip(parity, full[1:7],
                                                                          strict=True))
    right = "".join(_EAN_R[int(d)] for d in full[7:])
    return "101" + left + "01010" + right + "101", full


def ean8(digits: str) -> tuple[str, str]:
    """(module pattern, 8-digit text) of EAN-8 from 7 or 8 digits."""
    if not (digits.isascii() and digits.isdigit() and len(digits) in (7, 8)):
        raise ValueError("EAN-8 needs 7 or 8 digits")
    full = digits[:7] + str(ean_check_digit(digits[:7]))
    if len(digits) == 8 and digits != full:
        raise ValueError("EAN-8 check digit is wrong")
    left = "".join(_EAN_L[int(d)] for d in full[:4])
    right = "".join(_EAN_R[int(d)] for d in full[4:])
    return "101" + left + "01010" + right + "101", full


def modules_for(kind: int, data: bytes) -> tuple[str, str]:
    """(module pattern, human-readable text) for GS k symbology ``kind`` (65..73)."""
    text = data.decode("ascii", errors="replace")
    if kind == 73:
        return code128(data), code128_text(data)
    if kind == 67:
        return ean13(text)
    if kind == 68:
        return ean8(text)
    if kind == 65:  # UPC-A = EAN-13 with a leading 0
        pattern, full = ean13("0" + text)
        return pattern, full[1:]
    raise NotImplementedError(f"GS k symbology {kind} is not drawn by the emulator")
