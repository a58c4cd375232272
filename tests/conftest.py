from __future__ import annotations

import os
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, settings

from planner import bundled_profile
from planner.factory import taper_plan, titration_plan

# One Hypothesis profile for the whole run (it was loaded as a side effect of importing
# test_planner_properties, which every worker does while collecting): 60 examples for a property
# without its own @settings; properties that need more or fewer say so beside their test.
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than there are cores: an app test spends about a third of its time asleep
    in Pilot's waits for the app to go idle (at least 20 ms a key), time another worker can use
    (2 cores: 69 s with two workers, 61-65 s with three)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


PLAN_ID = "00000000-0000-4000-8000-000000000001"
START = date(2026, 12, 1)


@pytest.fixture(scope="session")
def profile():
    return bundled_profile()


@pytest.fixture
def make_titration(profile):
    def make(**kw):
        kw.setdefault("plan_id", PLAN_ID)
        kw.setdefault("start_date", START)
        kw.setdefault("timezone", "Europe/Berlin")
        return titration_plan(profile, **kw)

    return make


@pytest.fixture
def make_taper(profile):
    def make(from_mg, method="step", amount=15, **kw):
        kw.setdefault("plan_id", PLAN_ID)
        kw.setdefault("start_date", START)
        kw.setdefault("timezone", "Europe/Berlin")
        return taper_plan(profile, from_mg=Fraction(from_mg), method=method, amount=Fraction(amount), **kw)

    return make
