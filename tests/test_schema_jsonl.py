"""JSONL output follows the Parquet shards' rule at the end of the run (engine/shard_schema.py), without
Ray: a column whose types conflict across the input is text in every row of every shard, the shards
that change are rewritten as the writer writes them (their new sizes and hashes returned for the
manifest), the others are left as they are, and where the input had one schema nothing is opened."""

from __future__ import annotations

import gzip
import hashlib
import json

import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from engine import columns as C
from engine import shard_schema
from engine.io_write import jsonl_lines


def _markers(tmp_path, schemas: list[pa.Schema]) -> None:
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    for i, schema in enumerate(schemas):
        body = {"unit": i, "blocks": {}, "schemas": [C.user_schema_token(schema)]}
        (units / f"u{i:06d}.json").write_text(json.dumps(body))


def _shard(tmp_path, name: str, table: pa.Table) -> dict:
    (tmp_path / "data").mkdir(exist_ok=True)
    with gzip.open(tmp_path / "data" / name, "wb") as f:
        f.write(bytes(jsonl_lines(table.to_batches()[0])))
    return {"path": f"data/{name}", "rows": table.num_rows}


def _rows(path) -> list[dict]:
    return [json.loads(line) for line in gzip.open(path, "rt")]


def test_conflicting_column_is_text_in_every_jsonl_row(tmp_path):
    ints = pa.schema([("id", pa.string()), ("meta", pa.int64()), ("n", pa.int64())])
    floats = pa.schema([("id", pa.string()), ("meta", pa.float64()), ("n", pa.int64())])
    texts = pa.schema([("id", pa.string()), ("meta", pa.string()), ("n", pa.int64())])
    _markers(tmp_path, [ints, floats, texts])
    files = [
        _shard(tmp_path, "0.jsonl.gz", pa.table({"id": ["a", "b"], "meta": [1, None], "n": [1, 2]}, ints)),
        # an int and a float block joined before the text: promoted to double
        _shard(tmp_path, "1.jsonl.gz", pa.table({"id": ["c", "d"], "meta": [2.0, 2.5], "n": [3, 4]}, floats)),
        _shard(tmp_path, "2.jsonl.gz", pa.table({"id": ["e"], "meta": ["x"], "n": [5]}, texts)),
        _shard(tmp_path, "3.jsonl.gz", pa.table({"id": ["f"], "n": [6]})),  # no meta: gets it as null
    ]
    untouched = (tmp_path / "data" / "2.jsonl.gz").read_bytes()
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["conflicts"] == {"data": ["meta (double, int64, string): as text"]}
    assert out["coerced"] == {"meta": ["double", "int64", "string"]}
    assert sorted(out["digests"]) == ["data/0.jsonl.gz", "data/1.jsonl.gz", "data/3.jsonl.gz"]
    assert out["rewritten"] == 3
    for rel, (size, digest) in out["digests"].items():
        blob = (tmp_path / rel).read_bytes()
        assert (size, digest) == (len(blob), hashlib.sha256(blob).hexdigest())
    assert (tmp_path / "data" / "2.jsonl.gz").read_bytes() == untouched
    rows = [r for i in range(4) for r in _rows(tmp_path / "data" / f"{i}.jsonl.gz")]
    assert {r["id"]: r["meta"] for r in rows} == {
        "a": "1",
        "b": None,
        "c": "2",
        "d": "2.5",
        "e": "x",
        "f": None,
    }
    assert all(list(r) == ["id", "meta", "n"] for r in rows) and [r["n"] for r in rows] == [1, 2, 3, 4, 5, 6]
    # a second pass finds nothing to change
    again = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert again["rewritten"] == 0 and again["coerced"] == out["coerced"]


def test_nested_values_as_json_text(tmp_path):
    lists = pa.schema([("id", pa.string()), ("tags", pa.list_(pa.float64()))])
    texts = pa.schema([("id", pa.string()), ("tags", pa.string())])
    _markers(tmp_path, [lists, texts])
    files = [
        _shard(tmp_path, "0.jsonl.gz", pa.table({"id": ["a"], "tags": [[1.0, 2.5]]}, lists)),
        _shard(tmp_path, "1.jsonl.gz", pa.table({"id": ["b"], "tags": ["solo"]}, texts)),
    ]
    shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert _rows(tmp_path / "data" / "0.jsonl.gz") == [{"id": "a", "tags": "[1, 2.5]"}]
    assert C.text_value([1, 2.5]) == "[1, 2.5]"  # what the Parquet path writes for the same value


