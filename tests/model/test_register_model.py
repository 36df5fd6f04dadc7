"""The Register against the reference model (see :mod:`tests.model.machine`).

CI runs 12 programs of 30 steps (about 30 s). ``pytest --hypothesis-profile=soak tests/model``
runs the long profile: 150 programs of 100 steps (about 20–25 minutes on 2 cores); set
``SIGMAKKT_MODEL_EXAMPLES`` to change the number of programs. The counters of what was exercised
(operations, faults armed and fired, restarts) are printed at the end of the session with ``-s``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.model.machine import STATS, RegisterMachine

_PROFILE = settings.default
_SOAK = _PROFILE is not None and _PROFILE.max_examples > 1000

TestRegisterModel = RegisterMachine.TestCase
TestRegisterModel.settings = settings(
    max_examples=int(os.environ.get("SIGMAKKT_MODEL_EXAMPLES", 150 if _SOAK else 12)),
    stateful_step_count=100 if _SOAK else 30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def test_zz_report_what_was_exercised() -> None:
    """Runs after the machine (file order): it must have signed receipts and fired faults."""
    if not STATS["programs"]:
        pytest.skip("the state machine did not run in this session")
    print("\nmodel test exercised:", dict(sorted(STATS.items())))
    assert STATS["receipt"] + STATS["correction"] > 0
    assert sum(v for k, v in STATS.items() if k.startswith("fired:")) > 0
