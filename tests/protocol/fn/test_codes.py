"""Command codes, answer codes and enums against reference §2–§5."""

from __future__ import annotations

import pytest

from sigmakkt.protocol.fn import COMMANDS, AnswerCode, CommandCode, command_for
from sigmakkt.protocol.fn.enums import (
    DocumentCode,
    DocumentType,
    FFDVersion,
    OperationType,
    Phase,
    ReregistrationReason,
    TaxSystem,
    WarningFlags,
)

# reference §3: every answer code of the table
SPEC_ANSWER_CODES = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
    0x10, 0x11, 0x12, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x20, 0x23, 0x24, 0x30, 0x32, 0x33,
    0x34, 0x35, 0x36, 0x3C, 0x3E,
}

# reference §2.1–§2.6: every command with a codec
SPEC_COMMANDS = {
    0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
    0x19, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x30, 0x31, 0x32, 0x33, 0x35, 0x36, 0x37,
    0x38, 0x39, 0x3A, 0x3B, 0x3D, 0x3F, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x50,
    0x60, 0xA2, 0xA3, 0xA7,
}
MARKING_COMMANDS = {0xB0, 0xB1, 0xB2, 0xB3, 0xB5, 0xB6, 0xB7, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE,
                    0xBF, 0xD0, 0xD1, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7}


def test_answer_codes_cover_the_table() -> None:
    assert {int(c) for c in AnswerCode} == SPEC_ANSWER_CODES


@pytest.mark.parametrize("code", sorted(SPEC_ANSWER_CODES - {0}))
def test_answer_codes_are_described(code: int) -> None:
    member = AnswerCode(code)
    assert member.description_ru and member.description_en and member.advice
    assert any("\u0400" <= ch <= "\u04ff" for ch in member.description_ru)


def test_answer_code_advice_says_what_to_do() -> None:
    assert "OFD exchange" in AnswerCode(0x14).advice
    assert "close the shift" in AnswerCode(0x16).advice
    assert "clock" in AnswerCode(0x17).advice
    assert "phase" in AnswerCode(0x02).advice and "30h" in AnswerCode(0x02).advice


def test_answer_code_lookup_strips_warning_bit() -> None:
    assert AnswerCode.lookup(0x96) is AnswerCode.SHIFT_EXPIRED
    assert AnswerCode.lookup(0x7F) is None


def test_command_codes() -> None:
    codes = {int(c) for c in CommandCode}
    assert codes >= SPEC_COMMANDS
    assert codes >= MARKING_COMMANDS
    assert CommandCode.GET_STATUS == 0x30
    assert CommandCode.COMPLETE_RECEIPT == 0x16
    assert CommandCode.DEBUG_RESET == 0x60
    assert CommandCode.FIND_DOCUMENT == 0x40


def test_every_spec_command_has_a_codec() -> None:
    assert set(COMMANDS) == SPEC_COMMANDS
    for code in SPEC_COMMANDS:
        cmd = command_for(code)
        assert cmd.code == code
        assert cmd.name == CommandCode(code).name
    with pytest.raises(KeyError):
        command_for(0xB0)


def test_enum_values() -> None:
    assert [int(p) for p in Phase] == [0, 1, 3, 7, 15]
    assert DocumentCode.FN_CLOSE == 0x10 and DocumentCode.STATE_REPORT == 0x17
    assert DocumentCode.CORRECTION_RECEIPT == 0x14
    assert DocumentType.CORRECTION_RECEIPT == 31 and DocumentType.MARKING_NOTIFICATION_RECEIPT == 84
    assert [int(o) for o in OperationType] == [1, 2, 3, 4]
    assert TaxSystem.OSN | TaxSystem.PATENT == 33
    assert WarningFlags.OFD_TIMEOUT == 8 and WarningFlags.CRITICAL == 0x80
    assert FFDVersion.FFD_105.label == "1.05" and FFDVersion(4).label == "1.2"


def test_reregistration_reason_bits_1205() -> None:
    # FFD table of reasons for changing KKT data: bit 0 FN replaced … bit 21 FFD changed, 31 other
    assert ReregistrationReason.FN_REPLACED == 1
    assert ReregistrationReason.ADDRESS_OR_PLACE_CHANGED == 8
    assert ReregistrationReason.AUTONOMOUS_TO_ONLINE == 0x10
    assert ReregistrationReason.PAYMENT_AGENT_ON == 0x10000
    assert ReregistrationReason.FFD_VERSION_CHANGED == 0x200000
    assert ReregistrationReason.OTHER == 0x80000000
