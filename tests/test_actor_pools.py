"""Actor pools never hold every CPU: two stateful steps in one streaming execution
on a 2-CPU Ray (web_text's language_id + quality_classifier) must still leave a CPU
for the read and the task steps, or the run waits forever."""

from __future__ import annotations

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
from engine.ray_steps import actor_pool_cpus

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
    assert actor_pool_cpus(steps, 2.0) == {"stateful_a": 0.5, "stateful_b": 0.5}
    # 4 CPUs: 2 wanted <= 3 available, nothing changes; a lone pool after the stage is fine
    assert actor_pool_cpus(steps, 4.0) == {}
    # 1 CPU: a lone pool asks for half of it
    assert actor_pool_cpus(steps, 1.0)["again"] == 0.5


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
    assert float(ray_session.cluster_resources().get("CPU", 0)) == 2.0
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == 300
