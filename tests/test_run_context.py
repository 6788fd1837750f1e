"""The typed run context (engine.operator.RunContext) on the real Ray executor:
every operator gets the run id, its step's name and index and where the output
is; the generators' technical log lands in OUT/synthetic_log/ without log_dir,
is listed in manifest.json and summarised in report.json; pool actors close
their operator when they end."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import ClassVar

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from ray import cloudpickle

import engine.config
from engine import Mapper, OpParams
from engine.executor import run_config
from engine.manifest import verify
from engine.operator import RunContext

cloudpickle.register_pickle_by_value(sys.modules[__name__])


class ContextParams(OpParams):
    closed_dir: str = ""


class ContextMapper(Mapper):
    """Test operator (task pool): writes what it knows about the run into columns."""

    name: ClassVar[str] = "context_mapper"
    Params: ClassVar[type[OpParams]] = ContextParams

    def transform(self, table):
        ctx: RunContext = self.context
        n = table.num_rows
        prefix = self.name + "_"
        cols = {
            "run_id": ctx.run_id,
            "step_name": ctx.step_name,
            "step_index": ctx.step_index,
            "output_uri": ctx.output_uri,
            "log_dir": ctx.product_dir("synthetic_log"),
        }
        for k, v in cols.items():
            table = table.append_column(prefix + k, pa.array([v] * n))
        return table


class ContextActorMapper(ContextMapper):
    """Test operator (actor pool): the same, and leaves a marker file when closed."""

    name: ClassVar[str] = "context_actor_mapper"

    def setup(self) -> None:
        self.token = uuid.uuid4().hex

    def close(self) -> None:
        if self.params.closed_dir:
            Path(self.params.closed_dir, f"{os.getpid()}-{self.token}").write_text(self.context.step_name)


@pytest.fixture
def context_ops():
    for cls in (ContextMapper, ContextActorMapper):
        engine.config.register_operator(cls)
    yield
    for cls in (ContextMapper, ContextActorMapper):
        engine.config.unregister_operator(cls.name)


def _write(inp: Path, texts):
    inp.mkdir(parents=True, exist_ok=True)
    with gzip.open(inp / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"doc{i}", "text": t}, ensure_ascii=False) + "\n")


def test_every_operator_gets_the_run_context_and_actors_close(ray_session, tmp_path, context_ops):
    _write(tmp_path / "in", [f"document number {i} with a few words" for i in range(30)])
    closed = tmp_path / "closed"
    closed.mkdir()
    out = tmp_path / "out"
    report = run_config(
        {
            "name": "ctx",
            "input": {"paths": [str(tmp_path / "in")]},
            "output": {"path": str(out), "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [
                {"op": "context_mapper"},
                {"op": "context_actor_mapper", "closed_dir": str(closed)},
            ],
        }
    )
    assert report["accounting_ok"] and report["output_docs"] == 30
    data = pads.dataset(str(out / "data"), format="parquet").to_table()
    for op, index in (("context_mapper", 0), ("context_actor_mapper", 1)):
        assert set(data.column(f"{op}_step_name").to_pylist()) == {op}
        assert set(data.column(f"{op}_step_index").to_pylist()) == {index}
        assert set(data.column(f"{op}_output_uri").to_pylist()) == {str(out)}
        assert set(data.column(f"{op}_log_dir").to_pylist()) == {str(out / "synthetic_log")}
    run_ids = set(data.column("context_mapper_run_id").to_pylist())
    assert len(run_ids) == 1 and run_ids == set(data.column("context_actor_mapper_run_id").to_pylist())
    # the pool actor closes its operator when Ray Data lets it go (asynchronously, after the run)
    deadline = time.monotonic() + 30
    while not any(closed.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p.read_text() for p in closed.iterdir()] == ["context_actor_mapper"]


def test_augment_log_lands_in_the_output_listed_and_summarised(ray_session, tmp_path):
    """No log_dir: augment_text (a task-pool step) writes its technical log to OUT/synthetic_log/."""
    texts = [
        "The quick brown fox jumps over the lazy dog near the quiet river bank today.",
        "今天天气很好，我们一起去公园散步，看到了很多美丽的花朵和高大的树木。",
    ] * 10
    _write(tmp_path / "in", texts)
    out = tmp_path / "out"
    report = run_config(
        {
            "name": "augment-log",
            "input": {"paths": [str(tmp_path / "in")]},
            "output": {"path": str(out), "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [
                {"op": "augment_text", "methods": ["word_swap", "word_delete"], "variants": 2, "seed": 1}
            ],
        }
    )
    assert report["accounting_ok"] and report["generated_docs"] > 0
    logs = sorted((out / "synthetic_log").glob("*.jsonl"))
    assert logs, "no technical log in OUT/synthetic_log/"
    records = [json.loads(line) for p in logs for line in p.read_text(encoding="utf-8").splitlines()]
    syn = report["synthetic"]
    assert syn["log_dir"] == "synthetic_log" and syn["log_files"] == len(logs)
    assert syn["generations"] == len(records) == report["generated_docs"]
    assert syn["by_operator"] == {"augment_text": len(records)} and syn["retries"] == 0
    assert syn["http_requests"] == 0  # rule-based: no requests
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {f["path"]: f for f in manifest["files"]}
    for p in logs:
        entry = listed[f"synthetic_log/{p.name}"]
        assert entry["bytes"] == p.stat().st_size and entry["rows"] == len(p.read_text().splitlines())
    assert verify_ok(out)
    saved = json.loads((out / "report.json").read_text())
    assert saved["synthetic"]["generations"] == len(records)


def verify_ok(out: Path) -> bool:
    import pyarrow.fs as pafs

    problems = verify(pafs.LocalFileSystem(), str(out))
    assert not (problems["missing"] or problems["altered"] or problems["extra"]), problems
    return problems["checked"] > 0
