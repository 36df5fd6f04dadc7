"""Transports: bytes to and from a device over serial, TCP, USB, Bluetooth LE or in-process.

``open_transport(url)`` picks one by the URL scheme (see the URL table in the docs).
"""

from sigmakkt.transport.base import Transport
from sigmakkt.transport.url import make_transport, open_transport

__all__ = ["Transport", "make_transport", "open_transport"]
