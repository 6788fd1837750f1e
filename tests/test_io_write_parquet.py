"""Parquet shard options (engine/io_write.py _parquet_options): content columns are written
without dictionary and statistics, every other column as before, and nested schemas keep
pyarrow's defaults; the rows read back unchanged."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from engine.io_write import _parquet_options


def _write(table: pa.Table) -> pq.ParquetFile:
    buf = pa.BufferOutputStream()
    pq.write_table(table, buf, compression="zstd", **_parquet_options(table))
    data = buf.getvalue()
    assert pq.read_table(pa.BufferReader(data)).equals(table)
    return pq.ParquetFile(pa.BufferReader(data))


def test_content_columns_plain_without_statistics():
    table = pa.table(
        {"id": ["a", "b", "a"], "text": ["x y", "z", "x y"], "n": [1, 2, 3], "raw": [None, "r", None]}
    )
    rg = _write(table).metadata.row_group(0)
    by_name = {rg.column(i).path_in_schema: rg.column(i) for i in range(rg.num_columns)}
    for name in ("text", "raw"):
        assert "RLE_DICTIONARY" not in by_name[name].encodings and not by_name[name].is_stats_set
    for name in ("id", "n"):
        assert "RLE_DICTIONARY" in by_name[name].encodings and by_name[name].is_stats_set


def test_nested_or_text_free_schemas_keep_the_defaults():
    nested = pa.table({"text": ["x"], "meta": [{"k": "v"}]})
    assert _parquet_options(nested) == {}
    assert _parquet_options(pa.table({"id": ["a"], "n": [1]})) == {}
    rg = _write(nested).metadata.row_group(0)
    assert all(rg.column(i).is_stats_set for i in range(rg.num_columns))
