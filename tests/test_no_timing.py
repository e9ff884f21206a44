"""Nothing in the suite may depend on timing: CI runs on a loaded two-core machine."""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def test_hypothesis_runs_without_deadlines_or_timing_health_checks() -> None:
    active = settings()
    assert active.deadline is None
    assert HealthCheck.too_slow in active.suppress_health_check
