"""The writer's schema fingerprints spare the end of the run its footer reads
(engine/io_write.py schema_fingerprint, engine/shard_schema.py), without Ray."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from engine import shard_schema
from engine.io_write import schema_fingerprint


def _write(tmp_path, name, table):
    (tmp_path / "data").mkdir(exist_ok=True)
    pq.write_table(table, tmp_path / "data" / name)
    return {"path": f"data/{name}", "rows": table.num_rows}


def test_fingerprint_follows_the_schema():
    a = pa.table({"id": ["a"], "score": [1.0]}).schema
    assert schema_fingerprint(a) == schema_fingerprint(pa.table({"id": ["zz"], "score": [2.5]}).schema)
    assert schema_fingerprint(a) != schema_fingerprint(pa.table({"id": ["a"], "score": pa.nulls(1)}).schema)
    assert schema_fingerprint(a) != schema_fingerprint(pa.table({"score": [1.0], "id": ["a"]}).schema)


def test_equal_fingerprints_read_no_footer(tmp_path, monkeypatch):
    tables = [pa.table({"id": ["a"], "score": [1]}), pa.table({"id": ["b"], "score": [2]})]
    files = [_write(tmp_path, f"{i}.parquet", t) for i, t in enumerate(tables)]
    prints = {f["path"]: schema_fingerprint(t.schema) for f, t in zip(files, tables)}

    def no_read(fs, path):
        raise AssertionError("footer read")

    monkeypatch.setattr(shard_schema, "_read_schema", no_read)
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files, prints)
    assert out == {"rewritten": 0, "conflicts": {}, "coerced": {}, "digests": {}}
    # a shard without a fingerprint (an older writer, a resumed marker): footers are read
    with pytest.raises(AssertionError, match="footer read"):
        shard_schema.unify_parquet_shards(
            pafs.LocalFileSystem(), str(tmp_path), files, {files[0]["path"]: prints[files[0]["path"]]}
        )


def test_differing_fingerprints_unify_as_before(tmp_path):
    tables = [pa.table({"id": ["a"], "score": pa.nulls(1)}), pa.table({"id": ["b"], "score": [3]})]
    files = [_write(tmp_path, f"{i}.parquet", t) for i, t in enumerate(tables)]
    prints = {f["path"]: schema_fingerprint(t.schema) for f, t in zip(files, tables)}
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files, prints)
    assert out["rewritten"] == 1
    assert pq.read_schema(tmp_path / "data" / "0.parquet").field("score").type == pa.int64()
