"""FN errors: one class per answer code, extra data parsed, unknown codes generic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DeviceError, FNError, SigmaKKTError
from sigmakkt.fn import (
    ERROR_CLASSES,
    FNDuplicateTag,
    FNFormedTag,
    FNMissingCounterData,
    FNMissingTag,
    FNOFDTimeoutExceeded,
    FNReplyRejected,
    FNResourceLimit,
    FNShiftExpired,
    FNTagError,
    FNTimeDifference,
    FNUnknownAnswer,
    FNUnknownCommand,
    FNWrongState,
    fn_error_from_answer,
)
from sigmakkt.protocol.fn import AnswerCode
from sigmakkt.protocol.fn.enums import OFDRejectReason, PaymentTypeBits


def test_one_class_per_nonzero_answer_code() -> None:
    assert set(ERROR_CLASSES) == {int(a) for a in AnswerCode if a != AnswerCode.OK}
    assert len(set(ERROR_CLASSES.values())) == len(ERROR_CLASSES)


@pytest.mark.parametrize("answer", [a for a in AnswerCode if a != AnswerCode.OK],
                         ids=lambda a: a.name)
def test_error_carries_code_name_description_advice(answer: AnswerCode) -> None:
    err = fn_error_from_answer(int(answer), b"")
    assert isinstance(err, ERROR_CLASSES[int(answer)])
    assert isinstance(err, FNError) and isinstance(err, DeviceError)
    assert isinstance(err, SigmaKKTError)
    assert err.code == int(answer) and err.name == answer.name
    assert err.description.startswith(answer.description_en)
    assert err.advice == answer.advice
    assert f"{int(answer):02X}h" in str(err) and answer.advice in str(err)


def test_named_classes() -> None:
    assert type(fn_error_from_answer(0x01)) is FNUnknownCommand
    assert type(fn_error_from_answer(0x02)) is FNWrongState
    assert type(fn_error_from_answer(0x14)) is FNResourceLimit
    assert type(fn_error_from_answer(0x15)) is FNOFDTimeoutExceeded
    assert type(fn_error_from_answer(0x16)) is FNShiftExpired
    assert type(fn_error_from_answer(0x17)) is FNTimeDifference


def test_warning_bit_is_ignored() -> None:
    err = fn_error_from_answer(0x96)
    assert isinstance(err, FNShiftExpired) and err.code == 0x16
    assert "close the shift" in str(err)


@pytest.mark.parametrize(("code", "cls"), [(0x0B, FNFormedTag), (0x0C, FNDuplicateTag),
                                           (0x3C, FNMissingTag)])
def test_tag_extra(code: int, cls: type[FNTagError]) -> None:
    err = fn_error_from_answer(code, bytes.fromhex("F0 03"))  # Uint16 LE 1008
    assert isinstance(err, cls) and isinstance(err, FNTagError)
    assert err.tag == 1008
    assert "tag 1008" in str(err)
    assert err.extra == bytes.fromhex("F0 03")
    missing = fn_error_from_answer(code, b"\x01")
    assert isinstance(missing, FNTagError) and missing.tag is None


def test_missing_payments_extra() -> None:
    err = fn_error_from_answer(0x0D, b"\x05")
    assert isinstance(err, FNMissingCounterData)
    assert err.missing_payments == PaymentTypeBits.CASH | PaymentTypeBits.PREPAID
    assert "CASH" in str(err) and "PREPAID" in str(err)
    bare = fn_error_from_answer(0x0D)
    assert isinstance(bare, FNMissingCounterData) and bare.missing_payments is None


def test_reject_reason_extra() -> None:
    err = fn_error_from_answer(0x20, b"\x05")
    assert isinstance(err, FNReplyRejected)
    assert err.reason is OFDRejectReason.BAD_CRC
    odd = fn_error_from_answer(0x20, b"\x63")
    assert isinstance(odd, FNReplyRejected) and odd.reason == 0x63


def test_unknown_code_is_generic() -> None:
    err = fn_error_from_answer(0x7A, b"\x01\x02")
    assert isinstance(err, FNUnknownAnswer) and isinstance(err, FNError)
    assert err.code == 0x7A and err.extra == b"\x01\x02"
    assert "7Ah" in str(err)


def test_ok_is_not_an_error() -> None:
    with pytest.raises(ValueError):
        fn_error_from_answer(0x00)
    with pytest.raises(ValueError):
        fn_error_from_answer(0x80)


def test_catchable_by_class() -> None:
    with pytest.raises(FNShiftExpired):
        raise fn_error_from_answer(0x16)


@given(st.integers(1, 0xFF).filter(lambda c: c & 0x7F), st.binary(max_size=8))
def test_any_code_and_extra_builds_an_error(code: int, extra: bytes) -> None:
    err = fn_error_from_answer(code, extra)
    assert isinstance(err, FNError) and err.code == code & 0x7F and err.extra == extra
