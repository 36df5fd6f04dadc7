"""Fault rules in isolation: which answer they hit and what reaches the link."""

from __future__ import annotations

import time

import pytest

from sigmakkt.protocol.fn.frame import Frame, encode_frame
from sigmakkt_emulator.faults import Faults
from sigmakkt_emulator.serve import serve
from tests.transport.fakes import ScriptedFN

ANSWER = encode_frame(0x00, b"\x01\x02\x03\x04")


class Recorder:
    """A link side that records deliveries and disconnects."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.disconnects = 0

    def deliver(self, data: bytes) -> None:
        self.writes.append(data)

    def disconnect(self) -> None:
        self.disconnects += 1


def req(code: int) -> list[Frame]:
    return [Frame(code)]


def test_no_rule_passes_answers_through() -> None:
    faults, link = Faults(), Recorder()
    faults.apply(req(0x30), ANSWER, link)
    faults.apply(req(0x30), b"", link)  # nothing to send: no write at all
    assert link.writes == [ANSWER] and faults.log == []


def test_drop_targets_the_nth_request_of_a_command() -> None:
    faults, link = Faults(), Recorder()
    faults.drop_next_answer(command=0x31, nth=2)
    for code in (0x30, 0x31, 0x30, 0x31, 0x31):
        faults.apply(req(code), bytes((code,)), link)
    assert link.writes == [b"\x30", b"\x31", b"\x30", b"\x31"]  # the 2nd 31h answer is gone
    assert faults.log == ["drop 31h"] and faults.armed == []


def test_enq_does_not_count_as_the_command() -> None:
    faults, link = Faults(), Recorder()
    faults.drop_next_answer(command=0x05)  # 05h is also "close FN"
    faults.apply([Frame(0x05, enq=True)], b"repeat", link)
    assert link.writes == [b"repeat"] and len(faults.armed) == 1
    faults.apply(req(0x05), b"closed", link)
    assert link.writes == [b"repeat"]


def test_untargeted_rules_fire_in_arming_order() -> None:
    faults, link = Faults(), Recorder()
    faults.drop_next_answer()
    faults.corrupt_next_answer()
    faults.apply(req(0x30), ANSWER, link)
    faults.apply(req(0x30), ANSWER, link)
    faults.apply(req(0x30), ANSWER, link)
    assert faults.log == ["drop any", "corrupt any"]
    corrupted = bytearray(ANSWER)
    corrupted[3] ^= 0xFF  # the answer-code byte
    assert link.writes == [bytes(corrupted), ANSWER]


def test_corrupt_at_a_chosen_offset() -> None:
    faults, link = Faults(), Recorder()
    faults.corrupt_next_answer(offset=0)
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes[0][0] == ANSWER[0] ^ 0xFF and link.writes[0][1:] == ANSWER[1:]


def test_split_sends_one_byte_per_write_until_off() -> None:
    faults, link = Faults(), Recorder()
    faults.split_answers()
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes == [bytes((b,)) for b in ANSWER]
    faults.split_answers(False)
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes[-1] == ANSWER


def test_disconnect_sends_half_then_drops() -> None:
    faults, link = Faults(), Recorder()
    faults.disconnect_mid_frame()
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes == [ANSWER[: len(ANSWER) // 2]] and link.disconnects == 1


def test_delay_holds_the_answer_back() -> None:
    faults, link = Faults(), Recorder()
    faults.delay_next_answer(0.2)
    start = time.monotonic()
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes == []
    while not link.writes and time.monotonic() - start < 2:
        time.sleep(0.01)
    assert link.writes == [ANSWER] and time.monotonic() - start >= 0.19


def test_power_cut_runs_callbacks_and_drops_links() -> None:
    faults, link, calls = Faults(), Recorder(), []
    faults.attach(link)
    faults.on_power_cut(lambda: calls.append("restart"))
    faults.power_cut_after(0x16)
    faults.apply(req(0x15), ANSWER, link)
    assert calls == [] and link.writes == [ANSWER]
    faults.apply(req(0x16), ANSWER, link)
    assert calls == ["restart"] and link.disconnects == 1 and link.writes == [ANSWER]
    faults.detach(link)
    faults.power_cut()
    assert calls == ["restart", "restart"] and link.disconnects == 1


def test_clear_and_validation() -> None:
    faults = Faults()
    faults.drop_next_answer()
    faults.split_answers()
    faults.clear()
    link = Recorder()
    faults.apply(req(0x30), ANSWER, link)
    assert link.writes == [ANSWER]
    with pytest.raises(ValueError):
        faults.drop_next_answer(nth=0)


def test_serve_rejects_an_unknown_link() -> None:
    with pytest.raises(ValueError, match="unknown transport"):
        serve(ScriptedFN(), "carrier-pigeon")


def test_endpoints_can_share_one_faults_object() -> None:
    faults = Faults()
    with serve(ScriptedFN(), "emu", faults) as a, serve(ScriptedFN(), "tcp", faults) as b:
        assert a.faults is b.faults is faults
