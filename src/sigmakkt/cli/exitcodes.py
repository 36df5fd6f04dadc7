"""Exit codes of the ``sigmakkt`` command, which scripts can rely on.

The table is part of the public surface (``docs/cli.rst`` prints it from :data:`EXIT_CODES`):
codes never change meaning; new ones are only added.
"""

from __future__ import annotations

from enum import IntEnum

from sigmakkt.errors import (
    DeviceError,
    MissingDependency,
    OutcomeUnknown,
    ProtocolError,
    SigmaKKTError,
    TransportError,
    ValidationError,
)


class ExitCode(IntEnum):
    """Process exit status of ``sigmakkt``."""

    OK = 0                  # done
    FAILURE = 1             # unexpected internal error (a bug: please report it)
    USAGE = 2               # bad command line, unreadable input or config file
    VALIDATION = 3          # input refused before anything was sent to a device
    DEVICE_REFUSED = 4      # the FN or the printer refused (FN answer code, paper out, cover…)
    LINK = 5                # transport failure: port busy, timeout, disconnected, OFD unreachable
    OUTCOME_UNKNOWN = 6     # a fiscal document may or may not be signed: check `sigmakkt status`
    PROTOCOL = 7            # garbled answer (CRC/frame/decode error)
    MISSING_DEPENDENCY = 8  # an optional extra is not installed (the message names it)
    NOT_IMPLEMENTED = 9     # the command is not available in this version or on this device


#: One line per code, for ``--help`` and the docs.
EXIT_CODES: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.FAILURE: "unexpected internal error (please report it)",
    ExitCode.USAGE: "bad command line, unreadable input file or configuration",
    ExitCode.VALIDATION: "input refused before anything was sent to a device",
    ExitCode.DEVICE_REFUSED: "the FN or the printer refused (answer code, paper out, cover open)",
    ExitCode.LINK: "link failure: port busy, timeout, disconnected, OFD unreachable",
    ExitCode.OUTCOME_UNKNOWN: "a fiscal document may or may not have been signed; "
    "run `sigmakkt status` before retrying",
    ExitCode.PROTOCOL: "garbled answer from a device (frame, CRC or decode error)",
    ExitCode.MISSING_DEPENDENCY: "an optional extra is missing (the message names it)",
    ExitCode.NOT_IMPLEMENTED: "not available in this version or on this device",
}


class UsageError(Exception):
    """Bad command-line input detected by the CLI itself (exit code 2)."""


def exit_code_for(exc: BaseException) -> ExitCode:
    """Map an exception to the exit code scripts see. Order matters: OutcomeUnknown wins over
    TransportError (``AnswerLost`` is both)."""
    if isinstance(exc, UsageError):
        return ExitCode.USAGE
    if isinstance(exc, OutcomeUnknown):
        return ExitCode.OUTCOME_UNKNOWN
    if isinstance(exc, ValidationError):
        return ExitCode.VALIDATION
    if isinstance(exc, MissingDependency):
        return ExitCode.MISSING_DEPENDENCY
    if isinstance(exc, DeviceError):
        return ExitCode.DEVICE_REFUSED
    if isinstance(exc, TransportError):
        return ExitCode.LINK
    if isinstance(exc, ProtocolError):
        return ExitCode.PROTOCOL
    if isinstance(exc, NotImplementedError):
        return ExitCode.NOT_IMPLEMENTED
    if isinstance(exc, SigmaKKTError):
        return ExitCode.FAILURE
    return ExitCode.FAILURE
