"""``output.removed: sample`` chooses its rows before redacting them (engine/sink_sample.py):
the candidates of any block layout, spread over any number of worker processes,
hold the global seeded bottom-k; later blocks of a process yield fewer candidates
than a block-local bottom-k; and only candidates reach the analyzer."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
from engine import sink_sample
from engine.config import load_config
from engine.io_write import CorpusSink, WriteOptions
from engine.trace import bottom_k, merge_samples, trace_hashes, trace_keys


def _trace(n: int, keys: list[str], seed: int = 1) -> pa.Table:
    rng = random.Random(seed)
    reasons = [rng.choice(keys) for _ in range(n)]
    return pa.table(
        {
            "id": [f"d{i}" for i in range(n)],
            "input_file": ["in.jsonl"] * n,
            "input_line": list(range(1, n + 1)),
            "generated_by": pa.array([None] * n, pa.string()),
            "removed_by": [r.split("/")[0] for r in reasons],
            "removal_reason": [r.split("/")[1] for r in reasons],
        }
    )


def _blocks(table: pa.Table, rng: random.Random) -> list[pa.Table]:
    cuts = sorted(rng.sample(range(1, table.num_rows), 12))
    edges = [0, *cuts, table.num_rows]
    return [table.slice(a, b - a) for a, b in zip(edges, edges[1:]) if b > a]


def test_candidates_hold_the_global_sample_for_any_layout_and_process_count():
    keys = ["length/too_short", "length/too_long", "lang/not_kept", "dedup/exact"]
    table = _trace(3000, keys)
    k, seed = 40, 7
    whole_mask, _ = bottom_k(table, k, seed)
    expected = set(table.filter(pa.array(whole_mask)).column("id").to_pylist())
    for layout in range(6):
        rng = random.Random(layout)
        procs = 1 + layout % 3
        merged, chosen = None, set()
        for i, block in enumerate(_blocks(table, rng)):
            mask, hashes = sink_sample.candidates(block, k, seed, f"layout{layout}-proc{i % procs}")
            per_key = trace_keys(block.filter(pa.array(mask))).value_counts().to_pylist()
            assert all(entry["counts"] <= k for entry in per_key)  # at most k per key and block
            chosen |= set(block.filter(pa.array(mask)).column("id").to_pylist())
            merged = merge_samples(merged, {"k": k, "hashes": hashes})
        assert expected <= chosen
        # the driver's prune: candidates at or below each key's global k-th smallest hash
        limit = {key: v[k - 1] if len(v) >= k else None for key, v in merged["hashes"].items()}
        ids = np.array(table.column("id").to_pylist())
        hashes = trace_hashes(table, seed)
        kept = {
            ids[i]
            for i, key in enumerate(trace_keys(table).to_pylist())
            if ids[i] in chosen and (limit[key] is None or hashes[i] <= limit[key])
        }
        assert kept == expected


def test_later_blocks_of_a_process_yield_fewer_candidates_than_block_local_bottom_k():
    table = _trace(20_000, ["f/r"], seed=3)
    k, seed = 50, 0
    running = local = 0
    for start in range(0, table.num_rows, 500):
        block = table.slice(start, 500)
        running += int(sink_sample.candidates(block, k, seed, "one-process")[0].sum())
        local += int(bottom_k(block, k, seed)[0].sum())
    assert local == 40 * k
    assert running < local / 3  # about k * (1 + ln(n / k)) = 350 against 2,000


def test_a_retried_block_chooses_its_rows_again_and_a_new_run_starts_without_bounds():
    block = _trace(300, ["f/r"], seed=5)
    first = sink_sample.candidates(block, 10, 0, "run-a")[0]
    assert first.sum() == 10
    assert sink_sample.candidates(block, 10, 0, "run-a")[0].sum() == 10  # a retried task: the same rows
    assert sink_sample.candidates(block, 10, 0, "run-b")[0].sum() == 10
    other = _trace(300, ["f/r"], seed=6).set_column(0, "id", pa.array([f"x{i}" for i in range(300)]))
    assert sink_sample.candidates(other, 10, 0, "run-a")[0].sum() < 10  # run-a's bound holds
    assert sink_sample.candidates(other, 10, 0, "run-c")[0].sum() == 10


# -- through the writer: only candidates are analysed -------------------------------------


def _sink(tmp_path: Path, **output) -> CorpusSink:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    cfg = load_config(
        {
            "input": {"paths": [str(inp)]},
            "output": {"path": str(tmp_path / "out"), **output},
            "pipeline": [{"op": "length_filter", "min_words": 5}, {"op": "pii_redact"}],
        }
    )
    sink = CorpusSink(str(tmp_path / "out"), pafs.LocalFileSystem(), WriteOptions.from_config(cfg), {})
    sink.create_directories()
    return sink


def _removed_block(first_line: int, n: int) -> pa.Table:
    table = pa.table(
        {
            "id": [f"r{first_line + i}" for i in range(n)],
            "text": [f"short {first_line + i}" for i in range(n)],
            "n_words": [2] * n,
        }
    )
    table = C.add_engine_columns(table, "in.jsonl", first_line)
    return C.mark_removed(table, [False] * n, ["too_short"] * n, "length_filter")


def test_writer_analyses_only_sample_candidates(tmp_path: Path, monkeypatch):
    sink = _sink(tmp_path, removed="sample", removed_sample=5)
    red = sink.options.redactor
    analysed: list[str] = []
    monkeypatch.setattr(red, "redact_array", lambda v: analysed.extend(x for x in v.to_pylist() if x) or v)
    written = 0
    for b in range(8):
        tally = sink._write_block(_removed_block(1 + 100 * b, 100), f"t{b}")
        written += sum(f["rows"] for f in tally["files"] if not f["path"].startswith("removed/index/"))
    texts = [t for t in analysed if t.startswith("short ")]
    assert len(texts) == written < 8 * 5  # a block-local bottom-k would analyse 5 in every block
    index = pq.read_table(tmp_path / "out" / "removed" / "index")
    assert index.num_rows == 800 and "text" not in index.column_names
