"""Pass-through columns whose types differ between input files (int64 in one, string, a struct or
a list in another): the run never fails on them, a column every file agrees on keeps its type, a
conflicting one is text in every output shard however Ray Data bundled the blocks, and the report
names it. Unit tests of the pieces first (no Ray), then whole runs on Ray with one read task per
file (``CORPUSFORGE_SMALL_INPUT=0``) and a step ``batch_size`` that joins blocks of several files."""

from __future__ import annotations

import datetime
import gzip
import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from engine import columns as C
from engine.executor import run_config
from engine.manifest import verify
from engine.shard_schema import input_conflicts, unify_parquet_shards

TEXT = "an ordinary sentence with enough words in it to be kept by the filter"


# ------------------------------------------------------------------ the rule, without Ray
def test_conflicting_columns_only_where_no_common_type():
    a = pa.schema(
        [("meta", pa.int64()), ("n", pa.int64()), ("s", pa.struct([("x", pa.int64())])), ("z", pa.null())]
    )
    b = pa.schema(
        [
            ("meta", pa.string()),
            ("n", pa.float64()),
            ("s", pa.struct([("y", pa.string())])),
            ("z", pa.int64()),
        ]
    )
    c = pa.schema([("meta", pa.list_(pa.int64())), ("n", pa.int64())])
    assert C.conflicting_columns([a, b, c]) == {"meta": ["int64", "list<item: int64>", "string"]}
    assert C.conflicting_columns([a, a]) == {}
    assert C.conflicting_columns([a, b, pa.schema([("meta", pa.null())])])["meta"] == ["int64", "string"]
    unified = C.unify_schemas([a, b, c])
    assert unified.field("meta").type == pa.string()
    assert unified.field("n").type == pa.float64()  # numbers promote, not text
    assert unified.field("z").type == pa.int64()  # null widens


def test_concat_gives_conflicting_columns_one_type_and_keeps_agreeing_ones():
    a = pa.table({"id": ["a"], "meta": [1], "n": [5]})
    b = pa.table({"id": ["b"], "meta": pa.array([{"k": datetime.date(2020, 1, 2)}]), "n": [6]})
    out = C.concat([a, b])
    assert out.column("meta").to_pylist() == ["1", json.dumps({"k": "2020-01-02"})]
    assert out.schema.field("n").type == pa.int64()
    same = C.concat([a, a])
    assert same.schema == a.schema and same.num_rows == 2


def test_schema_token_round_trip_leaves_out_bookkeeping():
    table = C.add_engine_columns(pa.table({"id": ["a"], "text": ["t"], "meta": [1]}), "f.jsonl", 1)
    schema = C.schema_from_token(C.user_schema_token(table.schema))
    assert schema.names == ["id", "text", "meta"] and schema.field("meta").type == pa.int64()


# ------------------------------------------------------------------ Ray Data's concatenation
def _ray_concat():
    pytest.importorskip("ray.data")
    from ray.data._internal import table_block
    from ray.data._internal.arrow_ops import transform_pyarrow

    assert C.install_tolerant_concat(), "Ray Data's concat is no longer where install_tolerant_concat looks"
    assert hasattr(table_block.concat, "corpusforge_wraps")
    return transform_pyarrow.concat


def test_ray_concat_tolerates_conflicting_pass_through_columns():
    concat = _ray_concat()
    a = pa.table({"id": ["a0", "a1"], "meta": [1, 2], "nested": [[1], [2, 3]]})
    b = pa.table({"id": ["b0"], "meta": ["x"], "nested": [4]})
    out = concat([a, b], promote_types=True)
    assert out.column("id").to_pylist() == ["a0", "a1", "b0"]  # order kept
    assert out.column("meta").to_pylist() == ["1", "2", "x"]
    assert out.column("nested").to_pylist() == ["[1]", "[2, 3]", "4"]


def test_ray_concat_leaves_agreeing_blocks_to_ray():
    concat = _ray_concat()
    a = pa.table({"id": ["a"], "meta": [1], "s": [{"x": 1}]})
    b = pa.table({"id": ["b"], "meta": [None], "s": [{"y": "z"}]})  # null widens; struct fields merge
    out = concat([a, b], promote_types=True)
    assert out.schema.field("meta").type == pa.int64()
    assert out.schema.field("s").type == pa.struct([("x", pa.int64()), ("y", pa.string())])
    assert concat.corpusforge_wraps([a, b], promote_types=True).equals(out)


def test_ray_concat_switch_off(monkeypatch):
    pytest.importorskip("ray.data")
    monkeypatch.setenv(C.TOLERANT_CONCAT_ENV, "0")
    assert not C.install_tolerant_concat()


# ------------------------------------------------------------------ the end of the run, without Ray
def _shard(path, table):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return {"path": str(path.relative_to(path.parents[1]))}


