"""One :class:`~sigmakkt.errors.FNError` subclass per FN answer code.

Catch a specific condition by class (``except FNShiftExpired``) or any FN refusal by
``FNError``. Each instance carries ``code``, ``name``, ``description``, ``advice`` (what to do)
and ``extra`` (the answer's data bytes). :func:`fn_error_from_answer` builds the right one from
an answer code and its data, parsing the extra data the protocol defines (S2 Tables 4–5):

* 0Bh, 0Ch, 3Ch: Uint16 LE tag number → ``.tag``
* 0Dh (to 16h): payment bitmask → ``.missing_payments`` (:class:`PaymentTypeBits`)
* 20h: reason byte → ``.reason`` (:class:`OFDRejectReason`, or the int if unknown)

Extra data that is absent or malformed leaves these attributes ``None``; it never raises.
"""

from __future__ import annotations

from sigmakkt.errors import FNError
from sigmakkt.protocol.fn.codes import AnswerCode
from sigmakkt.protocol.fn.enums import OFDRejectReason, PaymentTypeBits

__all__ = [
    "ERROR_CLASSES",
    "FNArchiveFull",
    "FNBadTagValue",
    "FNCryptoFailure",
    "FNDuplicateTag",
    "FNError",
    "FNFFDModeMismatch",
    "FNFailure",
    "FNFormedTag",
    "FNInvalidParameter",
    "FNKMNotChecked",
    "FNKMTableFull",
    "FNKeyServiceRefused",
    "FNKeyServiceUnknownReply",
    "FNKeysOutdated",
    "FNLifetimeParameters",
    "FNMarkingBlocked",
    "FNMarkingNotEnabled",
    "FNMarkingSequence",
    "FNMissingCounterData",
    "FNMissingTag",
    "FNNoData",
    "FNNoTransport",
    "FNOFDTimeoutExceeded",
    "FNRepeatKeyUpdate",
    "FNReplyRejected",
    "FNResourceExhausted",
    "FNResourceLimit",
    "FNShiftExpired",
    "FNTLVSizeExceeded",
    "FNTagError",
    "FNTagRegistrationMismatch",
    "FNTimeDifference",
    "FNTooManyItems",
    "FNUnknownAnswer",
    "FNUnknownCommand",
    "FNWrongDateTime",
    "FNWrongState",
    "fn_error_from_answer",
]


class _FNAnswerError(FNError):
    """An FN error for a known answer code (``answer`` names it)."""

    answer: AnswerCode = AnswerCode.OK

    def __init__(self, extra: bytes = b"") -> None:
        extra = bytes(extra)
        self._parse_extra(extra)
        a = self.answer
        super().__init__(int(a), a.name, a.description_en + self._detail(), a.advice, extra)

    def _parse_extra(self, extra: bytes) -> None:
        """Hook: read the code-specific extra data."""

    def _detail(self) -> str:
        """Hook: a suffix for the description (e.g. the tag number)."""
        return ""


class FNTagError(_FNAnswerError):
    """Base of the errors whose extra data is a Uint16 tag number (0Bh, 0Ch, 3Ch)."""

    tag: int | None = None

    def _parse_extra(self, extra: bytes) -> None:
        self.tag = int.from_bytes(extra[:2], "little") if len(extra) >= 2 else None

    def _detail(self) -> str:
        return f" [tag {self.tag}]" if self.tag is not None else ""


class FNUnknownCommand(_FNAnswerError):
    answer = AnswerCode.UNKNOWN_COMMAND


class FNWrongState(_FNAnswerError):
    answer = AnswerCode.WRONG_STATE


class FNFailure(_FNAnswerError):
    answer = AnswerCode.FN_FAILURE


class FNCryptoFailure(_FNAnswerError):
    answer = AnswerCode.CRYPTO_FAILURE


class FNLifetimeParameters(_FNAnswerError):
    answer = AnswerCode.LIFETIME_PARAMETERS


class FNArchiveFull(_FNAnswerError):
    answer = AnswerCode.ARCHIVE_FULL


class FNWrongDateTime(_FNAnswerError):
    answer = AnswerCode.WRONG_DATETIME


class FNNoData(_FNAnswerError):
    answer = AnswerCode.NO_DATA


class FNInvalidParameter(_FNAnswerError):
    answer = AnswerCode.INVALID_PARAMETER


class FNFFDModeMismatch(_FNAnswerError):
    answer = AnswerCode.FFD_MODE_MISMATCH


class FNFormedTag(FNTagError):
    answer = AnswerCode.FN_FORMED_TAG


class FNDuplicateTag(FNTagError):
    answer = AnswerCode.DUPLICATE_TAG


class FNMissingCounterData(_FNAnswerError):
    """0Dh; on 16h the extra byte says which payment sums are missing."""

    answer = AnswerCode.MISSING_COUNTER_DATA
    missing_payments: PaymentTypeBits | None = None

    def _parse_extra(self, extra: bytes) -> None:
        self.missing_payments = PaymentTypeBits(extra[0]) if extra else None

    def _detail(self) -> str:
        if self.missing_payments is None:
            return ""
        names = [m.name for m in PaymentTypeBits if m in self.missing_payments and m.name]
        return f" [missing: {', '.join(names) or hex(self.missing_payments)}]"


