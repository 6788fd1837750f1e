"""The end of a run on shards with thousands of columns: linear in columns, not quadratic.

A JSON input with 5,000 keys per record (the torture corpus of scripts/torture_chains.py) gave
shards of ~5,050 columns, and giving them one schema (``engine.shard_schema``) took 123-650 s of
the end of a 136-line run: :func:`engine.columns.conform` looked each column up in a fresh list of
the table's column names (28.6 CPU-s per 5,010-column shard; now 0.04 s). A complexity test
(T(8n) / T(n) of this thread's CPU time, ``tests/pii_linear.py``), never a wall-clock bound.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine.columns import conform, lossy_columns
from engine.shard_schema import unify_parquet_shards
from tests.pii_linear import ratio

SIZES = {"small": 250, "large": 2000}


def _wide(n: int, kind=pa.int64()) -> pa.Table:
    return pa.table({f"k{i}": pa.array([i, None], kind) for i in range(n)})


def test_conform_is_linear_in_columns():
    tables = {key: _wide(n) for key, n in SIZES.items()}
    # every column cast and the order reversed: each one is looked up by name
    schemas = {
        key: pa.schema([pa.field(f.name, pa.float64()) for f in reversed(t.schema)])
        for key, t in tables.items()
    }
    out = conform(tables["small"], schemas["small"])
    assert out.schema.equals(schemas["small"]) and out.column("k7").to_pylist() == [7.0, None]
    r, t, t8 = ratio(lambda key: conform(tables[key], schemas[key]), "small", "large")
    assert r < 16, (r, t, t8)


def test_lossy_columns_is_linear_in_columns():
    pairs = {key: [_wide(n), _wide(n, pa.float64())] for key, n in SIZES.items()}
    pairs["small"][0] = pairs["small"][0].set_column(0, "k0", pa.array([2**53 + 1, None], pa.int64()))
    assert lossy_columns(pairs["small"]) == {"k0": ["double", "int64"]}
    r, t, t8 = ratio(lambda key: lossy_columns(pairs[key]), "small", "large")
    assert r < 16, (r, t, t8)


def test_unify_shards_with_thousands_of_columns(tmp_path):
    (tmp_path / "data").mkdir()
    files = []
    for name, table in (("a.parquet", _wide(3000)), ("b.parquet", _wide(3000, pa.float64()))):
        pq.write_table(table, tmp_path / "data" / name)
        files.append({"path": f"data/{name}", "rows": table.num_rows})
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 1  # a: its int64 columns promoted to double, as b has them
    a = pq.read_table(tmp_path / "data" / "a.parquet")
    assert a.schema.equals(pq.read_schema(tmp_path / "data" / "b.parquet"))
    assert a.column("k2999").to_pylist() == [2999.0, None]