def test_shards_take_text_for_a_column_the_input_disagrees_on(tmp_path):
    """data/ holds meta only as int64 (the string rows were removed), removed/ only as string:
    the input's markers say the column conflicts, so it is text in both."""
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    for i, typ in enumerate([pa.int64(), pa.string()]):
        token = C.user_schema_token(pa.schema([("id", pa.string()), ("meta", typ), ("n", pa.int64())]))
        (units / f"u{i:06d}.json").write_text(json.dumps({"unit": i, "blocks": {}, "schemas": [token]}))
    fs = pafs.LocalFileSystem()
    assert input_conflicts(fs, str(tmp_path)) == {"meta": ["int64", "string"]}
    files = [
        _shard(tmp_path / "data" / "a.parquet", pa.table({"id": ["a"], "meta": [1], "n": [1]})),
        _shard(tmp_path / "data" / "b.parquet", pa.table({"id": ["b"], "meta": [2], "n": [2]})),
        _shard(tmp_path / "removed" / "c.parquet", pa.table({"id": ["c"], "meta": ["x"], "n": [3]})),
    ]
    out = unify_parquet_shards(fs, str(tmp_path), files)
    assert out["coerced"] == {"meta": ["int64", "string"]}
    assert out["rewritten"] == 2
    data = pq.read_table(tmp_path / "data")
    assert data.schema.field("meta").type == pa.string() and sorted(data.column("meta").to_pylist()) == [
        "1",
        "2",
    ]
    assert data.schema.field("n").type == pa.int64()  # agreeing columns keep their type
    assert pq.read_table(tmp_path / "removed").column("meta").to_pylist() == ["x"]


def test_shards_untouched_when_the_input_agrees(tmp_path):
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    token = C.user_schema_token(pa.schema([("id", pa.string()), ("meta", pa.int64())]))
    for i in range(3):
        (units / f"u{i:06d}.json").write_text(json.dumps({"unit": i, "blocks": {}, "schemas": [token]}))
    files = [
        _shard(tmp_path / "data" / f"{i}.parquet", pa.table({"id": [str(i)], "meta": [i]})) for i in range(3)
    ]
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 0 and out["coerced"] == {} and out["conflicts"] == {}


# ------------------------------------------------------------------ whole runs on Ray
def _run(folder, out, fmt: str, batch_size: int | None = 64) -> dict:
    step = {"op": "length_filter", "min_words": 1}
    if batch_size:
        step["resources"] = {"batch_size": batch_size}
    return run_config(
        {
            "name": "schema_conflicts",
            "input": {"paths": [str(folder)], "format": fmt},
            "output": {"path": str(out), "format": "parquet", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [step],
        }
    )


@pytest.fixture
def separate_tasks(monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")  # one read task per file


@pytest.mark.parametrize("batch_size", [None, 64])
def test_parquet_inputs_with_conflicting_and_nested_columns(
    ray_session, tmp_path, separate_tasks, batch_size
):
    folder = tmp_path / "in"
    folder.mkdir()
    ids = {"a": ["a0", "a1"], "b": ["b0", "b1"], "c": ["c0"]}
    pq.write_table(
        pa.table(
            {
                "id": ids["a"],
                "text": [TEXT] * 2,
                "meta": [1, 2],
                "tags": [["x"], ["y", "z"]],
                "n": [1, 2],
                "info": [{"k": 1}, {"k": 2}],
            }
        ),
        folder / "a.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "id": ids["b"],
                "text": [TEXT] * 2,
                "meta": ["m", None],
                "tags": ["solo", "pair"],
                "n": [3, 4],
                "info": ["plain", "text"],
            }
        ),
        folder / "b.parquet",
    )
    pq.write_table(pa.table({"id": ids["c"], "text": [TEXT], "n": [5]}), folder / "c.parquet")
    report = _run(folder, tmp_path / "out", "parquet", batch_size)
    assert report["output_docs"] == 5
    data = pq.read_table(tmp_path / "out" / "data")
    assert data.schema.field("n").type == pa.int64()
    rows = {r["id"]: r for r in data.to_pylist()}
    assert rows["a0"]["meta"] == "1" and rows["b0"]["meta"] == "m" and rows["b1"]["meta"] is None
    assert rows["a1"]["tags"] == '["y", "z"]' and rows["b1"]["tags"] == "pair"
    assert rows["a0"]["info"] == '{"k": 1}' and rows["b0"]["info"] == "plain"
    assert rows["c0"]["meta"] is None and rows["c0"]["n"] == 5
    # the rewritten shards' sizes and hashes are the manifest's: `corpusforge verify` finds nothing
    checked = verify(pafs.LocalFileSystem(), str(tmp_path / "out"))
    assert checked["checked"] > 0 and checked["missing"] == checked["altered"] == checked["extra"] == []
    assert report["notes"] == [
        "data/: columns with conflicting types across shards: "
        "info (string, struct<k: int64>): as text, meta (int64, string): as text, "
        "tags (list<element: string>, string): as text"
    ]
    assert sorted(report["columns_as_text"]) == ["info", "meta", "tags"]


