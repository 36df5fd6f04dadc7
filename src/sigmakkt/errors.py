"""The one error hierarchy of sigmakkt.

Every exception the library raises on purpose is a :class:`SigmaKKTError`. The four branches say
where the fault lies: the link (:class:`TransportError`), the bytes (:class:`ProtocolError`), the
device (:class:`DeviceError`) or the caller's input (:class:`ValidationError`, raised before
anything is sent). Messages say what happened and what to do.
"""

from __future__ import annotations

from typing import Any


class SigmaKKTError(Exception):
    """Base of every error sigmakkt raises."""


# --- link ----------------------------------------------------------------------------------


class TransportError(SigmaKKTError):
    """The link to a device failed (nothing about the device's own state is known)."""


class TransportTimeout(TransportError, TimeoutError):
    """No bytes arrived before the deadline."""


class Disconnected(TransportError, ConnectionError):
    """The link was closed by the other side or lost."""


class PortBusy(TransportError):
    """The port is held by another program; close that program or pick another port."""


class MissingDependency(SigmaKKTError, ImportError):
    """An optional extra is not installed; the message names the ``pip install`` to run."""

    def __init__(self, extra: str, package: str) -> None:
        super().__init__(
            f"this needs the optional package {package!r}: run  pip install 'sigmakkt[{extra}]'"
        )
        self.extra = extra
        self.package = package


# --- bytes ---------------------------------------------------------------------------------


class ProtocolError(SigmaKKTError):
    """Bytes on the link do not form what the protocol allows."""


class FrameError(ProtocolError):
    """A frame is malformed (bad length, truncated, unexpected command).

    Raised by a streaming decoder after it consumed a whole chunk: ``frames`` holds the good
    frames decoded from that chunk, ``count`` how many bad frames it met.
    """

    frames: list[Any]
    count: int

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.frames = []
        self.count = 1


class CRCError(FrameError):
    """A frame's checksum does not match its contents."""


class DecodeError(ProtocolError, ValueError):
    """A structure (command answer, TLV, container) cannot be decoded."""


# --- device --------------------------------------------------------------------------------


class DeviceError(SigmaKKTError):
    """The device answered, and refused or failed the operation."""


class FNError(DeviceError):
    """The fiscal storage answered with a non-zero answer code.

    ``code`` is the answer code (an int), ``name`` its symbolic name, ``advice`` what to do.
    Subclasses per answer code live in :mod:`sigmakkt.fn.errors`.
    """

    def __init__(self, code: int, name: str, description: str, advice: str = "",
                 extra: bytes = b"") -> None:
        msg = f"FN answered {code:02X}h {name}: {description}"
        if advice:
            msg += f" — {advice}"
        super().__init__(msg)
        self.code = code
        self.name = name
        self.description = description
        self.advice = advice
        self.extra = extra


class PrinterError(DeviceError):
    """The printer cannot print now."""

    #: How much of the interrupted job reached the paper, in mm (set by the printer client).
    printed_mm: float = 0.0


class PaperOut(PrinterError):
    """The paper ran out; ``printed_mm`` says how much of the job reached the paper."""

    def __init__(self, message: str, printed_mm: float = 0.0) -> None:
        super().__init__(message)
        self.printed_mm = printed_mm


class CoverOpen(PrinterError):
    """The printer cover is open; close it and continue printing."""


class CutterError(PrinterError):
    """The autocutter jammed; clear the jam and continue printing."""


class PrinterOffline(PrinterError):
    """The printer reports it is offline or in an unrecoverable error."""


# --- input ---------------------------------------------------------------------------------


class ValidationError(SigmaKKTError, ValueError):
    """The caller's input is invalid; raised before anything is sent to a device.

    ``field`` names the offending field when one can be named.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class OutcomeUnknown(SigmaKKTError):
    """The link failed at a point where the device may or may not have acted.

    The register resolves this itself where it can (by asking the FN); this error reaches the
    caller only when the FN cannot be asked either. Ask ``status()`` once the link is back.
    """


class AnswerLost(TransportError, OutcomeUnknown):
    """A state-changing FN command was sent, but no valid answer came back even after the
    ENQ resends: the FN may or may not have executed it (raised by ``sigmakkt.fn``).

    ``code`` is the command code; ``reason`` is ``"timeout"``, ``"corrupt"`` or
    ``"disconnected"``. Read-only commands raise the plain transport error instead, since
    repeating them is harmless.
    """

    def __init__(self, message: str, code: int = 0, reason: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


# --- OFD exchange (sigmakkt.ofd) -----------------------------------------------------------------


class OFDUnavailable(TransportError):
    """The OFD server could not be reached, or stopped answering, after every reconnect attempt
    (raised by ``sigmakkt.ofd``). Nothing is lost: undelivered documents stay queued in the FN.
    ``report`` holds the :class:`sigmakkt.ofd.ExchangeReport` of the interrupted pass."""

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


# --- Register recovery (sigmakkt.register) --------------------------------------------------


class DocumentNotSigned(SigmaKKTError):
    """A fiscal document was interrupted (lost answer, FN error mid-document) and the register
    made sure the FN did not sign it: any half-built document was cancelled (06h). Nothing was
    fiscalised, so repeating the operation is safe. ``cause`` is the original error."""

    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class DocumentMismatch(OutcomeUnknown):
    """After a lost answer the FN holds a new signed document that is not the one asked for
    (another operation type or total): nothing can be assumed; check the archive."""


# --- ATOL JSON tasks (sigmakkt.atol) -----------------------------------------------------------


class Unsupported(ValidationError):
    """The input is valid for ATOL Driver 10 but asks for something sigmakkt does not implement
    (a task type or field); the message names it and says what is supported."""
