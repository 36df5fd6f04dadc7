"""Shared test configuration: hypothesis profiles and the opt-in real-device options.

``ci`` (default) keeps property tests bounded; ``soak`` runs long, for manual use:
``pytest --hypothesis-profile=soak``. ``--hardware URL`` (and ``--hardware-printer URL``) run
the read-only tests of ``tests/hardware/`` against a real device; without them those skip.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sigmakkt hardware")
    group.addoption("--hardware", metavar="URL", default=None,
                    help="FN URL of a real device for tests/hardware (read-only tests)")
    group.addoption("--hardware-printer", metavar="URL", default=None,
                    help="printer URL of a real device for tests/hardware")

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "soak", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("ci")
