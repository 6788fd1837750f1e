"""Readers: every bad input is quarantined with a reason, nothing is dropped."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import zstandard

from engine import columns as C
from engine.config import ConfigError, InputConfig, StorageConfig
from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit


def _read(tmp_path, fmt="jsonl", **kw):
    cfg = InputConfig(paths=[str(tmp_path / "in")], format=fmt, **kw)
    files = expand_inputs(cfg, StorageConfig())
    spec = ReadSpec(cfg, StorageConfig())
    tables = [t for files_, span in plan_units(files, cfg) for t in read_unit(spec, files_, span)]
    return C.concat(tables)


def _fates(table):
    live = C.live_mask(table).to_pylist()
    return {
        i: (None if alive else r)
        for i, alive, r in zip(table.column("id").to_pylist(), live, table.column(C.REASON).to_pylist())
    }


BAD_LINES = [
    b'{"id": "ok1", "text": "hello world", "meta": {"a": 1}}',
    b'{"id": "badjson", "text": "unterminated',
    b'{"id": "badutf8", "text": "caf\xc3\x28 \xff"}',
    b'{"id": "notext", "title": "x"}',
    b'{"id": "nulltext", "text": null}',
    b'{"id": "numtext", "text": 42}',
    b'{"id": "emptytext", "text": "  \\n "}',
    b"[1, 2, 3]",
    b"",
    b'{"id": "toolong", "text": "' + b"x" * 200 + b'"}',
    b'{"id": "surrogate", "text": "bad \\ud800 escape"}',
    b'{"id": "ok2", "text": "\xe4\xb8\xad\xe6\x96\x87"}',
]


def test_jsonl_bad_input_quarantined(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_bytes(b"\n".join(BAD_LINES) + b"\n")
    table = _read(tmp_path, max_chars=100)
    fates = _fates(table)
    # malformed lines have no parsable id: they get source:line ids
    assert fates["ok1"] is None and fates["ok2"] is None
    assert fates["a.jsonl:2"] == "malformed_json"
    assert fates["a.jsonl:3"] == "invalid_utf8"
    assert fates["notext"] == "text_missing"
    assert fates["nulltext"] == "text_missing"
    assert fates["numtext"] == "text_not_string"
    assert fates["emptytext"] == "text_empty"
    assert fates["a.jsonl:8"] == "not_a_json_object"
    assert fates["toolong"] == "text_too_long"
    assert fates["surrogate"] == "invalid_utf8"
    assert table.num_rows == len(BAD_LINES) - 1  # the blank line is not a document
    q = table.filter(pc.invert(C.live_mask(table)))
    assert all(q.column(C.QUARANTINED).to_pylist())
    raw = dict(zip(q.column("id").to_pylist(), q.column(C.RAW).to_pylist()))
    assert raw["a.jsonl:2"].startswith('{"id": "badjson"')
    assert "\ufffd" in raw["a.jsonl:3"]
    lines = dict(zip(table.column("id").to_pylist(), table.column(C.LINE).to_pylist()))
    assert lines["ok2"] == 12 and lines["toolong"] == 10


def test_fast_path_clean_file_and_generated_ids(tmp_path):
    (tmp_path / "in").mkdir()
    rows = [{"text": f"document number {i}", "n": i} for i in range(1000)]
    with gzip.open(tmp_path / "in" / "b.jsonl.gz", "wt") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    table = _read(tmp_path, block_mb=0.01)  # many small blocks
    assert table.num_rows == 1000
    assert table.column("id").to_pylist()[:2] == ["b.jsonl.gz:1", "b.jsonl.gz:2"]
    assert table.column("n").to_pylist() == list(range(1000))
    assert C.live_mask(table).to_pylist() == [True] * 1000


def test_zstd_and_field_mapping(tmp_path):
    (tmp_path / "in").mkdir()
    data = b"".join(
        json.dumps({"doc_id": i, "body": f"text {i}", "text": "other"}).encode() + b"\n" for i in range(5)
    )
    (tmp_path / "in" / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    table = _read(tmp_path, text_field="body", id_field="doc_id")
    assert table.column("id").to_pylist() == ["0", "1", "2", "3", "4"]
    assert table.column("text").to_pylist() == [f"text {i}" for i in range(5)]
    assert table.column("text_original").to_pylist() == ["other"] * 5


def test_parquet_input(tmp_path):
    (tmp_path / "in").mkdir()
    pq.write_table(
        pa.table({"id": ["x", None, "z"], "text": ["a b", "c d", None], "score": [1.0, 2.0, 3.0]}),
        tmp_path / "in" / "d.parquet",
    )
    table = _read(tmp_path, fmt="parquet")
    fates = _fates(table)
    assert fates["x"] is None and fates["d.parquet:2"] is None
    assert fates["z"] == "text_missing"


def test_parquet_non_string_text(tmp_path):
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"id": ["x", "y"], "text": [1, 2]}), tmp_path / "in" / "e.parquet")
    table = _read(tmp_path, fmt="parquet")
    assert set(_fates(table).values()) == {"text_not_string"}


def test_text_files(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "one.txt").write_text("第一篇文章。")
    (tmp_path / "in" / "sub" / "two.txt").write_text("second document")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe bad")
    (tmp_path / "in" / "empty.txt").write_text("")
    table = _read(tmp_path, fmt="text")
    fates = _fates(table)
    assert fates == {
        "bad.txt": "invalid_utf8",
        "empty.txt": "text_empty",
        "one.txt": None,
        "sub/two.txt": None,
    }


def test_globs_and_missing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "a"}\n')
    (tmp_path / "in" / "b.jsonl").write_text('{"text": "b"}\n')
    cfg = InputConfig(paths=[str(tmp_path / "in" / "*.jsonl")])
    assert len(expand_inputs(cfg, StorageConfig())) == 2
    with pytest.raises(ConfigError, match=r"input.paths\[0\]: no jsonl files match"):
        expand_inputs(InputConfig(paths=[str(tmp_path / "none" / "*.jsonl")]), StorageConfig())


def test_mixed_type_passthrough_column(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.jsonl").write_text('{"text": "a", "extra": 1}\n{"text": "b", "extra": "two"}\n')
    table = _read(tmp_path)
    assert table.num_rows == 2 and C.live_mask(table).to_pylist() == [True, True]
    # as text, by the rule blocks of different types follow when they meet (columns.text_value)
    assert table.column("extra").to_pylist() == ["1", "two"]


def test_large_file_split_into_line_aligned_ranges(tmp_path):
    (tmp_path / "in").mkdir()
    lines = [json.dumps({"text": f"line {i} " + "x" * (i % 50)}) for i in range(5000)]
    lines[1234] = "{broken"
    (tmp_path / "in" / "big.jsonl").write_text("\n".join(lines) + "\n")
    cfg = InputConfig(paths=[str(tmp_path / "in")], split_mb=0.02, block_mb=0.005)
    files = expand_inputs(cfg, StorageConfig())
    units = plan_units(files, cfg)
    assert len(units) > 5
    spec = ReadSpec(cfg, StorageConfig())
    table = C.concat([t for fs_, span in units for t in read_unit(spec, fs_, span)])
    assert table.num_rows == 5000
    ids = table.column("id").to_pylist()
    assert sorted(ids, key=lambda x: int(x.split(":")[1])) == [f"big.jsonl:{i + 1}" for i in range(5000)]
    texts = dict(zip(ids, table.column("text").to_pylist()))
    assert texts["big.jsonl:4000"] == json.loads(lines[3999])["text"]
    assert _fates(table)["big.jsonl:1235"] == "malformed_json"
