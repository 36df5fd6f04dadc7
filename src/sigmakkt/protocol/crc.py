"""CRC-16/CCITT-FALSE, the checksum of FN frames, OFD containers and the RNM check number.

Parameters (reveng catalogue name CRC-16/IBM-3740, a.k.a. CCITT-FALSE): poly 0x1021, init 0xFFFF,
no reflection, no final XOR; check value over ``b"123456789"`` is 0x29B1
(fn-protocol reference §1, §7, §10).
"""

from __future__ import annotations

from collections.abc import Callable

import crcmod

_crc16: Callable[[bytes], int] = crcmod.mkCrcFun(0x11021, initCrc=0xFFFF, rev=False, xorOut=0)


def crc16_ccitt_false(data: bytes | bytearray | memoryview) -> int:
    """Return the CRC-16/CCITT-FALSE of ``data`` as an int in 0..0xFFFF."""
    return _crc16(bytes(data))
