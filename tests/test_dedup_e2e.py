"""exact_dedup + minhash_dedup through the engine's executor (real Ray)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.dedup_corpus import labeled_corpus


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_dedup_pipeline_through_executor(ray_session, tmp_path):
    from engine.executor import run_config

    rows, family = labeled_corpus(seed=3, originals=24, negatives=6)
    inp = tmp_path / "in"
    inp.mkdir()
    with open(inp / "docs.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)
    exact_copies = sum(r["kind"] == "exact" for r in rows)
    cfg = {
        "name": "dedup_e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "pipeline": [
            {"op": "exact_dedup", "name": "exact"},
            {"op": "minhash_dedup", "name": "near", "verify": True},
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"]
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["exact"]["removed"] == {"exact_duplicate": exact_copies}
    near = ops["near"]["removed"].get("near_duplicate", 0)
    assert near > 0
    kept = pq.read_table(tmp_path / "out" / "data").column("id").to_pylist()
    assert len(kept) == len(rows) - exact_copies - near == report["output_docs"]
    # one document per family survives among the near copies found; negatives all survive
    assert all(any(k == r["id"] for k in kept) for r in rows if r["kind"] == "negative")
    assert len({family[k] for k in kept}) == len(kept)
