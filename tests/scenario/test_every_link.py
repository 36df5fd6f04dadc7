"""One Register scenario over every link: the same results whatever carries the bytes.

Issue 4's acceptance: status, registration, open shift, 10 receipts, close shift and an archive
read of every document give identical results on emu, TCP, a pty serial line, the software USB
backend and the software BLE backend. The devices' clock is frozen at the same moment for every
link, so even the fiscal signs must agree.
"""

from __future__ import annotations

from typing import Any

import pytest

from sigmakkt.protocol.ffd import json_dumps
from sigmakkt.register import Payment
from sigmakkt.register.register import Register
from sigmakkt_emulator.clock import Clock
from sigmakkt_emulator.serve import TRANSPORTS
from tests.register.register_support import CASHIER, START, milk, register_kkt


def _life(transport: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with Register.emulated(transport=transport, emulator_clock=Clock(START, frozen=True)) as kkt:
        out["status_before"] = kkt.status().phase
        register_kkt(kkt)
        shift = kkt.open_shift(CASHIER)
        out["shift"] = (shift.shift_number, shift.fiscal_document_number, shift.fiscal_sign)
        receipts = []
        for n in range(10):
            op = (kkt.sell, kkt.sell_return, kkt.buy, kkt.buy_return)[n % 4]
            payments = ([Payment.cash("200.00")] if n % 2 == 0
                        else [Payment.electronic("179.80")])
            r = op([milk()], payments, cashier=CASHIER)
            assert r.printed, r
            receipts.append((r.fiscal_document_number, r.receipt_number, r.fiscal_sign,
                             str(r.total), r.qr))
        out["receipts"] = receipts
        closed = kkt.close_shift(CASHIER)
        out["close"] = (closed.shift_number, closed.fiscal_document_number, closed.fiscal_sign)
        status = kkt.status()
        out["status_after"] = (status.phase, status.shift_open, status.last_document_number,
                               status.unsent_documents)
        out["archive"] = [json_dumps(doc.to_json()) for doc in kkt.documents()]
        out["printed"] = [page.text for page in kkt.emulator.receipts]
    return out


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    return _life("emu")


def test_reference_life_is_complete(reference: dict[str, Any]) -> None:
    assert len(reference["receipts"]) == 10
    fds = [r[0] for r in reference["receipts"]]
    assert fds == list(range(fds[0], fds[0] + 10))
    # registration, shift open, 10 receipts, shift close
    assert len(reference["archive"]) == 13
    assert reference["status_after"][1] is False
    assert reference["status_after"][3] == 13  # nothing was sent to the OFD yet
    assert len(reference["printed"]) == 13


@pytest.mark.parametrize("transport", [t for t in TRANSPORTS if t != "emu"])
def test_every_link_gives_identical_results(transport: str, reference: dict[str, Any]) -> None:
    assert _life(transport) == reference
