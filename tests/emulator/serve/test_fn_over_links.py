"""The emulated FN served on every link, driven by the FN client: same results everywhere,
recovery from every link fault, power cut mid-command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from sigmakkt.errors import AnswerLost
from sigmakkt.fn import DeadlineTable, FiscalStorage
from sigmakkt.protocol.ffd.tlv import encode_tlv
from sigmakkt.protocol.ffd.types import encode_byte, encode_fvln, encode_string, encode_vln
from sigmakkt.protocol.fn.commands import (
    BEGIN_CLOSE_SHIFT,
    BEGIN_OPEN_SHIFT,
    BEGIN_RECEIPT,
    BEGIN_REGISTRATION_V2,
    CLOSE_SHIFT,
    COMPLETE_RECEIPT,
    COMPLETE_REGISTRATION_V2,
    FIND_DOCUMENT,
    GET_FN_NUMBER,
    GET_STATUS,
    OPEN_SHIFT,
    SEND_DOCUMENT_DATA,
)
from sigmakkt.protocol.fn.commands.archive import DocumentNumber
from sigmakkt.protocol.fn.commands.document import DocumentData
from sigmakkt.protocol.fn.commands.registration import (
    BeginRegistrationV2,
    CompleteRegistrationV2,
)
from sigmakkt.protocol.fn.commands.shift import CompleteReceipt, DateTimeRequest
from sigmakkt.protocol.fn.enums import (
    ExtendedFlags,
    FFDVersion,
    OperationType,
    RegistrationType,
    TaxSystem,
    WorkMode,
)
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.fn import FNDevice
from sigmakkt_emulator.serve import TRANSPORTS, ServedEndpoint, serve

START = datetime(2026, 3, 2, 9, 0)
FAST = DeadlineTable({0x16: 5.0}, scale=0.1)  # 30h: 0.2 s; 16h: 0.5 s; long ops: 6 s


def receipt_tlv(price: int) -> bytes:
    """A one-item FFD 1.2 receipt paid in cash (tags per fn-protocol reference §5)."""
    item = encode_tlv(1059, b"".join((
        encode_tlv(1030, encode_string("Молоко")), encode_tlv(1079, encode_vln(price)),
        encode_tlv(1023, encode_fvln(Decimal(1))),
        encode_tlv(1043, encode_vln(price)), encode_tlv(1199, encode_byte(6)),
        encode_tlv(1200, encode_vln(0)), encode_tlv(1214, encode_byte(4)),
        encode_tlv(1212, encode_byte(1)), encode_tlv(2108, encode_byte(0)),
    )))
    out = encode_tlv(1021, encode_string("Иванова А.А.")) + encode_tlv(1055, encode_byte(1))
    out += item
    for tag, value in ((1031, price), (1081, 0), (1215, 0), (1216, 0), (1217, 0)):
        out += encode_tlv(tag, encode_vln(value))
    return out


@pytest.fixture(params=TRANSPORTS)
def served(request: pytest.FixtureRequest) -> Iterator[tuple[ServedEndpoint, FNDevice, Clock]]:
    clock = Clock(START, frozen=True)
    device = FNDevice(clock=clock)
    endpoint = serve(device, request.param)
    endpoint.faults.on_power_cut(device.power_cycle)
    yield endpoint, device, clock
    endpoint.close()
    device.close()


def scenario(fn: FiscalStorage, clock: Clock) -> list[Any]:
    """Register, open a shift, three receipts, close the shift, read every document back
    (the FN-level skeleton of issue 4's acceptance scenario)."""

    def now() -> datetime:
        clock.advance(minutes=1)
        return clock.now().replace(second=0, microsecond=0)

    out: list[Any] = [fn.execute(GET_STATUS), fn.execute(GET_FN_NUMBER)]
    fn.execute(BEGIN_REGISTRATION_V2,
               BeginRegistrationV2(RegistrationType.REGISTRATION, FFDVersion.FFD_12))
    out.append(fn.execute(COMPLETE_REGISTRATION_V2, CompleteRegistrationV2(
        now(), "7707083893", "0000000001012345", TaxSystem.OSN, WorkMode(0),
        ExtendedFlags(0), "7704211201", None)))
    fn.execute(BEGIN_OPEN_SHIFT, DateTimeRequest(now()))
    out.append(fn.execute(OPEN_SHIFT))
    for price in (8990, 12000, 50):
        fn.execute(BEGIN_RECEIPT, DateTimeRequest(now()))
        fn.execute(SEND_DOCUMENT_DATA, DocumentData(receipt_tlv(price)))
        out.append(fn.execute(COMPLETE_RECEIPT,
                              CompleteReceipt(now(), OperationType.SELL, price)))
    fn.execute(BEGIN_CLOSE_SHIFT, DateTimeRequest(now()))
    out.append(fn.execute(CLOSE_SHIFT))
    status = fn.execute(GET_STATUS)
    out.append(status)
    out.extend(fn.execute(FIND_DOCUMENT, DocumentNumber(n)) for n in range(1, status.last_fd + 1))
    return out


_reference: dict[str, list[Any]] = {}


def test_same_results_on_every_link(served: tuple[ServedEndpoint, FNDevice, Clock]) -> None:
    endpoint, _device, clock = served
    with FiscalStorage.open(endpoint.url) as fn:
        results = scenario(fn, clock)
    # 6 documents: registration, shift open, 3 receipts, shift close; each read back by 40h
    assert results[-1].fd == 6 and len(results) == 2 + 1 + 1 + 3 + 1 + 1 + 6
    assert fn.enq_count == 0
    reference = _reference.setdefault("results", results)
    assert results == reference  # identical decoded answers on emu, tcp, pty, usb, ble


@pytest.mark.parametrize("fault", ["drop", "corrupt", "split", "delay"])
def test_link_faults_are_recovered(served: tuple[ServedEndpoint, FNDevice, Clock],
                                   fault: str) -> None:
    endpoint, _device, clock = served
    faults = endpoint.faults
    if fault == "drop":
        faults.drop_next_answer(command=0x16)
    elif fault == "corrupt":
        faults.corrupt_next_answer(command=0x16)
    elif fault == "split":
        faults.split_answers()
    else:
        faults.delay_next_answer(0.5, command=0x30)  # 30h deadline here is 0.2 s
    with FiscalStorage.open(endpoint.url, deadlines=FAST) as fn:
        results = scenario(fn, clock)
    assert results[-1].fd == 6
    assert fn.enq_count == (0 if fault == "split" else 1)
    assert faults.log == ([] if fault == "split" else [f"{fault} " + (
        "30h" if fault == "delay" else "16h")])


def test_disconnect_mid_frame_is_a_typed_error(
        served: tuple[ServedEndpoint, FNDevice, Clock]) -> None:
    endpoint, _device, _clock = served
    endpoint.faults.disconnect_mid_frame()
    fn = FiscalStorage.open(endpoint.url, deadlines=FAST, enq_timeout=0.2)
    try:
        if endpoint.transport == "pty":
            # A serial line cannot be hung up: half a frame, then silence; ENQ recovers it.
            assert fn.execute(GET_STATUS).last_fd == 0
            assert fn.enq_count == 1
        else:
            # a read-only command is safe to repeat: the client reopens the link and asks again
            assert fn.execute(GET_STATUS).last_fd == 0
            assert fn.enq_count == 0
        assert fn.execute(GET_STATUS).fn_number == "9999078900000001"
    finally:
        fn.close()


def test_power_cut_after_a_receipt_leaves_the_outcome_to_the_fn(
        served: tuple[ServedEndpoint, FNDevice, Clock]) -> None:
    endpoint, _device, clock = served
    fn = FiscalStorage.open(endpoint.url, deadlines=FAST, enq_timeout=0.2)
    try:
        with pytest.raises(AnswerLost):  # the FN signed the receipt, the answer was lost
            endpoint.faults.power_cut_after(0x16)
            scenario(fn, clock)
        assert endpoint.faults.log == ["power_cut 16h"]
        if endpoint.transport != "pty":
            fn.reconnect()
        status = fn.execute(GET_STATUS)
        assert status.last_fd == 3  # registration, shift open, the receipt that was cut off
    finally:
        fn.close()
