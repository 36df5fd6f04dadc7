"""The pure protocol tier: bytes to typed objects and back, with no I/O, clocks or threads.

Sub-packages: :mod:`~sigmakkt.protocol.fn` (KKT–FN frames and commands),
:mod:`~sigmakkt.protocol.ffd` (FFD TLV documents), :mod:`~sigmakkt.protocol.ofd` (KKT–OFD
session header and container), :mod:`~sigmakkt.protocol.escpos` (printer bytes).
"""
