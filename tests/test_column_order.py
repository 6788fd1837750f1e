"""The output shards' column order is the input's, whatever Ray Data bundled: input files with
different columns used to give shards whose order depended on which block Ray joined first (a
column of the second file before or after one of the first). Every shard of data/ and removed/
now has the input's columns in the order the read first met them (the first file's order, then
each column another file adds), then the columns the steps and the removal trace add; JSONL shards
the same keys in the same order. Unit tests of the end of the run (no Ray), then whole runs."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from engine import columns as C
from engine.executor import run_config
from engine.io_write import jsonl_lines
from engine.manifest import verify
from engine.shard_schema import input_order, input_schemas, unify_parquet_shards

TEXT = "an ordinary sentence with enough words in it to be kept by the filter"


def _markers(tmp_path, schemas: list[list[pa.Schema]]) -> None:
    """Unit markers as the reader writes them: each unit's schemas in first-seen order."""
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    for i, unit in enumerate(schemas):
        tokens = [C.user_schema_token(s) for s in unit]
        (units / f"u{i:06d}.json").write_text(json.dumps({"unit": i, "blocks": {}, "schemas": tokens}))


def _schema(*names: str) -> pa.Schema:
    return pa.schema([(n, pa.string()) for n in names])


def test_input_order_follows_the_units_not_the_listing(tmp_path):
    # written out of order on purpose: the listing's order is the file system's
    _markers(tmp_path, [[_schema("id", "text", "a", "c")], [_schema("id", "text", "b", "a")], []])
    (tmp_path / "_progress" / "units" / "u000010.json").write_text(
        json.dumps({"unit": 10, "blocks": {}, "schemas": [C.user_schema_token(_schema("id", "z", "text"))]})
    )
    schemas = input_schemas(pafs.LocalFileSystem(), str(tmp_path))
    assert input_order(schemas) == ["id", "text", "a", "c", "b", "z"]


def _parquet(tmp_path, sub, name, table):
    (tmp_path / sub).mkdir(exist_ok=True, parents=True)
    pq.write_table(table, tmp_path / sub / name)
    return {"path": f"{sub}/{name}", "rows": table.num_rows}


def test_parquet_shards_take_the_input_order(tmp_path):
    _markers(tmp_path, [[_schema("id", "text", "a")], [_schema("id", "text", "b")]])
    files = [
        # blocks joined b-first: b before a; then a step's column
        _parquet(
            tmp_path, "data", "0.parquet", pa.table({"id": ["x"], "text": ["t"], "b": ["1"], "a": ["2"]})
        ),
        _parquet(
            tmp_path, "data", "1.parquet", pa.table({"id": ["y"], "text": ["t"], "a": ["3"], "b": ["4"]})
        ),
        _parquet(
            tmp_path, "data", "2.parquet", pa.table({"id": ["z"], "text": ["t"], "b": ["5"], "score": [1]})
        ),
        _parquet(
            tmp_path,
            "removed",
            "0.parquet",
            pa.table({"id": ["w"], "b": ["6"], "removed_by": ["f"], "a": ["7"]}),
        ),
    ]
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    for name in ("0", "1", "2"):
        assert pq.read_schema(tmp_path / "data" / f"{name}.parquet").names == [
            "id",
            "text",
            "a",
            "b",
            "score",
        ]
    assert pq.read_schema(tmp_path / "removed" / "0.parquet").names == ["id", "a", "b", "removed_by"]
    assert out["rewritten"] == 4 and out["conflicts"] == {}
    assert pq.read_table(tmp_path / "data" / "0.parquet").to_pylist() == [
        {"id": "x", "text": "t", "a": "2", "b": "1", "score": None}
    ]


def test_parquet_shards_in_input_order_are_not_rewritten(tmp_path):
    _markers(tmp_path, [[_schema("id", "text", "a")], [_schema("id", "text", "b")]])
    files = [
        _parquet(
            tmp_path,
            "data",
            f"{i}.parquet",
            pa.table({"id": [str(i)], "text": ["t"], "a": ["1"], "b": ["2"]}),
        )
        for i in range(2)
    ]
    before = [(tmp_path / f["path"]).read_bytes() for f in files]
    assert unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)["rewritten"] == 0
    assert [(tmp_path / f["path"]).read_bytes() for f in files] == before


def _jsonl(tmp_path, name, table):
    (tmp_path / "data").mkdir(exist_ok=True)
    with gzip.open(tmp_path / "data" / name, "wb") as f:
        f.write(bytes(jsonl_lines(table.to_batches()[0])))
    return {"path": f"data/{name}", "rows": table.num_rows}


def _jsonl_rows(path) -> list[list[tuple]]:
    return [list(json.loads(line).items()) for line in gzip.open(path, "rt")]


