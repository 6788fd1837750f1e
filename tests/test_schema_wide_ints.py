"""Integers beyond 2^53 meeting doubles, and nested numbers promoted across shards.

Arrow promotes ``int64`` to ``double`` where blocks of both meet, and refuses (or, in pyarrow's JSON
reader, silently rounds) an integer a double cannot hold: 9007199254740993 became 9007199254740992.
Such a column is carried as text instead (every value exact, the report names it), wherever the
two meet: one JSONL block, Ray's concatenation of blocks, shards at the end of the run (Parquet and
JSONL). ``list<int64>`` and ``list<double>`` (structs likewise) follow the flat rule: in JSONL every
shard writes the column's numbers as floats, as the Parquet shards all have ``double``. No Ray."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.json as pajson
import pyarrow.parquet as pq

from engine import columns as C
from engine import io_read as R
from engine import shard_schema
from engine.config import InputConfig
from engine.io_write import jsonl_lines

BIG = 2**53 + 1  # 9007199254740993: the first integer a double cannot hold


def _markers(tmp_path, schemas):
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    for i, schema in enumerate(schemas):
        body = {"unit": i, "blocks": {}, "schemas": [C.user_schema_token(schema)]}
        (units / f"u{i:06d}.json").write_text(json.dumps(body))


def _jsonl_shard(tmp_path, name, table, **extra):
    (tmp_path / "data").mkdir(exist_ok=True)
    with gzip.open(tmp_path / "data" / name, "wb") as f:
        f.write(bytes(jsonl_lines(table.to_batches()[0])))
    return {"path": f"data/{name}", "rows": table.num_rows, **extra}


def _parquet_shard(tmp_path, name, table, **extra):
    (tmp_path / "data").mkdir(exist_ok=True)
    pq.write_table(table, tmp_path / "data" / name)
    return {"path": f"data/{name}", "rows": table.num_rows, **extra}


def _rows(path):
    return [json.loads(line) for line in gzip.open(path, "rt")]


# ------------------------------------------------------------------ the pieces
def test_wide_int_columns_at_the_threshold_and_inside_lists_and_structs():
    edge = 2**53
    table = pa.table(
        {
            "exact": [edge, -edge, 1],  # 2^53 itself is exact in a double
            "over": [1, edge + 1, None],
            "under": [0, 0, -(edge + 1)],
            "small": pa.array([1, 2, 3], pa.int32()),
            "nested": [[1], [edge + 1], None],
            "deep": [{"k": [1]}, {"k": [edge + 1]}, None],
            "nulls": pa.nulls(3, pa.int64()),
        }
    )
    assert C.wide_int_columns(table) == ["over", "under", "nested", "deep"]
    assert C.wide_int_columns(table.slice(0, 1)) == []  # a slice without the wide value


def test_concat_keeps_wide_integers_meeting_doubles_exact():
    ints = pa.table({"n": [BIG, 3], "m": [1, 2]})
    floats = pa.table({"n": [0.5], "m": [1.5]})
    out = C.concat([ints, floats])
    assert out.column("n").to_pylist() == [str(BIG), "3", "0.5"]
    assert out.schema.field("m").type == pa.float64()  # no wide integer: promoted as before
    assert C.lossy_columns([ints, floats]) == {"n": ["double", "int64"]}
    nested = C.concat([pa.table({"n": [[BIG]]}), pa.table({"n": [[0.5]]})])
    assert nested.column("n").to_pylist() == [f"[{BIG}]", "[0.5]"]
    small = C.concat([pa.table({"n": [2**53]}), pa.table({"n": [0.5]})])  # exact as a double
    assert small.schema.field("n").type == pa.float64()


def test_ray_concat_keeps_wide_integers_exact():
    import pytest

    pytest.importorskip("ray.data")
    from ray.data._internal.arrow_ops import transform_pyarrow

    assert C.install_tolerant_concat()
    out = transform_pyarrow.concat([pa.table({"n": [BIG]}), pa.table({"n": [0.5]})], promote_types=True)
    assert out.column("n").to_pylist() == [str(BIG), "0.5"]


def test_jsonl_block_with_wide_integers_and_floats_is_read_exactly():
    cfg = InputConfig(paths=["x"], format="jsonl")
    f = R.InputFile("x.jsonl", "x.jsonl", "x.jsonl", 0, None)
    lines = [
        {"id": "a", "text": "one", "n": BIG, "deep": {"v": [2**64 + 1]}},
        {"id": "b", "text": "two", "n": 0.5, "deep": {"v": [1.5]}},
        {"id": "c", "text": "three", "n": 1e300, "deep": None},
    ]
    chunk = "".join(json.dumps(r) + "\n" for r in lines).encode()
    assert pajson.read_json(pa.BufferReader(chunk)).column("n")[0].as_py() == float(2**53)  # pyarrow rounds
    table, n = R._parse_jsonl_chunk(cfg, f, chunk, 1)
    assert n == 3 and table.column("n").to_pylist() == [str(BIG), "0.5", "1e+300"]
    assert table.column("deep").to_pylist()[0] == json.dumps({"v": [2**64 + 1]})
    # floats alone, however large, keep pyarrow's fast parse and their type
    plain = "".join(json.dumps({"id": str(i), "text": "t", "n": 1e300 * i}) + "\n" for i in range(3)).encode()
    table, _ = R._parse_jsonl_chunk(cfg, f, plain, 1)
    assert table.schema.field("n").type == pa.float64()


# ------------------------------------------------------------------ the end of the run
def test_parquet_shards_of_wide_ints_and_doubles_become_text(tmp_path):
    ints = pa.schema([("id", pa.string()), ("n", pa.int64()), ("m", pa.int64())])
    floats = pa.schema([("id", pa.string()), ("n", pa.float64()), ("m", pa.float64())])
    _markers(tmp_path, [ints, floats])
    files = [
        _parquet_shard(
            tmp_path, "0.parquet", pa.table({"id": ["a"], "n": [BIG], "m": [1]}, ints), wide_ints=["n"]
        ),
        _parquet_shard(tmp_path, "1.parquet", pa.table({"id": ["b"], "n": [0.5], "m": [2.5]}, floats)),
    ]
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["coerced"] == {"n": ["double", "int64"]}
    assert out["conflicts"] == {"data": ["n (double, int64): as text, integers beyond 2^53 met doubles"]}
    table = pq.read_table(tmp_path / "data")
    assert sorted(table.column("n").to_pylist()) == ["0.5", str(BIG)]
    assert table.schema.field("m").type == pa.float64()


def test_jsonl_shards_of_wide_ints_and_doubles_become_text(tmp_path):
    ints = pa.schema([("id", pa.string()), ("n", pa.int64())])
    floats = pa.schema([("id", pa.string()), ("n", pa.float64())])
    _markers(tmp_path, [ints, floats])
    files = [
        _jsonl_shard(
            tmp_path, "0.jsonl.gz", pa.table({"id": ["a", "b"], "n": [BIG, 2]}, ints), wide_ints=["n"]
        ),
        _jsonl_shard(tmp_path, "1.jsonl.gz", pa.table({"id": ["c"], "n": [0.5]}, floats)),
    ]
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["coerced"] == {"n": ["double", "int64"]}
    rows = _rows(tmp_path / "data" / "0.jsonl.gz") + _rows(tmp_path / "data" / "1.jsonl.gz")
    assert [r["n"] for r in rows] == [str(BIG), "2", "0.5"]  # not 9007199254740992.0


def test_nested_int_and_double_lists_give_floats_in_every_jsonl_shard(tmp_path):
    ints = pa.schema(
        [
            ("id", pa.string()),
            ("x", pa.list_(pa.int64())),
            ("s", pa.struct([("a", pa.int64()), ("t", pa.string())])),
        ]
    )
    floats = pa.schema(
        [
            ("id", pa.string()),
            ("x", pa.list_(pa.float64())),
            ("s", pa.struct([("a", pa.float64()), ("t", pa.string())])),
        ]
    )
    _markers(tmp_path, [ints, floats])
    files = [
        _jsonl_shard(
            tmp_path,
            "0.jsonl.gz",
            pa.table({"id": ["a"], "x": [[1, None, 2]], "s": [{"a": 1, "t": "7"}]}, ints),
        ),
        _jsonl_shard(
            tmp_path, "1.jsonl.gz", pa.table({"id": ["b"], "x": [[1.5]], "s": [{"a": 1.5, "t": "8"}]}, floats)
        ),
    ]
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 1 and out["coerced"] == {}
    assert gzip.decompress((tmp_path / "data" / "0.jsonl.gz").read_bytes()).decode() == (
        '{"id": "a", "x": [1.0, null, 2.0], "s": {"a": 1.0, "t": "7"}}\n'
    )
    for i in range(2):  # a reader inferring each file's types finds the same in both
        table = pajson.read_json(gzip.GzipFile(tmp_path / "data" / f"{i}.jsonl.gz"))
        assert table.schema.field("x").type == pa.list_(pa.float64())
        assert table.schema.field("s").type.field("a").type == pa.float64()


def test_blocks_that_met_as_text_are_reported(tmp_path):
    """Blocks of an int64 file (with a wide integer) and a double file joined mid-run (a step's
    batch): the one shard has the column as text already; the report names it all the same."""
    ints = pa.schema([("id", pa.string()), ("n", pa.int64())])
    floats = pa.schema([("id", pa.string()), ("n", pa.float64())])
    _markers(tmp_path, [ints, floats])
    met = pa.table({"id": ["a", "b"], "n": [str(BIG), "0.5"]})
    files = [_parquet_shard(tmp_path, "0.parquet", met)]
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["coerced"] == {"n": ["double", "int64"]} and out["rewritten"] == 0
    assert out["conflicts"] == {"data": ["n (double, int64): as text, integers beyond 2^53 met doubles"]}