class FNTooManyItems(_FNAnswerError):
    answer = AnswerCode.TOO_MANY_ITEMS


class FNTLVSizeExceeded(_FNAnswerError):
    answer = AnswerCode.TLV_SIZE_EXCEEDED


class FNNoTransport(_FNAnswerError):
    answer = AnswerCode.NO_TRANSPORT


class FNResourceExhausted(_FNAnswerError):
    answer = AnswerCode.RESOURCE_EXHAUSTED


class FNResourceLimit(_FNAnswerError):
    """14h: see the 30h warning flags for which limit (OFD timeout, memory, 30-day store)."""

    answer = AnswerCode.RESOURCE_LIMIT


class FNOFDTimeoutExceeded(_FNAnswerError):
    """15h (FN-1): a message for the OFD waited more than 30 days."""

    answer = AnswerCode.OFD_MESSAGE_EXPIRED


class FNShiftExpired(_FNAnswerError):
    answer = AnswerCode.SHIFT_EXPIRED


class FNTimeDifference(_FNAnswerError):
    answer = AnswerCode.TIME_DIFFERENCE


class FNBadTagValue(_FNAnswerError):
    answer = AnswerCode.BAD_TAG_VALUE


class FNTagRegistrationMismatch(_FNAnswerError):
    answer = AnswerCode.TAG_REGISTRATION_MISMATCH


class FNReplyRejected(_FNAnswerError):
    """20h: the OFD/OISM/OKP reply was not accepted; ``reason`` says why."""

    answer = AnswerCode.REPLY_REJECTED
    reason: OFDRejectReason | int | None = None

    def _parse_extra(self, extra: bytes) -> None:
        if not extra:
            self.reason = None
            return
        try:
            self.reason = OFDRejectReason(extra[0])
        except ValueError:
            self.reason = extra[0]

    def _detail(self) -> str:
        if self.reason is None:
            return ""
        label = self.reason.name if isinstance(self.reason, OFDRejectReason) else "unknown"
        return f" [reason {int(self.reason)} {label}]"


class FNKeyServiceRefused(_FNAnswerError):
    answer = AnswerCode.KEY_SERVICE_REFUSED


class FNKeyServiceUnknownReply(_FNAnswerError):
    answer = AnswerCode.KEY_SERVICE_UNKNOWN_REPLY


class FNRepeatKeyUpdate(_FNAnswerError):
    answer = AnswerCode.REPEAT_KEY_UPDATE


class FNMarkingNotEnabled(_FNAnswerError):
    answer = AnswerCode.MARKING_NOT_ENABLED


class FNMarkingSequence(_FNAnswerError):
    answer = AnswerCode.MARKING_SEQUENCE


class FNMarkingBlocked(_FNAnswerError):
    answer = AnswerCode.MARKING_BLOCKED


class FNKMTableFull(_FNAnswerError):
    answer = AnswerCode.KM_TABLE_FULL


class FNKeysOutdated(_FNAnswerError):
    answer = AnswerCode.KEYS_OUTDATED


class FNMissingTag(FNTagError):
    answer = AnswerCode.MISSING_TAG


class FNKMNotChecked(_FNAnswerError):
    answer = AnswerCode.KM_NOT_CHECKED


class FNUnknownAnswer(FNError):
    """An answer code this library does not know."""

    def __init__(self, code: int, extra: bytes = b"") -> None:
        super().__init__(
            code, "UNKNOWN_ANSWER", "answer code not in the FN protocol tables",
            "read the FN status (30h) and the FN maker's documentation", bytes(extra),
        )


#: Answer code → its error class (every non-zero :class:`AnswerCode`).
ERROR_CLASSES: dict[int, type[_FNAnswerError]] = {
    int(cls.answer): cls
    for cls in (
        FNUnknownCommand, FNWrongState, FNFailure, FNCryptoFailure, FNLifetimeParameters,
        FNArchiveFull, FNWrongDateTime, FNNoData, FNInvalidParameter, FNFFDModeMismatch,
        FNFormedTag, FNDuplicateTag, FNMissingCounterData, FNTooManyItems, FNTLVSizeExceeded,
        FNNoTransport, FNResourceExhausted, FNResourceLimit, FNOFDTimeoutExceeded,
        FNShiftExpired, FNTimeDifference, FNBadTagValue, FNTagRegistrationMismatch,
        FNReplyRejected, FNKeyServiceRefused, FNKeyServiceUnknownReply, FNRepeatKeyUpdate,
        FNMarkingNotEnabled, FNMarkingSequence, FNMarkingBlocked, FNKMTableFull,
        FNKeysOutdated, FNMissingTag, FNKMNotChecked,
    )
}


def fn_error_from_answer(code: int, extra: bytes = b"") -> FNError:
    """The error for a non-zero FN answer ``code`` (warning bit 7 ignored) and its data.

    Raises ``ValueError`` for 00h, which is not an error.
    """
    code &= 0x7F
    if code == AnswerCode.OK:
        raise ValueError("answer code 00h is success, not an error")
    cls = ERROR_CLASSES.get(code)
    if cls is None:
        return FNUnknownAnswer(code, extra)
    return cls(extra)
