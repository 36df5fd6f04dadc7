"""Resolve an unknown outcome: did the FN sign the document whose answer was lost?

Before Begin the Register notes the FN's last FD number (30h). When an answer of the document
is lost (the FN client raises :class:`~sigmakkt.errors.AnswerLost` after its ENQ resends), it
asks the FN (30h: last FD, the document being built; 40h: the new document's summary):

* a new FD exists → it is ours only if its type, operation and total are the ones asked for;
  then the signed document is returned (never signed twice). Any other new document raises
  :class:`~sigmakkt.errors.DocumentMismatch`.
* no new FD → any open document is cancelled (06h) and
  :class:`~sigmakkt.errors.DocumentNotSigned` is raised: repeating the operation is safe.

If the FN cannot be asked either (the link is down), the original
:class:`~sigmakkt.errors.OutcomeUnknown` stands; the next operation (or ``connect()``) runs
:func:`cancel_open_document` first, and :meth:`Register.document` reads what was signed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sigmakkt.errors import (
    Disconnected,
    DocumentMismatch,
    DocumentNotSigned,
    OutcomeUnknown,
    TransportError,
)
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.protocol.fn.commands import CANCEL_DOCUMENT, GET_STATUS, FNStatus, FoundDocument
from sigmakkt.protocol.fn.enums import DocumentCode
from sigmakkt.register.archive import find_document

log = logging.getLogger("sigmakkt.register")

#: How many times the FN is asked before the outcome is declared unknown.
ASK_ATTEMPTS = 3


@dataclass(frozen=True)
class Expected:
    """What the interrupted document should look like once signed."""

    what: str                                   #: "receipt", "shift-open report" …
    matches: Callable[[FoundDocument], bool]    #: type / operation / total check


def ask_status(fn: FiscalStorage, attempts: int = ASK_ATTEMPTS) -> FNStatus:
    """30h, retried (reconnecting after a dropped link); raises the last transport error."""
    error: TransportError | None = None
    for _ in range(attempts):
        try:
            return fn.execute(GET_STATUS)
        except Disconnected as exc:
            error = exc
            try:
                fn.reconnect()
            except TransportError as again:
                error = again
        except TransportError as exc:
            error = exc
    assert error is not None
    raise error


def resolve(fn: FiscalStorage, before_fd: int, expected: Expected,
            cause: OutcomeUnknown) -> FoundDocument:
    """Return the signed document ``expected`` describes, or cancel and raise (see module)."""
    try:
        status = ask_status(fn)
    except TransportError as exc:
        raise OutcomeUnknown(
            f"the answer for the {expected.what} was lost and the FN cannot be asked now "
            f"({exc}); do not repeat the operation: reconnect and check status() / "
            f"document({before_fd + 1}) first") from cause
    if status.last_fd > before_fd:
        found = find_document(fn, before_fd + 1)
        if status.last_fd == before_fd + 1 and expected.matches(found):
            log.warning("lost answer for the %s: the FN had signed it as FD %d; recovered",
                        expected.what, found.fd)
            return found
        raise DocumentMismatch(
            f"the answer for the {expected.what} was lost and the FN now holds FD "
            f"{before_fd + 1}..{status.last_fd}, which do not match it; read them with "
            "document(number) before doing anything else") from cause
    if status.document != DocumentCode.NONE:
        fn.execute(CANCEL_DOCUMENT)
        log.warning("lost answer for the %s: the FN had not signed it; cancelled",
                    expected.what)
    raise DocumentNotSigned(
        f"the {expected.what} was not signed (an answer from the FN was lost: {cause}); "
        "nothing was fiscalised and it is safe to repeat it", cause)


def cancel_open_document(fn: FiscalStorage) -> bool:
    """Cancel a document a previous run left open (30h says one is being built)."""
    status = fn.execute(GET_STATUS)
    if status.document == DocumentCode.NONE:
        return False
    log.warning("the FN had an unfinished document (%s) from an earlier run; cancelled it",
                getattr(status.document, "name", status.document))
    fn.execute(CANCEL_DOCUMENT)
    return True
