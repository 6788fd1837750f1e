"""One compressed input file (one read unit: a .gz stream cannot be split) must
not pin the per-document steps to the read task's core: its blocks are taken by
several worker processes (checked structurally, by process ids, never by time)."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from typing import ClassVar

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from ray import cloudpickle

import engine.config
from engine import Mapper, OpParams
from engine.executor import run_config

cloudpickle.register_pickle_by_value(sys.modules[__name__])


class PidParams(OpParams):
    sleep_s: float = 0.3


class PidMapper(Mapper):
    """Test operator: records the worker process that processed each document."""

    name: ClassVar[str] = "pid_mapper"
    Params: ClassVar[type[OpParams]] = PidParams

    def transform(self, table):
        time.sleep(self.params.sleep_s)  # a per-document step that costs something
        return table.append_column("pid", pa.array([os.getpid()] * table.num_rows, pa.int64()))


@pytest.fixture
def pid_op():
    engine.config.register_operator(PidMapper)
    yield
    engine.config.unregister_operator(PidMapper.name)


def _one_gz(path, n):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(n):
            f.write(
                json.dumps({"id": f"d{i}", "text": f"document {i} " + "words and more words " * 20}) + "\n"
            )


def test_blocks_of_one_gz_file_are_processed_by_several_workers(ray_session, tmp_path, pid_op):
    _one_gz(tmp_path / "in" / "one.jsonl.gz", 1200)
    cfg = {
        "name": "read_parallel",
        "input": {"paths": [str(tmp_path / "in")], "format": "jsonl", "block_mb": 0.03},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [{"op": "pid_mapper"}],
    }
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == 1200
    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    pids = set(data.column("pid").to_pylist())
    # fused read + map (the old plan): the single read task ran every block itself -> one pid
    assert len(pids) >= 2, "every block of one .gz file ran in one process"
    assert sorted(data.column("id").to_pylist()) == sorted(f"d{i}" for i in range(1200))


def test_read_is_not_fused_with_the_steps(ray_session, tmp_path, pid_op):
    """The plan itself: the read operator stands alone, the steps follow it."""
    from engine.config import load_config
    from engine.io_read import expand_inputs
    from engine.ray_steps import apply_step
    from engine.read_plan import build_read
    from engine.stats import StatsActor

    _one_gz(tmp_path / "in" / "one.jsonl.gz", 200)
    cfg = load_config(
        {
            "name": "plan",
            "input": {"paths": [str(tmp_path / "in")], "format": "jsonl", "block_mb": 0.03},
            "output": {"path": str(tmp_path / "out"), "format": "parquet"},
            "pipeline": [{"op": "pid_mapper", "sleep_s": 0.0}],
        }
    )
    import pyarrow.fs as pafs

    out = tmp_path / "out"
    (out / "_progress" / "units").mkdir(parents=True)
    stats = StatsActor.remote()
    ds = build_read(cfg, expand_inputs(cfg.input, cfg.storage), stats, pafs.LocalFileSystem(), str(out))
    ds = apply_step(ds, cfg.steps[0], stats, 10)
    ds = ds.materialize()
    names = ds.stats()
    assert "_ReadFn" in names
    assert "_ReadFn)->MapBatches" not in names, names