def test_jsonl_files_that_agree_keep_their_types(ray_session, tmp_path, separate_tasks):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, first in (("a", 0), ("b", 10)):
        (folder / f"{name}.jsonl").write_text(
            "".join(
                json.dumps({"id": f"{name}{i}", "text": TEXT, "meta": first + i, "obj": {"k": [i]}}) + "\n"
                for i in range(3)
            )
        )
    report = _run(folder, tmp_path / "out", "jsonl")
    assert report["output_docs"] == 6 and "notes" not in report and report["columns_as_text"] == {}
    data = pq.read_table(tmp_path / "out" / "data")
    assert data.schema.field("meta").type == pa.int64()
    assert data.schema.field("obj").type == pa.struct([("k", pa.list_(pa.int64()))])


def test_jsonl_conflict_inside_one_file_across_blocks(ray_session, tmp_path, separate_tasks):
    """One file whose first blocks have meta as numbers and a later block as text: the reader infers
    each block's types on its own, so the blocks of one read task conflict too."""
    folder = tmp_path / "in"
    folder.mkdir()
    pad = "x" * 2000
    lines = [json.dumps({"id": f"d{i}", "text": f"{TEXT} {pad}", "meta": i}) for i in range(1500)]
    lines += [json.dumps({"id": f"s{i}", "text": f"{TEXT} {pad}", "meta": f"t{i}"}) for i in range(1500)]
    (folder / "one.jsonl").write_text("\n".join(lines) + "\n")
    report = run_config(
        {
            "name": "schema_conflicts",
            "input": {"paths": [str(folder)], "format": "jsonl", "block_mb": 1},
            "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [{"op": "length_filter", "min_words": 1, "resources": {"batch_size": 4000}}],
        }
    )
    assert report["output_docs"] == 3000
    meta = pq.read_table(tmp_path / "out" / "data", columns=["id", "meta"]).to_pylist()
    got = {r["id"]: r["meta"] for r in meta}
    assert got["d7"] == "7" and got["s7"] == "t7"


def test_jsonl_output_with_conflicting_columns(ray_session, tmp_path, separate_tasks):
    """JSONL shards follow the Parquet rule: the conflicting column is text in every row of every
    shard (a consumer reading them all sees one type) and the report names it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        "".join(json.dumps({"id": f"a{i}", "text": TEXT, "meta": i}) + "\n" for i in range(3))
    )
    (folder / "b.jsonl").write_text(
        "".join(json.dumps({"id": f"b{i}", "text": TEXT, "meta": f"x{i}"}) + "\n" for i in range(3))
    )
    report = run_config(
        {
            "name": "schema_conflicts",
            "input": {"paths": [str(folder)], "format": "jsonl"},
            "output": {"path": str(tmp_path / "out"), "format": "jsonl", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [{"op": "length_filter", "min_words": 1, "resources": {"batch_size": 64}}],
        }
    )
    assert report["output_docs"] == 6
    assert report["notes"] == [
        "data/: columns with conflicting types across shards: meta (int64, string): as text"
    ]
    assert report["columns_as_text"] == {"meta": ["int64", "string"]}
    rows = [
        json.loads(line)
        for p in (tmp_path / "out" / "data").glob("*.jsonl.gz")
        for line in gzip.open(p, "rt")
    ]
    assert sorted(r["meta"] for r in rows) == ["0", "1", "2", "x0", "x1", "x2"]  # all strings
    checked = verify(pafs.LocalFileSystem(), str(tmp_path / "out"))  # rewritten shards: the manifest's
    assert checked["checked"] > 0 and checked["missing"] == checked["altered"] == checked["extra"] == []


def test_unpickled_task_makes_the_workers_concat_tolerant_again():
    """A worker that imported engine.columns before Ray Data has Ray's own concat; unpickling
    any engine task (done at the start of every Ray Data task) installs the tolerant one."""
    import pickle

    import ray.data  # noqa: F401
    from ray.data._internal import table_block
    from ray.data._internal.arrow_ops import transform_pyarrow

    from engine.read_plan import _ReadFn

    C.install_tolerant_concat()
    wrapped = transform_pyarrow.concat
    original = wrapped.corpusforge_wraps
    try:
        transform_pyarrow.concat = table_block.concat = original  # as in such a worker
        task = pickle.loads(pickle.dumps(_ReadFn(None, [], None, None, "")))
        assert isinstance(task, _ReadFn)
        assert transform_pyarrow.concat.corpusforge_wraps is original
        assert table_block.concat.corpusforge_wraps is original
        joined = transform_pyarrow.concat([pa.table({"meta": [1]}), pa.table({"meta": ["x"]})])
        assert joined.column("meta").to_pylist() == ["1", "x"]
    finally:
        transform_pyarrow.concat = table_block.concat = wrapped
