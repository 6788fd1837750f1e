"""On a two-node ``ray.cluster_utils.Cluster`` (two raylets on this machine), JSONL output: a column that
is ``int64``, ``double`` and ``string`` in different files is text in every row with the same text as
on one node (numbers by value: ``1`` and ``2.0`` as ``1`` and ``2``), and files with different
columns give every shard the input's column order. One subprocess owns its Ray (the session's local
Ray of the other tests stays apart): tests/test_schema_cluster.py's ``run_on_two_nodes``."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_schema_cluster import run_on_two_nodes  # noqa: E402

pytestmark = pytest.mark.timeout(900)
TEXT = "an ordinary sentence with enough words in it to be kept by the filter"
#: per file: its pass-through columns (in the record's order) for document i
FILES = {
    "a": lambda i: {"meta": i, "alpha": f"a{i}"},
    "b": lambda i: {"beta": i, "meta": i + 0.5 if i % 2 else float(i)},
    "c": lambda i: {"meta": f"x{i}", "alpha": f"a{i}"},
    "d": lambda i: {"gamma": [i], "meta": i},
}


def test_text_and_column_order_on_two_nodes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, columns in FILES.items():
        rows = [{"id": f"{name}{i}", **columns(i), "text": TEXT} for i in range(20)]
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    cfg = {
        "name": "schema_cluster_jsonl",
        "input": {"paths": [str(folder)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "jsonl", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "length_filter", "min_words": 1, "resources": {"batch_size": 64, "num_cpus": 0.5}}
        ],
    }
    result = run_on_two_nodes(cfg)
    assert result["nodes"] == 2 and result["output_docs"] == 80
    assert result["notes"] == [
        "data/: columns with conflicting types across shards: meta (double, int64, string): as text"
    ]
    rows = [
        json.loads(ln) for p in (tmp_path / "out" / "data").glob("*.jsonl.gz") for ln in gzip.open(p, "rt")
    ]
    assert len(rows) == 80
    meta = {r["id"]: r["meta"] for r in rows}
    assert (meta["a3"], meta["b2"], meta["b3"], meta["c3"], meta["d4"]) == ("3", "2", "3.5", "x3", "4")
    keys = {tuple(r) for r in rows}
    assert len(keys) == 1
    assert [k for k in next(iter(keys)) if k in ("id", "text", "meta", "alpha", "beta", "gamma")] == [
        "id",
        "text",
        "meta",
        "alpha",
        "beta",
        "gamma",
    ]
