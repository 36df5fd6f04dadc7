"""Opt-in tests against a real device: ``pytest tests/hardware --hardware serial:///dev/ttyACM0``.

They only read: status, counters, the archive and the printer's sensors. Nothing here opens a
shift or signs a document, so they are safe on a registered FN in a shop (each fiscal document
on a real FN is permanent and goes to the tax service).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sigmakkt.protocol.fn as p
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.protocol.ffd import decode_document
from sigmakkt.register.archive import read_document


@pytest.fixture(scope="module")
def fn(request: pytest.FixtureRequest) -> Iterator[FiscalStorage]:
    url = request.config.getoption("--hardware")
    if not url:
        pytest.skip("no real device: pass --hardware URL to run the hardware tests")
    storage = FiscalStorage.open(url)
    try:
        yield storage
    finally:
        storage.close()


def test_status_answers_with_a_16_digit_fn_number(fn: FiscalStorage) -> None:
    status = fn.execute(p.GET_STATUS)
    assert len(status.fn_number) == 16 and status.fn_number.isdigit()
    assert fn.execute(p.GET_FN_NUMBER).fn_number == status.fn_number


def test_every_status_query_decodes(fn: FiscalStorage) -> None:
    fn.execute(p.GET_EXPIRY)
    fn.execute(p.GET_VERSION)
    fn.execute(p.GET_FFD_VERSION)
    if fn.execute(p.GET_STATUS).phase == p.Phase.READY:
        pytest.skip("the FN is not registered: shift and OFD queries need the fiscal phase")
    fn.execute(p.GET_SHIFT_PARAMETERS)
    fn.execute(p.GET_OFD_STATUS)


def test_last_document_reads_back_and_decodes(fn: FiscalStorage) -> None:
    last = fn.execute(p.GET_STATUS).last_fd
    if last == 0:
        pytest.skip("the FN holds no document yet")
    doc = read_document(fn, last)
    assert doc.get(1040) == last            # FD number inside the document
    assert decode_document(doc.to_bytes()).get(1040) == last


def test_printer_reports_its_sensors(request: pytest.FixtureRequest) -> None:
    url = request.config.getoption("--hardware-printer")
    if not url:
        pytest.skip("no real printer: pass --hardware-printer URL")
    from sigmakkt.printer import Printer
    from sigmakkt.transport.url import open_transport

    printer = Printer(open_transport(url))
    try:
        status = printer.status()
        assert isinstance(status.paper_present, bool)
    finally:
        printer.transport.close()
