"""The watchdog asks the statistics actor for the calls of dead workers only when a batch
may be a retry (engine/step_runner.py ``is_retry``): never on a first attempt, always on
the attempt Ray runs after a worker died, for a task and for a restarted pool actor.
Runs in real Ray workers: the attempt is Ray's to tell."""

from __future__ import annotations

import os
import sys

import pyarrow as pa
from ray import cloudpickle

from engine.columns import ENGINE_TYPES, SOURCE
from engine.config import load_config
from engine.step_runner import StepRunner, is_retry

cloudpickle.register_pickle_by_value(sys.modules[__name__])


class _Method:
    def __init__(self, name: str, calls: list[str]) -> None:
        self.name, self.calls = name, calls

    def remote(self, *args):
        self.calls.append(self.name)
        return [] if self.name == "open_calls" else None


class FakeStats:
    """Records which statistics-actor methods a runner calls (in the worker's process)."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        for name in ("add", "add_errors", "call_started", "call_ended", "open_calls"):
            setattr(self, name, _Method(name, self.calls))


def _step(tmp_path):
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [{"op": "length_filter", "min_words": 1}],
        }
    )
    return cfg.steps[0]


def _batch(n: int = 6) -> pa.Table:
    cols = {"id": pa.array([f"d{i}" for i in range(n)]), "text": pa.array([f"doc {i}" for i in range(n)])}
    for name, typ in ENGINE_TYPES.items():
        cols[name] = pa.nulls(n, typ)
    cols[SOURCE] = pa.array(["f.jsonl"] * n)
    return pa.table(cols)


def _run_batch(step, marker: str | None) -> list[str]:
    """Run two batches through a StepRunner; die once first when ``marker`` does not exist yet."""
    if marker is not None and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)  # the worker dies: Ray runs the task (or the actor's call) again
    stats = FakeStats()
    runner = StepRunner(step, stats, doc_timeout_s=30.0)
    runner(_batch())
    runner(_batch())
    return stats.calls


def test_outside_a_worker_the_answer_is_ask():
    assert is_retry() is True


def test_first_attempts_skip_the_round_trip_and_retries_ask(ray_session, tmp_path):
    ray = ray_session
    step = _step(tmp_path)

    task = ray.remote(max_retries=2)(_run_batch)
    first = ray.get(task.remote(step, None))
    assert "open_calls" not in first and "call_started" in first  # the calls are still recorded
    retried = ray.get(task.remote(step, str(tmp_path / "task-died")))
    assert retried.count("open_calls") == 2  # a retry: every batch asks

    @ray.remote(max_restarts=1, max_task_retries=1, num_cpus=0)
    class Pool:
        def run(self, step, marker):
            return _run_batch(step, marker)

    actor = Pool.remote()
    assert "open_calls" not in ray.get(actor.run.remote(step, None))
    assert ray.get(actor.run.remote(step, str(tmp_path / "actor-died"))).count("open_calls") == 2
    ray.kill(actor)
