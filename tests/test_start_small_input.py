"""A small input is read by as few tasks as there are idle workers (engine/read_plan.py
``small_input_tasks``); a large one, or one read unit, keeps one task per unit."""

from __future__ import annotations

import pytest
import ray

from engine import read_plan
from engine.io_read import InputFile


def _files(n, size, suffix=".jsonl"):
    return [
        InputFile(path=f"/data/f{i}{suffix}", uri=f"/data/f{i}{suffix}", rel=f"f{i}", size=size, mtime=None)
        for i in range(n)
    ]


@pytest.fixture
def cpus(monkeypatch):
    def set_cpus(n):
        monkeypatch.setattr(ray, "cluster_resources", lambda: {"CPU": float(n)})

    monkeypatch.delenv(read_plan.SMALL_INPUT_ENV, raising=False)
    return set_cpus


def test_small_input_on_two_cpus_is_one_task(cpus):
    cpus(2)
    assert read_plan.small_input_tasks(_files(4, 500_000), 4) == 1


def test_more_cpus_more_tasks_never_more_than_units(cpus):
    cpus(8)
    assert read_plan.small_input_tasks(_files(4, 100_000), 4) == 4
    cpus(4)
    assert read_plan.small_input_tasks(_files(4, 100_000), 4) == 3


def test_large_input_one_unit_or_switch_off_keeps_one_task_per_unit(cpus, monkeypatch):
    cpus(2)
    big = read_plan.SMALL_INPUT_BYTES
    assert read_plan.small_input_tasks(_files(2, big), 2) == 0
    # compressed files count four times their size (engine/stages.py estimate_input_bytes)
    assert read_plan.small_input_tasks(_files(4, big // 8, ".jsonl.gz"), 4) == 0
    assert read_plan.small_input_tasks(_files(4, big // 8), 4) == 1
    assert read_plan.small_input_tasks(_files(1, 10), 1) == 0
    monkeypatch.setenv(read_plan.SMALL_INPUT_ENV, "0")
    assert read_plan.small_input_tasks(_files(4, 10), 4) == 0
