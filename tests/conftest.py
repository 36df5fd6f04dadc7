"""Shared test configuration: hypothesis profiles.

``ci`` (default) keeps property tests bounded; ``soak`` runs long, for manual use:
``pytest --hypothesis-profile=soak``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "soak", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("ci")
