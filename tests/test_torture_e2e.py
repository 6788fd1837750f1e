"""The full standard chain on the real Ray executor over a generated torture
corpus (tests/torture_corpus.py): every document is accounted for, bad input
is quarantined with its reason, no operator fails on a pathological document,
and the run finishes (issue #11)."""

from __future__ import annotations

import collections

import pyarrow.dataset as pads
from torture_corpus import write_torture_corpus

from engine.executor import run_config

STANDARD_CHAIN = [
    {"op": "normalize_text"},
    {"op": "language_id"},
    {"op": "gopher_repetition"},
    {"op": "gopher_quality"},
    {"op": "c4_quality"},
    {"op": "fineweb_quality"},
    {"op": "exact_dedup"},
    {"op": "minhash_dedup"},
    {"op": "pii_redact"},
]


def _read(path) -> list[dict]:
    if not path.exists():
        return []
    return pads.dataset(str(path), format="parquet").to_table().to_pylist()


def test_standard_chain_accounts_for_every_torture_document(ray_session, tmp_path):
    n_lines = write_torture_corpus(tmp_path / "in" / "torture.jsonl.gz", n=3000)
    assert (tmp_path / "in" / "torture.jsonl.gz").stat().st_size < 4_000_000  # a few MB at most
    report = run_config(
        {
            "name": "torture",
            "input": {"paths": [str(tmp_path / "in")], "format": "jsonl", "block_mb": 1},
            "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": STANDARD_CHAIN,
        }
    )
    assert report["accounting_ok"], report["accounting"]
    assert report["input_docs"] == n_lines
    assert report["input_docs"] == report["output_docs"] + report["removed_docs"] + report["quarantined"]
    # the three malformed lines, quarantined at input with their reasons; no operator failed on a document
    assert report["quarantine_reasons"] == {"malformed_json": 1, "text_not_string": 1, "text_empty": 1}
    quarantine = _read(tmp_path / "out" / "quarantine")
    assert {q["step"] for q in quarantine} == {"input"}
    # kept + removed ids are exactly the readable input ids, each once
    kept = _read(tmp_path / "out" / "data")
    removed = _read(tmp_path / "out" / "removed")
    ids = [r["id"] for r in kept] + [r["id"] for r in removed]
    assert len(ids) == len(set(ids)) == n_lines - 3
    ops = {o["name"]: o for o in report["ops"]}
    assert set(ops) >= {s["op"] for s in STANDARD_CHAIN}
    # the planted exact copies: never both kept, and dedup removed some (filters may remove others first)
    kept_ids = {r["id"] for r in kept}
    dups = [i for i in ids if i.endswith("-dup")]
    assert len(dups) == 8 and not any(d in kept_ids and d.removesuffix("-dup") in kept_ids for d in dups)
    reasons = collections.Counter(r["removal_reason"] for r in removed)
    assert reasons["exact_duplicate"] >= 1
    assert not any("\x00" in r["text"] for r in kept)  # NUL characters cleaned by normalize_text
