"""Conflicting pass-through column types on a two-node ``ray.cluster_utils.Cluster`` (two raylets on
this machine): Ray Data's tolerant concatenation must be in place in the worker node's processes too
(they import engine.columns with the run's tasks), and the end of the run must make the column text
in every shard. One subprocess owns its Ray (the session's local Ray of the other tests stays apart)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(900)

DRIVER = """
import json, os, sys
import ray
from ray.cluster_utils import Cluster

cfg = json.loads(sys.argv[1])
env = {"env_vars": {"PYTHONPATH": os.environ["PYTHONPATH"], "CORPUSFORGE_SMALL_INPUT": "0"}}
store = 100 * 1024 * 1024
cluster = Cluster(
    initialize_head=True,
    head_node_args={"num_cpus": 1, "object_store_memory": store, "include_dashboard": False},
)
try:
    cluster.add_node(num_cpus=1, object_store_memory=store)
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, runtime_env=env, log_to_driver=False)
    from engine.executor import run_config

    report = run_config(cfg)
    print("RESULT " + json.dumps({"output_docs": report["output_docs"], "notes": report.get("notes", []),
                                  "nodes": len(ray.nodes())}), flush=True)
finally:
    ray.shutdown()
    cluster.shutdown()
"""


def run_on_two_nodes(cfg: dict) -> dict:
    """Run ``cfg`` with :data:`DRIVER` in a subprocess that owns its two-node Ray (its own
    ``RAY_TMPDIR``, the small-input plan off so blocks spread over both nodes); the driver's
    RESULT line (output_docs, notes, nodes)."""
    ray_tmp = tempfile.mkdtemp(prefix="cfs", dir="/tmp")
    env = {
        **os.environ,
        "RAY_TMPDIR": ray_tmp,
        "CORPUSFORGE_SMALL_INPUT": "0",
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    try:
        proc = subprocess.run(
            [sys.executable, "-c", DRIVER, json.dumps(cfg)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=800,
        )
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-4000:]
    return json.loads(lines[-1][len("RESULT ") :])


def test_conflicting_column_types_on_two_nodes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "an ordinary sentence with enough words in it to be kept by the filter"
    for name in "abcd":  # two files with meta as numbers, two with meta as text
        (folder / f"{name}.jsonl").write_text(
            "".join(
                json.dumps({"id": f"{name}{i}", "text": text, "meta": i if name in "ab" else f"x{i}", "n": i})
                + "\n"
                for i in range(20)
            )
        )
    cfg = {
        "name": "schema_cluster",
        "input": {"paths": [str(folder)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "length_filter", "min_words": 1, "resources": {"batch_size": 64, "num_cpus": 0.5}}
        ],
    }
    result = run_on_two_nodes(cfg)
    assert result["nodes"] == 2 and result["output_docs"] == 80
    assert result["notes"] == [
        "data/: columns with conflicting types across shards: meta (int64, string): as text"
    ]
    data = pq.read_table(tmp_path / "out" / "data")
    assert data.schema.field("meta").type == pa.string() and data.schema.field("n").type == pa.int64()
    meta = {r["id"]: r["meta"] for r in data.select(["id", "meta"]).to_pylist()}
    assert meta["a3"] == "3" and meta["c3"] == "x3" and len(meta) == 80
