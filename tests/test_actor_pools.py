"""Actor pools never hold every CPU: two stateful steps in one streaming execution
on a 2-CPU Ray (web_text's language_id + quality_classifier) must still leave a CPU
for the read and the task steps, or the run waits forever."""

from __future__ import annotations

import dataclasses
import gzip
import json
import sys
from typing import ClassVar

import pyarrow as pa
import pytest
from ray import cloudpickle

import engine.config
from engine import Mapper, OpParams
from engine.config import load_config
from engine.executor import run_config
from engine.ray_steps import actor_pool_cpus, has_teardown, stateful_as_tasks

cloudpickle.register_pickle_by_value(sys.modules[__name__])


class _Params(OpParams):
    pass


class _StatefulA(Mapper):
    """Test operator with setup(): runs as an actor pool of one actor."""

    name: ClassVar[str] = "stateful_a"
    Params: ClassVar[type[OpParams]] = _Params

    def setup(self) -> None:
        self.tag = "a"

    def transform(self, table):
        return table.append_column("seen_a", pa.array([self.tag] * table.num_rows))


class _StatefulB(_StatefulA):
    name: ClassVar[str] = "stateful_b"

    def setup(self) -> None:
        self.tag = "b"

    def transform(self, table):
        return table.append_column("seen_b", pa.array([self.tag] * table.num_rows))


@pytest.fixture
def pool_ops():
    for cls in (_StatefulA, _StatefulB):
        engine.config.register_operator(cls)
    yield
    for cls in (_StatefulA, _StatefulB):
        engine.config.unregister_operator(cls.name)


