"""Bytes columns (Parquet ``binary``) in JSONL output. JSON has no bytes: a column whose bytes are
all valid UTF-8 is written as text (what a user of such a column expects: it held text); a column
with any other bytes is written as base64 in every row of every shard (one kind of value per
column, each exact: ``base64.b64decode`` gives the bytes back), and the report's file entries
name it (``base64``). Before, every value was written as Python's repr, ``"b'..'"``. Parquet output
keeps ``binary``."""

from __future__ import annotations

import base64
import gzip
import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
from engine import io_write as W
from engine import shard_schema
from engine.executor import run_config

TEXT = "an ordinary sentence with enough words in it to be kept by the filter"


def _lines(table: pa.Table, encoded: list[str] | None = None) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(W._jsonl_gz(table, encoded)).splitlines()]


def test_utf8_bytes_as_text_and_other_bytes_as_base64():
    table = pa.table(
        {
            "utf8": pa.array([b"abc", None, "中文".encode()], pa.binary()),
            "raw": pa.array([b"\xff\x00", b"ok", None], pa.large_binary()),
            "fixed": pa.array([b"ab", b"cd", b"ef"], pa.binary(2)),
            "inner": pa.array([[b"q"], [b"\xfe"], None], pa.list_(pa.binary())),
            "obj": pa.array([{"k": b"z"}, {"k": None}, None]),
        }
    )
    encoded: list[str] = []
    rows = _lines(table, encoded)
    assert encoded == ["raw", "inner"]
    assert [r["utf8"] for r in rows] == ["abc", None, "中文"]
    assert [r["raw"] for r in rows] == [base64.b64encode(b"\xff\x00").decode(), "b2s=", None]
    assert [base64.b64decode(r["raw"]) for r in rows[:2]] == [b"\xff\x00", b"ok"]  # lossless
    assert [r["fixed"] for r in rows] == ["ab", "cd", "ef"]
    assert [r["inner"] for r in rows] == [["cQ=="], ["/g=="], None]
    assert [r["obj"] for r in rows] == [{"k": "z"}, {"k": None}, None]
    assert not any("b'" in json.dumps(r) for r in rows)


def test_base64_is_decided_per_shard_not_per_batch(monkeypatch):
    """The shard is written in batches: a batch of UTF-8 values after the shard's first
    non-UTF-8 value is base64 too."""
    monkeypatch.setattr(W, "JSONL_BATCH_ROWS", 2)
    table = pa.table({"raw": pa.array([b"\xff", b"a", b"b", b"c"], pa.binary())})
    assert [r["raw"] for r in _lines(table)] == ["/w==", "YQ==", "Yg==", "Yw=="]


def test_a_base64_column_is_base64_in_every_jsonl_shard(tmp_path):
    schema = pa.schema([("id", pa.string()), ("raw", pa.binary())])
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    (units / "u000000.json").write_text(
        json.dumps({"unit": 0, "blocks": {}, "schemas": [C.user_schema_token(schema)]})
    )
    (tmp_path / "data").mkdir()
    files = []
    for name, values in (("0.jsonl.gz", [b"\xff", b"x"]), ("1.jsonl.gz", [b"plain", None])):
        encoded: list[str] = []
        table = pa.table({"id": [f"{name}{i}" for i in range(2)], "raw": pa.array(values, pa.binary())})
        (tmp_path / "data" / name).write_bytes(W._jsonl_gz(table, encoded))
        files.append({"path": f"data/{name}", "rows": 2, **({"base64": encoded} if encoded else {})})
    assert [f.get("base64") for f in files] == [["raw"], None]
    first = (tmp_path / "data" / "0.jsonl.gz").read_bytes()
    out = shard_schema.unify_parquet_shards(pafs.LocalFileSystem(), str(tmp_path), files)
    assert sorted(out["digests"]) == ["data/1.jsonl.gz"] and out["base64"] == {"raw": ["data"]}
    assert (tmp_path / "data" / "0.jsonl.gz").read_bytes() == first  # already base64: left as it is
    assert [f.get("base64") for f in files] == [["raw"], ["raw"]]  # report.json's output_files
    rows = [json.loads(line) for p in ("0", "1") for line in gzip.open(tmp_path / "data" / f"{p}.jsonl.gz")]
    assert [None if r["raw"] is None else base64.b64decode(r["raw"]) for r in rows] == [
        b"\xff",
        b"x",
        b"plain",
        None,
    ]


def test_parquet_binary_to_jsonl_run(ray_session, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")  # one read task (and shard) per file
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(
        pa.table({"id": ["a"], "text": [TEXT], "raw": pa.array([b"\x89PNG\r\n"], pa.binary())}),
        folder / "a.parquet",
    )
    pq.write_table(
        pa.table({"id": ["b"], "text": [TEXT], "raw": pa.array(["日本".encode()], pa.binary())}),
        folder / "b.parquet",
    )
    pq.write_table(
        pa.table({"id": ["c"], "text": [TEXT], "name": pa.array([b"caf\xc3\xa9"], pa.binary())}),
        folder / "c.parquet",
    )
    report = run_config(
        {
            "name": "binary",
            "input": {"paths": [str(folder)], "format": "parquet"},
            "output": {"path": str(tmp_path / "out"), "format": "jsonl", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [],
        }
    )
    assert report["output_docs"] == 3
    rows = {
        r["id"]: r
        for p in sorted((tmp_path / "out" / "data").glob("*.jsonl.gz"))
        for r in map(json.loads, gzip.open(p))
    }
    assert base64.b64decode(rows["a"]["raw"]) == b"\x89PNG\r\n"
    assert base64.b64decode(rows["b"]["raw"]) == "日本".encode()  # the column is base64 in every shard
    assert rows["c"]["name"] == "café"  # all UTF-8: text
    listed = {f["path"]: f.get("base64") for f in report["output_files"]}
    assert list(listed.values()) == [["raw"]] * 3  # c has the key too (null): every shard alike
    assert report["columns_as_base64"] == ["raw"]  # named once at the top of report.json too
