"""Shared fixtures: a seeded rng, figures closed after each test, and a
throw-away answers folder so no test (and no nbval kernel, which inherits
this process's environment) reads or writes a real student's answers."""

from __future__ import annotations

import os
import tempfile

import pytest

# Set at import time, before nbval starts any kernel.
_HOME = tempfile.mkdtemp(prefix="casebook-test-home-")
os.environ["CASEBOOK_HOME"] = _HOME
os.environ.setdefault("CASEBOOK_STUDENT", "test-student")

# Property tests: the same examples on every run (derandomize), and no
# per-example deadline, which only measures how busy a shared machine is.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "casebook", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("casebook")


@pytest.fixture
def rng():
    """A seeded numpy Generator: tests that draw at random are repeatable."""
    import numpy as np

    return np.random.default_rng(20261123)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def casebook_home(tmp_path, monkeypatch):
    """A fresh, empty answers folder for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("CASEBOOK_HOME", str(home))
    return home
