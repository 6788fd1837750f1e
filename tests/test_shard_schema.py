"""engine.shard_schema: one schema per output directory, conflicts reported (no Ray)."""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine.shard_schema import unify_parquet_shards


def _write(tmp_path, name, table):
    (tmp_path / "data").mkdir(exist_ok=True)
    pq.write_table(table, tmp_path / "data" / name, compression="zstd")
    return {"path": f"data/{name}", "rows": table.num_rows}


def test_null_and_missing_columns_are_widened(tmp_path):
    files = [
        _write(tmp_path, "a.parquet", pa.table({"id": ["a"], "score": pa.nulls(1)})),
        _write(tmp_path, "b.parquet", pa.table({"id": ["b"], "score": [3], "tag": ["x"]})),
    ]
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert (out["rewritten"], out["conflicts"]) == (1, {})  # only a differs (score: null, no tag)
    blob = (
        tmp_path / "data" / "a.parquet"
    ).read_bytes()  # the rewritten shard's size and hash, for the manifest
    assert out["digests"] == {"data/a.parquet": (len(blob), hashlib.sha256(blob).hexdigest())}
    a = pq.read_table(tmp_path / "data" / "a.parquet")
    assert a.schema == pq.read_schema(tmp_path / "data" / "b.parquet")
    assert a.to_pylist() == [{"id": "a", "score": None, "tag": None}]
    assert (
        pq.ParquetFile(tmp_path / "data" / "a.parquet").metadata.row_group(0).column(0).compression == "ZSTD"
    )
    # a second pass finds nothing left to do
    assert unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)["rewritten"] == 0


def test_conflicting_shard_types_become_text_and_are_reported(tmp_path):
    """Shards whose column types conflict (no input markers here: a step's own column, say) get one
    schema, that column as text, and the report names it; the agreeing shard is left alone."""
    files = [
        _write(tmp_path, "a.parquet", pa.table({"id": ["a"], "score": [1], "note": pa.nulls(1)})),
        _write(tmp_path, "b.parquet", pa.table({"id": ["b"], "score": ["high"], "note": ["n"]})),
    ]
    before_b = (tmp_path / "data" / "b.parquet").read_bytes()
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 1 and list(out["digests"]) == ["data/a.parquet"]
    assert out["conflicts"] == {"data": ["score (int64, string): as text"]}
    assert out["coerced"] == {"score": ["int64", "string"]}
    assert (tmp_path / "data" / "b.parquet").read_bytes() == before_b
    table = pq.read_table(tmp_path / "data")
    assert table.schema.field("score").type == pa.string()
    assert sorted(table.column("score").to_pylist()) == ["1", "high"]
