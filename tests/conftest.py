"""Shared fixtures. One local Ray for the whole session (started lazily, only
by tests that need it), sized small so the suite runs on 2 cores."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def ray_session():
    import ray

    if not ray.is_initialized():
        ray.init(
            address="local",  # never attach to a cluster some other process started
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}},
            object_store_memory=500 * 1024 * 1024,
        )
    yield ray
    ray.shutdown()


@pytest.fixture
def tmp_out(tmp_path):
    return tmp_path / "out"
