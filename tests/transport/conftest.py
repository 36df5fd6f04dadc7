"""Fixtures: a test device served on each link, closed after the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sigmakkt_emulator.serve import TRANSPORTS, ServedEndpoint, serve
from tests.transport.fakes import Echo


@pytest.fixture(params=TRANSPORTS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def echo_endpoint(kind: str) -> Iterator[ServedEndpoint]:
    endpoint = serve(Echo(), kind)
    yield endpoint
    endpoint.close()
