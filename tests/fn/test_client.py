"""The FN client: ENQ recovery, typed errors, the deadline table, thread safety, logging."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest

from sigmakkt.errors import (
    AnswerLost,
    CRCError,
    Disconnected,
    FNError,
    OutcomeUnknown,
    TransportTimeout,
    ValidationError,
)
from sigmakkt.fn import DeadlineTable, FiscalStorage, Timing
from sigmakkt.fn.errors import FNWrongState
from sigmakkt.protocol.fn.commands import GET_FN_NUMBER, GET_STATUS, SEND_DOCUMENT_DATA
from sigmakkt.protocol.fn.frame import encode_frame
from sigmakkt.transport import open_transport
from sigmakkt_emulator.serve import ServedEndpoint, serve
from tests.transport.fakes import STATUS_DATA, ScriptedFN

FN_NUMBER = b"9999078900000001"
FAST = DeadlineTable({0x16: 6.0}, scale=0.05)  # 30h: 0.1 s, 16h: 0.3 s


class Silent:
    """A device that never answers."""

    def receive(self, data: bytes) -> bytes:
        return b""


@pytest.fixture
def fn() -> ScriptedFN:
    return ScriptedFN({0x31: (0x00, FN_NUMBER), 0x16: (0x00, bytes(10)),
                       0x15: (0x02, b""), 0x10: (0x80, bytes(5))})


@pytest.fixture(params=["emu", "tcp"])
def endpoint(request: pytest.FixtureRequest, fn: ScriptedFN) -> Iterator[ServedEndpoint]:
    ep = serve(fn, request.param)
    yield ep
    ep.close()


@pytest.fixture
def client(endpoint: ServedEndpoint) -> Iterator[FiscalStorage]:
    with FiscalStorage(open_transport(endpoint.url), deadlines=FAST, enq_timeout=0.2) as c:
        yield c


def test_status_round_trip_pinned_bytes(client: FiscalStorage, fn: ScriptedFN) -> None:
    frame = client.raw(0x30)
    assert (frame.code, frame.data, frame.warning) == (0, STATUS_DATA, False)
    assert fn.executed[0x30] == 1 and client.enq_count == 0


def test_execute_decodes_through_the_codec(client: FiscalStorage) -> None:
    status = client.execute(GET_STATUS)
    assert status.fn_number == "9999078900000001" and status.last_fd == 7
    assert client.execute(GET_FN_NUMBER).fn_number == "9999078900000001"


def test_request_frame_on_the_wire_is_the_spec_vector() -> None:
    seen = bytearray()

    class Tap(ScriptedFN):
        def receive(self, data: bytes) -> bytes:
            seen.extend(data)
            return super().receive(data)

    with serve(Tap(), "emu") as ep, FiscalStorage(open_transport(ep.url)) as client:
        client.raw(0x30)
    assert bytes(seen) == bytes.fromhex("04 01 00 30 FF CD")  # fn-protocol reference §1


def test_lost_answer_is_recovered_with_enq(client: FiscalStorage, endpoint: ServedEndpoint,
                                           fn: ScriptedFN) -> None:
    endpoint.faults.drop_next_answer()
    assert client.raw(0x30).data == STATUS_DATA
    assert client.enq_count == 1 and fn.enqs == 1
    assert fn.executed[0x30] == 1  # repeated by ENQ, not executed twice


def test_corrupt_answer_is_recovered_with_enq(client: FiscalStorage, endpoint: ServedEndpoint,
                                              fn: ScriptedFN) -> None:
    endpoint.faults.corrupt_next_answer()
    assert client.raw(0x31).data == FN_NUMBER
    assert client.enq_count == 1 and fn.executed[0x31] == 1
    assert endpoint.faults.log == ["corrupt any"]


def test_two_losses_take_two_enqs(client: FiscalStorage, endpoint: ServedEndpoint) -> None:
    endpoint.faults.drop_next_answer()
    endpoint.faults.corrupt_next_answer()
    assert client.raw(0x30).data == STATUS_DATA
    assert client.enq_count == 2


def test_query_beyond_retries_is_a_plain_timeout(client: FiscalStorage,
                                                 endpoint: ServedEndpoint) -> None:
    for _ in range(3):
        endpoint.faults.drop_next_answer()
    with pytest.raises(TransportTimeout, match="safe to repeat") as info:
        client.raw(0x30)
    assert not isinstance(info.value, OutcomeUnknown)
    assert client.enq_count == 2
    assert client.raw(0x30).data == STATUS_DATA  # the link is fine afterwards


def test_state_change_beyond_retries_is_outcome_unknown(
        client: FiscalStorage, endpoint: ServedEndpoint, fn: ScriptedFN) -> None:
    for _ in range(3):
        endpoint.faults.drop_next_answer()
    with pytest.raises(AnswerLost) as info:
        client.raw(0x16, bytes(11))
    assert isinstance(info.value, OutcomeUnknown)
    assert (info.value.code, info.value.reason) == (0x16, "timeout")
    assert "may have executed" in str(info.value)
    assert fn.executed[0x16] == 1


def test_corrupt_beyond_retries(client: FiscalStorage, endpoint: ServedEndpoint) -> None:
    for _ in range(3):
        endpoint.faults.corrupt_next_answer()
    with pytest.raises(CRCError):
        client.raw(0x30)
    for _ in range(3):
        endpoint.faults.corrupt_next_answer()
    with pytest.raises(AnswerLost) as info:
        client.raw(0x16, bytes(11))
    assert info.value.reason == "corrupt"


def test_split_answers_are_reassembled(client: FiscalStorage, endpoint: ServedEndpoint) -> None:
    endpoint.faults.split_answers()
    assert client.raw(0x30).data == STATUS_DATA
    assert client.enq_count == 0


def test_late_answer_is_not_taken_for_the_next_one(client: FiscalStorage,
                                                   endpoint: ServedEndpoint) -> None:
    endpoint.faults.delay_next_answer(0.3)  # beyond the 0.1 s deadline of 30h
    assert client.raw(0x30).data == STATUS_DATA  # via ENQ
    assert client.enq_count >= 1
    time.sleep(0.35)  # the delayed original has arrived by now, unread
    assert client.raw(0x31).data == FN_NUMBER


def test_disconnect_mid_frame(fn: ScriptedFN) -> None:
    with serve(fn, "tcp") as ep:
        client = FiscalStorage(open_transport(ep.url), deadlines=FAST)
        ep.faults.disconnect_mid_frame()
        # read-only: the client reopens the link by itself and asks again
        assert client.raw(0x30).code == 0
        assert len(ep.faults.log) == 1  # the fault did fire
        ep.faults.disconnect_mid_frame(command=0x16)
        with pytest.raises(AnswerLost) as info:
            client.raw(0x16, bytes(11))
        assert info.value.reason == "disconnected"
        # the next read-only command reopens the link; a link that stays down is Disconnected
        assert client.raw(0x30).code == 0
    with pytest.raises(Disconnected, match="could not be reopened"):
        client.raw(0x30)
    client.close()


def test_answer_code_raises_the_typed_fn_error(client: FiscalStorage) -> None:
    with pytest.raises(FNWrongState) as info:
        client.execute(_command(0x15))  # type: ignore[arg-type]
    assert isinstance(info.value, FNError) and info.value.code == 0x02
    assert info.value.advice


def _command(code: int) -> object:
    class Raw:
        def __init__(self) -> None:
            self.code = code

        def encode_request(self, req: object) -> bytes:
            return b""

        def decode_answer(self, data: bytes) -> bytes:
            return data

    return Raw()


def test_warning_bit_is_exposed(client: FiscalStorage) -> None:
    assert client.execute(_command(0x10)) == bytes(5)  # type: ignore[arg-type]
    assert client.last_warning is True
    client.raw(0x30)
    assert client.last_warning is False


def test_invalid_request_is_refused_before_sending(client: FiscalStorage,
                                                   fn: ScriptedFN) -> None:
    with pytest.raises(ValidationError):
        client.execute(SEND_DOCUMENT_DATA, "not a dataclass")
    assert sum(fn.executed.values()) == 0


# --- deadlines -------------------------------------------------------------------------


def test_default_deadline_table() -> None:
    table = DeadlineTable()
    assert table.deadline(0x30) <= 2 and table.idempotent(0x30)
    assert table.deadline(0x16) >= 20 and not table.idempotent(0x16)
    for code in (0x12, 0x14, 0xA3, 0x05):  # shifts, registration, close FN
        assert table.deadline(code) >= 30 and not table.idempotent(code)
    assert not table.idempotent(0x46)  # iterating TLVs moves a cursor
    assert table.deadline(0xEE) == 10.0 and not table.idempotent(0xEE)


def test_deadline_overrides_and_scale() -> None:
    table = DeadlineTable({0x12: 90.0, 0x30: Timing(0.5, idempotent=False)}, scale=2.0)
    assert table.timing(0x12) == Timing(180.0, idempotent=False)
    assert table.timing(0x30) == Timing(1.0, idempotent=False)
    with pytest.raises(ValueError):
        DeadlineTable(scale=0)


def test_a_silent_fn_is_reported_within_its_deadlines() -> None:
    table = DeadlineTable({0x30: 0.2, 0x12: 0.4})
    with serve(Silent(), "emu") as ep:
        client = FiscalStorage(open_transport(ep.url), deadlines=table, enq_timeout=0.1)
        start = time.monotonic()
        with pytest.raises(TransportTimeout):
            client.raw(0x30)  # 0.2 + 2 x 0.1
        assert 0.35 < time.monotonic() - start < 2.0
        start = time.monotonic()
        with pytest.raises(AnswerLost):
            client.raw(0x12)  # the long entry is waited for in full: 0.4 + 2 x 0.1
        assert 0.55 < time.monotonic() - start < 2.5
        assert client.enq_count == 4


def test_slow_command_within_its_deadline_needs_no_enq() -> None:
    fn = ScriptedFN({0x12: (0x00, bytes(10))})
    with serve(fn, "emu") as ep:
        client = FiscalStorage(open_transport(ep.url), deadlines=DeadlineTable({0x12: 1.0}))
        ep.faults.delay_next_answer(0.3)  # a slow shift opening, not a dead link
        assert client.raw(0x12).data == bytes(10)
        assert client.enq_count == 0


# --- threads and logging ---------------------------------------------------------------


def test_one_command_at_a_time_from_many_threads(endpoint: ServedEndpoint,
                                                 fn: ScriptedFN) -> None:
    client = FiscalStorage(open_transport(endpoint.url))
    errors: list[str] = []

    def worker(code: int, expected: bytes) -> None:
        for _ in range(40):
            frame = client.raw(code)
            if frame.data != expected:
                errors.append(f"{code:02X}h got {frame.data.hex()}")

    threads = [threading.Thread(target=worker, args=pair)
               for pair in [(0x30, STATUS_DATA), (0x31, FN_NUMBER)] * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    client.close()
    assert not errors
    assert fn.executed[0x30] == fn.executed[0x31] == 160 and fn.enqs == 0


def test_frames_are_logged_as_hex_at_debug(client: FiscalStorage,
                                           caplog: pytest.LogCaptureFixture) -> None:
    client.raw(0x30)
    assert not [r for r in caplog.records if r.name == "sigmakkt.fn"]  # off by default
    with caplog.at_level(logging.DEBUG, logger="sigmakkt.fn"):
        client.raw(0x30)
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "sigmakkt.fn")
    assert "-> 04 01 00 30 ff cd" in text
    assert "<- " + encode_frame(0, STATUS_DATA).hex(" ") in text