def test_jsonl_shards_take_the_input_order_and_keys(tmp_path):
    _markers(tmp_path, [[_schema("id", "text", "a")], [_schema("id", "text", "b")]])
    files = [
        _jsonl(tmp_path, "0.jsonl.gz", pa.table({"id": ["x"], "text": ["t"], "b": ["1"], "a": ["2"]})),
        _jsonl(tmp_path, "1.jsonl.gz", pa.table({"id": ["y"], "text": ["t"], "a": ["3"], "b": ["4"]})),
        _jsonl(tmp_path, "2.jsonl.gz", pa.table({"id": ["z"], "text": ["t\n\u00e9"], "b": ["5"]})),
    ]
    before = (tmp_path / "data" / "1.jsonl.gz").read_bytes()
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 2 and sorted(out["digests"]) == ["data/0.jsonl.gz", "data/2.jsonl.gz"]
    assert (tmp_path / "data" / "1.jsonl.gz").read_bytes() == before  # already in order: untouched
    assert _jsonl_rows(tmp_path / "data" / "0.jsonl.gz") == [
        [("id", "x"), ("text", "t"), ("a", "2"), ("b", "1")]
    ]
    assert _jsonl_rows(tmp_path / "data" / "2.jsonl.gz") == [
        [("id", "z"), ("text", "t\n\u00e9"), ("a", None), ("b", "5")]
    ]
    # written as the writer writes a line
    line = gzip.decompress((tmp_path / "data" / "0.jsonl.gz").read_bytes())
    assert line == bytes(
        jsonl_lines(pa.table({"id": ["x"], "text": ["t"], "a": ["2"], "b": ["1"]}).to_batches()[0])
    )


# ------------------------------------------------------------------ whole runs on Ray
FILES = {
    # name: the columns after id and text, in the file's own order
    "a.jsonl": ("alpha", "beta"),
    "b.jsonl": ("gamma", "alpha"),
    "c.jsonl": ("beta", "delta"),
}
INPUT_ORDER = ["id", "text", "alpha", "beta", "gamma", "delta"]


def _write_inputs(folder) -> None:
    folder.mkdir()
    for name, cols in FILES.items():
        rows = []
        for i in range(4):
            row = {"id": f"{name[0]}{i}"}
            row.update({c: f"{c}{i}" for c in cols})  # the pass-through columns before the text
            row["text"] = TEXT if i else "too short"  # the first of each file is removed
            rows.append(row)
        rows.append({"id": f"{name[0]}q", "text": "", **{c: "q" for c in cols}})  # quarantined
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows))


def _shard_names(out, sub: str, fmt: str) -> list[list[str]]:
    if fmt == "parquet" or sub != "data":
        return [pq.read_schema(p).names for p in sorted((out / sub).glob("*.parquet"))]
    return [list(json.loads(gzip.open(p, "rt").readline())) for p in sorted((out / sub).glob("*.jsonl.gz"))]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
@pytest.mark.parametrize("per_file,batch_size", [(False, None), (True, 64), (True, None)])
def test_every_shard_has_the_input_order(ray_session, tmp_path, monkeypatch, fmt, per_file, batch_size):
    if per_file:
        monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")
    else:
        monkeypatch.delenv("CORPUSFORGE_SMALL_INPUT", raising=False)
    _write_inputs(tmp_path / "in")
    step = {"op": "length_filter", "min_words": 5}
    if batch_size:
        step["resources"] = {"batch_size": batch_size}
    report = run_config(
        {
            "name": "column_order",
            "input": {"paths": [str(tmp_path / "in")], "format": "jsonl"},
            "output": {"path": str(tmp_path / "out"), "format": fmt, "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [step],
        }
    )
    assert (report["output_docs"], report["removed_docs"], report["quarantined"]) == (9, 3, 3)
    out = tmp_path / "out"
    data = _shard_names(out, "data", fmt)  # the input's columns, then the step's signals (n_words, ...)
    assert data and all(names[: len(INPUT_ORDER)] == INPUT_ORDER for names in data)
    assert len({tuple(n) for n in data}) == 1
    removed = _shard_names(out, "removed", fmt)
    assert removed and all(names[: len(INPUT_ORDER)] == INPUT_ORDER for names in removed)
    assert len({tuple(n) for n in removed}) == 1
    quarantine = _shard_names(out, "quarantine", fmt)
    assert quarantine and len({tuple(n) for n in quarantine}) == 1
    checked = verify(pafs.LocalFileSystem(), str(out))
    assert checked["missing"] == checked["altered"] == checked["extra"] == []


def test_quarantine_keeps_its_own_columns_order(tmp_path):
    """quarantine/ (and removed/index/) have the engine's columns, not the input's: an input column
    that shares a name with one of them (``reason``, ``source``) does not reorder them."""
    _markers(tmp_path, [[_schema("id", "text", "reason", "source")], [_schema("id", "text", "extra")]])
    quarantine = pa.table(
        {
            "id": ["q"],
            "source": ["f.jsonl"],
            "line": [3],
            "step": ["input"],
            "reason": ["empty"],
            "raw": ["{}"],
        }
    )
    files = [
        _parquet(tmp_path, "quarantine", "0.parquet", quarantine),
        _parquet(tmp_path, "quarantine", "1.parquet", quarantine),
        _parquet(
            tmp_path, "removed/index", "0.parquet", pa.table({"id": ["r"], "reason": ["x"], "source": ["s"]})
        ),
    ]
    before = [(tmp_path / f["path"]).read_bytes() for f in files]
    out = unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert out["rewritten"] == 0
    assert [(tmp_path / f["path"]).read_bytes() for f in files] == before
