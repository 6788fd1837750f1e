"""exact_dedup + minhash_dedup through the engine's executor (real Ray)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.dedup_corpus import jaccard, labeled_corpus


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_dedup_pipeline_through_executor(ray_session, tmp_path):
    from engine.executor import run_config

    rows, _ = labeled_corpus(seed=3, originals=24, negatives=6)
    inp = tmp_path / "in"
    inp.mkdir()
    with open(inp / "docs.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)
    # exact copies, and any variant that came out identical (e.g. a paragraph shuffle that kept the order)
    exact_copies = len(rows) - len({" ".join(r["text"].split()) for r in rows})
    assert exact_copies >= sum(r["kind"] == "exact" for r in rows)
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
    # hard negatives all survive; of every (copy, original) pair with true Jaccard >= 0.85 one goes
    kept_set = set(kept)
    assert all(r["id"] in kept_set for r in rows if r["kind"] == "negative")
    by_id = {r["id"]: r for r in rows}
    close = [r for r in rows if r["origin"] and jaccard(r["text"], by_id[r["origin"]]["text"]) >= 0.85]
    assert close and not any(r["id"] in kept_set and r["origin"] in kept_set for r in close)
