"""Status replies pinned to reference/printer.md §2.6."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmakkt.errors import DecodeError
from sigmakkt.protocol.escpos import (
    OfflineFlags,
    PaperSensorFlags,
    PrinterFlags,
    PrinterStatus,
    RollFlags,
    parse_asb,
    parse_dle_eot,
    parse_gs_r,
)
from sigmakkt.protocol.escpos.status import ErrorFlags, is_dle_eot_reply


def replies(s: PrinterStatus) -> list[int]:
    return [s.dle_eot_reply(n) for n in (1, 2, 3, 4)]


def test_all_ok_is_0x12() -> None:
    assert replies(PrinterStatus()) == [0x12, 0x12, 0x12, 0x12]
    assert PrinterStatus().gs_r_reply() == 0x00


def test_out_of_paper_reference_bytes() -> None:
    # hardless-http-dialects example: n1 = 0x1A, n2 = 0x32, n4 = 0x7E
    s = PrinterStatus(paper_present=False, paper_near_end=True, offline=True)
    assert replies(s) == [0x1A, 0x32, 0x12, 0x7E]
    parsed = PrinterStatus.from_dle_eot(0x1A, 0x32, 0x12, 0x7E)
    assert not parsed.paper_present and parsed.offline and parsed.paper_near_end
    assert s.gs_r_reply() == 0x0F


def test_cover_open_bytes() -> None:
    s = PrinterStatus(cover_open=True, offline=True)
    assert replies(s)[:2] == [0x1A, 0x16]
    assert PrinterStatus.from_dle_eot(0x1A, 0x16, 0x12, 0x12).cover_open


def test_flag_values() -> None:
    assert parse_dle_eot(1, 0x16) == PrinterFlags.DRAWER_HIGH
    assert parse_dle_eot(2, 0x32) == OfflineFlags.PAPER_END_STOP
    assert parse_dle_eot(3, 0x1A) == ErrorFlags.CUTTER
    assert parse_dle_eot(3, 0x52) == ErrorFlags.AUTO_RECOVERABLE
    assert parse_dle_eot(4, 0x1E) == RollFlags.NEAR_END
    assert parse_gs_r(0x03) == PaperSensorFlags.NEAR_END
    assert parse_gs_r(0x0C) == PaperSensorFlags.PAPER_END


def test_python_escpos_masks_agree() -> None:
    near = PrinterStatus(paper_near_end=True).dle_eot_reply(4)
    out = PrinterStatus(paper_present=False, paper_near_end=True).dle_eot_reply(4)
    assert near & 0x1E == 0x1E and near & 0x72 != 0x72  # python-escpos: near end
    assert out & 0x72 == 0x72  # no paper
    assert PrinterStatus(offline=True).dle_eot_reply(1) & 0x1A == 0x1A


@pytest.mark.parametrize("bad", [0x00, 0x10, 0x13, 0x02, 0x92, 0xFF])
def test_dle_eot_fixed_bits_checked(bad: int) -> None:
    with pytest.raises(DecodeError):
        parse_dle_eot(1, bad)


@pytest.mark.parametrize("bad", [0x10, 0x80, 0x9F])
def test_gs_r_fixed_bits_checked(bad: int) -> None:
    with pytest.raises(DecodeError):
        parse_gs_r(bad)


@given(st.integers(0, 255), st.integers(1, 4))
def test_dle_eot_parser_accepts_exactly_the_pattern(byte: int, n: int) -> None:
    if byte & 0x93 == 0x12:
        parse_dle_eot(n, byte)
    else:
        with pytest.raises(DecodeError):
            parse_dle_eot(n, byte)


status_st = st.builds(
    PrinterStatus,
    paper_present=st.booleans(), paper_near_end=st.booleans(), cover_open=st.booleans(),
    cutter_error=st.booleans(), overheated=st.booleans(), offline=st.booleans(),
    unrecoverable_error=st.booleans(), mechanical_error=st.booleans(),
    feed_pressed=st.booleans(), drawer_high=st.booleans(), waiting_recovery=st.booleans(),
)


@given(status_st)
def test_round_trip(s: PrinterStatus) -> None:
    r = replies(s)
    assert all(is_dle_eot_reply(b) for b in r)
    assert PrinterStatus.from_dle_eot(*r) == s
    assert parse_asb(s.asb_reply()) == s
    assert s.asb_reply()[0] & 0x93 == 0x10