def _cfg(tmp_path, pipeline):
    return {
        "name": "pools",
        "input": {"paths": [str(tmp_path / "in")], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }


def test_pool_cpus_scaled_per_execution_segment(tmp_path, pool_ops):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    steps = load_config(
        _cfg(
            tmp_path,
            [
                {"op": "stateful_a"},
                {"op": "length_filter"},
                {"op": "stateful_b"},
                {"op": "exact_dedup"},
                {"op": "stateful_a", "name": "again"},
            ],
        )
    ).steps
    # 2 CPUs: the two pools before the global stage share 1 CPU, leaving 1 for tasks
    assert actor_pool_cpus(steps, 2.0, "actors") == {"stateful_a": 0.5, "stateful_b": 0.5}
    # 4 CPUs: 2 wanted <= 3 available, nothing changes; a lone pool after the stage is fine
    assert actor_pool_cpus(steps, 4.0, "actors") == {}
    # 1 CPU: a lone pool asks for half of it
    assert actor_pool_cpus(steps, 1.0, "actors")["again"] == 0.5
    # auto on a small machine: stateful steps run as tasks, no pool holds a CPU
    assert actor_pool_cpus(steps, 2.0) == {}
    # auto on a larger one: pools again (two pools of one actor each fit into 15 of 16 CPUs)
    big = actor_pool_cpus(steps, 16.0)
    assert big == {} and not stateful_as_tasks(steps[0], 16.0)


def test_stateful_as_tasks_policy(tmp_path, pool_ops):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    pipeline = [
        {"op": "stateful_a"},
        {"op": "stateful_b", "resources": {"concurrency": 2}},
        {"op": "stateful_b", "name": "one", "resources": {"concurrency": 1}},
        {"op": "stateful_a", "name": "custom", "resources": {"custom": {"accelerator": 1}}},
        {"op": "stateful_a", "name": "gpu", "resources": {"num_gpus": 1}},
        {"op": "length_filter"},
    ]
    a, pool2, one, custom, gpu, stateless = load_config(_cfg(tmp_path, pipeline)).steps
    assert stateful_as_tasks(a, 2.0) and stateful_as_tasks(a, 4.0)
    assert not stateful_as_tasks(a, 8.0)  # a larger machine: the pool's own process is worth it
    assert not stateful_as_tasks(pool2, 2.0)  # a pool of two actors was asked for
    assert not stateful_as_tasks(one, 2.0)  # exactly one instance was asked for (a rate-limited client)
    assert not stateful_as_tasks(custom, 2.0) and not stateful_as_tasks(gpu, 2.0, "tasks")
    assert not stateful_as_tasks(stateless, 2.0)  # stateless steps are tasks anyway, not "stateful as tasks"
    assert stateful_as_tasks(a, 64.0, "tasks") and stateful_as_tasks(pool2, 2.0, "tasks")
    assert not stateful_as_tasks(a, 2.0, "actors")


def test_auto_keeps_a_pool_for_an_operator_that_tears_down(tmp_path, pool_ops):
    """A task worker's cached operator ends only when its process exits; an operator with
    something to release at the end of its life keeps its pool actor under ``auto``."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    (a,) = load_config(_cfg(tmp_path, [{"op": "stateful_a"}])).steps

    class WithTeardown(a.op_cls):
        def teardown(self) -> None:
            pass

    class WithClose(a.op_cls):  # the earlier contract's name
        def close(self) -> None:
            pass

    assert stateful_as_tasks(a, 2.0) and not has_teardown(a.op_cls)
    for cls in (WithTeardown, WithClose):
        step = dataclasses.replace(a, op_cls=cls)
        assert has_teardown(cls) and not stateful_as_tasks(step, 2.0)
        assert stateful_as_tasks(step, 2.0, "tasks")  # asked for explicitly


@pytest.mark.timeout(300)
def test_two_actor_pools_on_two_cpus_finish(ray_session, tmp_path, pool_ops):
    (tmp_path / "in").mkdir()
    with gzip.open(tmp_path / "in" / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
        for i in range(300):
            f.write(json.dumps({"id": f"d{i}", "text": f"document number {i} with some words"}) + "\n")
    cfg = _cfg(
        tmp_path, [{"op": "stateful_a"}, {"op": "length_filter", "min_words": 1}, {"op": "stateful_b"}]
    )
    cfg["input"]["block_mb"] = 0.005
    cfg["execution"]["stateful_steps"] = "actors"  # auto would run them as tasks on 2 CPUs
    assert float(ray_session.cluster_resources().get("CPU", 0)) == 2.0
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == 300


class _CountingSetup(Mapper):
    """Test operator whose setup() records the worker process it ran in."""

    name: ClassVar[str] = "counting_setup"
    Params: ClassVar[type[OpParams]] = _Params

    def setup(self) -> None:
        import os

        self.pid = os.getpid()
        # per process, not per instance (this class is unpickled by value with each task)
        sys.counting_setups = getattr(sys, "counting_setups", 0) + 1
        self.setups = sys.counting_setups

    def transform(self, table):
        import ray

        n = table.num_rows
        in_actor = ray.get_runtime_context().get_actor_id() is not None
        table = table.append_column("setup_pid", pa.array([self.pid] * n))
        return table.append_column("setups", pa.array([self.setups] * n)).append_column(
            "in_actor", pa.array([in_actor] * n)
        )


@pytest.mark.timeout(300)
def test_stateful_step_as_tasks_sets_up_once_per_worker(ray_session, tmp_path):
    """On 2 CPUs (auto) a stateful step runs in the task workers: set up once in each worker
    process that runs it, every document processed, no actor pool."""
    import pyarrow.parquet as pq

    engine.config.register_operator(_CountingSetup)
    try:
        (tmp_path / "in").mkdir()
        with gzip.open(tmp_path / "in" / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
            for i in range(400):
                f.write(json.dumps({"id": f"d{i}", "text": f"document number {i} with some words"}) + "\n")
        cfg = _cfg(tmp_path, [{"op": "counting_setup"}, {"op": "length_filter", "min_words": 1}])
        cfg["input"]["block_mb"] = 0.002
        report = run_config(cfg)
        assert report["accounting_ok"] and report["output_docs"] == 400
        kept = pq.read_table(tmp_path / "out" / "data")
        assert kept.num_rows == 400
        assert set(kept.column("setups").to_pylist()) == {1}  # one setup per worker process, for every block
        assert 1 <= len(set(kept.column("setup_pid").to_pylist())) <= 4
        assert set(kept.column("in_actor").to_pylist()) == {False}  # tasks, no actor pool
    finally:
        engine.config.unregister_operator(_CountingSetup.name)