def test_one_input_schema_opens_no_jsonl_shard(tmp_path, monkeypatch):
    schema = pa.schema([("id", pa.string()), ("meta", pa.int64())])
    _markers(tmp_path, [schema, schema, schema])
    files = [
        _shard(tmp_path, f"{i}.jsonl.gz", pa.table({"id": [str(i)], "meta": [i]}, schema)) for i in range(3)
    ]

    def no_open(*args, **kwargs):
        raise AssertionError("a JSONL shard was opened")

    monkeypatch.setattr(shard_schema, "_jsonl_keys", no_open)
    monkeypatch.setattr(shard_schema, "_rewrite_jsonl", no_open)
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out == {"rewritten": 0, "conflicts": {}, "coerced": {}, "digests": {}}


def test_one_input_schema_reads_no_parquet_footer(tmp_path, monkeypatch):
    """The common case (every input file has the same columns and types, the writer's fingerprints
    agree): the column order needs no check either, so no footer is read."""
    import pyarrow.parquet as pq

    from engine.io_write import schema_fingerprint

    schema = pa.schema([("id", pa.string()), ("meta", pa.int64())])
    _markers(tmp_path, [schema, schema])
    (tmp_path / "data").mkdir()
    files, prints = [], {}
    for i in range(2):
        table = pa.table({"id": [str(i)], "meta": [i]}, schema)
        pq.write_table(table, tmp_path / "data" / f"{i}.parquet")
        files.append({"path": f"data/{i}.parquet", "rows": 1})
        prints[f"data/{i}.parquet"] = schema_fingerprint(table.schema)

    def no_read(fs, path):
        raise AssertionError("footer read")

    monkeypatch.setattr(shard_schema, "_read_schema", no_read)
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files, prints)
    assert out["rewritten"] == 0
    more = tmp_path / "_progress" / "units" / "u000002.json"
    other = pa.schema([("id", pa.string()), ("extra", pa.string())])
    more.write_text(json.dumps({"unit": 2, "blocks": {}, "schemas": [C.user_schema_token(other)]}))
    with pytest.raises(AssertionError, match="footer read"):  # input schemas differ: the order is checked
        shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files, prints)


def test_int_and_float_files_give_float_numbers_in_every_jsonl_shard(tmp_path):
    """``int64`` in one file and ``double`` in another is no conflict: the column is ``double`` in
    every Parquet shard. JSONL the same: every number of it written as a float (``1.0``), so a reader
    that infers each file's types (pyarrow.json, Hugging Face datasets) finds ``double`` in every
    shard, not ``int64`` in the shards of the first file and ``double`` where blocks met."""
    import pyarrow.json as pajson

    ints = pa.schema([("id", pa.string()), ("score", pa.int64()), ("flag", pa.bool_())])
    floats = pa.schema([("id", pa.string()), ("score", pa.float64()), ("flag", pa.bool_())])
    _markers(tmp_path, [ints, floats])
    files = [
        _shard(
            tmp_path,
            "0.jsonl.gz",
            pa.table({"id": ["a", "b"], "score": [1, None], "flag": [True, False]}, ints),
        ),
        _shard(tmp_path, "1.jsonl.gz", pa.table({"id": ["c"], "score": [2.5], "flag": [True]}, floats)),
    ]
    untouched = (tmp_path / "data" / "1.jsonl.gz").read_bytes()
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 1 and out["conflicts"] == {} and out["coerced"] == {}
    assert (tmp_path / "data" / "1.jsonl.gz").read_bytes() == untouched
    assert gzip.decompress((tmp_path / "data" / "0.jsonl.gz").read_bytes()).decode().splitlines() == [
        '{"id": "a", "score": 1.0, "flag": true}',
        '{"id": "b", "score": null, "flag": false}',
    ]
    for i in range(2):
        table = pajson.read_json(gzip.GzipFile(tmp_path / "data" / f"{i}.jsonl.gz"))
        assert table.schema.field("score").type == pa.float64()
