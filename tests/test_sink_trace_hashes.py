"""The removal trace's row hash (engine/trace.py trace_hashes) is xxh3-64 of the row's
provenance written as ``seed, input_file, input_line, generated_by, id`` joined by
``\\x1f`` (None for a missing value): the bottom-k sample must stay the same set across
runs, layouts and resumed runs, so the keys are compared with that formula directly."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest
import xxhash

from engine.trace import KEY_SEP, trace_hashes


def _reference(table: pa.Table, seed: int) -> np.ndarray:
    n = table.num_rows

    def col(name):
        return table.column(name).to_pylist() if name in table.column_names else [None] * n

    rows = zip(col("input_file"), col("input_line"), col("generated_by"), col("id"))
    return np.array(
        [
            xxhash.xxh3_64_intdigest(
                f"{seed}{KEY_SEP}{s}{KEY_SEP}{ln}{KEY_SEP}{g}{KEY_SEP}{i}".encode("utf-8")
            )
            for s, ln, g, i in rows
        ],
        dtype=np.uint64,
    )


@pytest.mark.parametrize("seed", [0, 7, 12345])
def test_hashes_follow_the_provenance_formula(seed):
    rng = random.Random(seed)
    n = 500
    table = pa.table(
        {
            "input_file": [
                rng.choice(["/a/b.jsonl", "s3://bucket/\u00e9t\u00e9.jsonl.gz", None]) for _ in range(n)
            ],
            "input_line": pa.array(
                [rng.choice([None, 0, rng.randint(1, 10**12)]) for _ in range(n)], pa.int64()
            ),
            "generated_by": [rng.choice([None, "augment_rules"]) for _ in range(n)],
            "id": [rng.choice([None, "", f"doc-{rng.random()}", "\u4e2d\u6587\x1f"]) for _ in range(n)],
            "text": ["t"] * n,
        }
    )
    assert np.array_equal(trace_hashes(table, seed), _reference(table, seed))
    sliced = pa.concat_tables([table.slice(3, 100), table.slice(250, 50)])
    assert np.array_equal(trace_hashes(sliced, seed), _reference(sliced, seed))
    partial = table.drop_columns(["generated_by", "input_line"])
    assert np.array_equal(trace_hashes(partial, seed), _reference(partial, seed))
    assert trace_hashes(table.slice(0, 0), seed).size == 0


def test_non_string_ids_as_python_writes_them():
    table = pa.table({"input_file": ["f"] * 3, "input_line": [1, 2, 3], "id": pa.array([1.5, None, 2.0])})
    assert np.array_equal(trace_hashes(table, 1), _reference(table, 1))
