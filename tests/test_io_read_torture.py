"""Reader on damaged files and schemas that disagree across files: a gzip file cut
mid-stream is read as far as it goes and its end is quarantined with a reason
(it used to fail the whole run: ``OSError: Truncated compressed stream``), and
blocks whose pass-through columns have conflicting types get one schema."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pytest

from engine import columns as C
from engine.config import InputConfig, StorageConfig
from engine.io_read import TRUNCATED_INPUT, ReadSpec, expand_inputs, plan_units, read_unit


def _read(folder, **kw):
    cfg = InputConfig(paths=[str(folder)], **kw)
    files = expand_inputs(cfg, StorageConfig())
    spec = ReadSpec(cfg, StorageConfig())
    counts: dict[str, int] = {}
    tables = [t for fs_, span in plan_units(files, cfg) for t in read_unit(spec, fs_, span, counts)]
    return C.concat(tables), counts


def _lines(n: int, words: int = 60) -> bytes:
    return b"".join(
        json.dumps({"id": f"d{i}", "text": f"document {i} " + "word " * words}).encode() + b"\n"
        for i in range(n)
    )


@pytest.mark.parametrize("block_mb", [0.01, 32.0])
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.9])
def test_cut_gzip_is_read_as_far_as_it_goes(tmp_path, block_mb, fraction):
    data = _lines(400)
    whole = gzip.compress(data)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cut.jsonl.gz").write_bytes(whole[: int(len(whole) * fraction)])
    table, counts = _read(tmp_path / "in", block_mb=block_mb)
    # what zlib can decode of the cut stream: its complete lines are documents
    d = __import__("zlib").decompressobj(16 + 15)
    readable = d.decompress(whole[: int(len(whole) * fraction)])
    complete = readable.count(b"\n")
    live = C.live_mask(table).to_pylist()
    reasons = table.column(C.REASON).to_pylist()
    assert sum(live) == complete
    assert table.column("id").to_pylist()[:complete] == [f"d{i}" for i in range(complete)]
    # exactly one record names the damage, holding the partial last line
    damaged = [i for i, r in enumerate(reasons) if r == TRUNCATED_INPUT]
    assert len(damaged) == 1 and not live[damaged[0]]
    assert table.column(C.RAW)[damaged[0]].as_py() == readable.rpartition(b"\n")[2].decode("utf-8", "replace")
    assert table.num_rows == complete + 1
    # the reader's own count agrees: every line is a row (the damaged end counts as one)
    assert counts["lines"] - counts["blank"] == table.num_rows


def test_cut_gzip_at_a_line_boundary_still_names_the_damage(tmp_path):
    data = _lines(50)
    whole = gzip.compress(data)
    # a stream cut after its last byte of data: only the gzip trailer (CRC, size) is missing
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cut.jsonl.gz").write_bytes(whole[:-8])
    table, counts = _read(tmp_path / "in")
    reasons = table.column(C.REASON).to_pylist()
    assert reasons.count(TRUNCATED_INPUT) == 1
    assert sum(C.live_mask(table).to_pylist()) == 50
    assert counts["lines"] - counts["blank"] == table.num_rows == 51


def test_empty_and_garbage_gzip(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.jsonl.gz").write_bytes(b"")
    (tmp_path / "in" / "empty2.jsonl.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "in" / "garbage.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that is no deflate stream")
    (tmp_path / "in" / "ok.jsonl").write_bytes(_lines(3))
    table, counts = _read(tmp_path / "in")
    reasons = table.column(C.REASON).to_pylist()
    assert sum(C.live_mask(table).to_pylist()) == 3
    assert reasons.count(TRUNCATED_INPUT) == 1  # the garbage file: nothing readable, its damage named
    assert counts["lines"] - counts["blank"] == table.num_rows


def test_highly_compressed_cut_gzip_is_decoded_in_bounded_pieces(tmp_path):
    # 64 MB of one character compresses to ~64 KB: the salvage must not expand it at once
    text = b"." * (64 << 20)
    whole = gzip.compress(json.dumps({"id": "dots", "text": "x"}).encode() + b"\n" + text, compresslevel=1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dots.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    table, _ = _read(tmp_path / "in", block_mb=1)
    reasons = table.column(C.REASON).to_pylist()
    assert table.column("id").to_pylist()[0] == "dots" and reasons[0] is None
    assert reasons.count(TRUNCATED_INPUT) == 1


def test_unify_schemas_conflicting_types_become_text():
    a = pa.table({"id": ["a"], "meta": pa.array([1], pa.int64()), "n": pa.array([1], pa.int32())})
    b = pa.table({"id": ["b"], "meta": pa.array([{"x": [1, 2]}]), "n": pa.array([2.5])})
    c = pa.table({"id": ["c"], "meta": pa.array(["text"]), "extra": pa.array([None], pa.null())})
    schema = C.unify_schemas([a.schema, b.schema, c.schema])
    assert schema.field("meta").type == pa.string()
    assert schema.field("n").type == pa.float64()  # numbers still promote
    rows = [C.conform(t, schema).to_pylist()[0] for t in (a, b, c)]
    assert [r["meta"] for r in rows] == ["1", json.dumps({"x": [1, 2]}), "text"]
    assert rows[0]["extra"] is None and rows[1]["n"] == 2.5


def test_unify_schemas_no_conflict_is_pyarrows():
    a = pa.schema([("id", pa.string()), ("x", pa.null())])
    b = pa.schema([("id", pa.string()), ("x", pa.int64())])
    assert C.unify_schemas([a, b]) == pa.unify_schemas([a, b], promote_options="permissive")


def test_bom_at_file_start_is_no_content(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + _lines(3))
    (tmp_path / "in" / "bom.jsonl.gz").write_bytes(gzip.compress(b"\xef\xbb\xbf" + _lines(2)))
    (tmp_path / "in" / "bom_only.jsonl").write_bytes(b"\xef\xbb\xbf")
    table, counts = _read(tmp_path / "in")
    assert sorted(table.column("id").to_pylist()) == ["d0", "d0", "d1", "d1", "d2"]
    assert all(C.live_mask(table).to_pylist())
    # a BOM later in a file is content: the line is no JSON object and is quarantined with a reason
    (tmp_path / "in2").mkdir()
    (tmp_path / "in2" / "mid.jsonl").write_bytes(_lines(1) + b"\xef\xbb\xbf" + _lines(1))
    table, _ = _read(tmp_path / "in2")
    assert table.column(C.REASON).to_pylist() == [None, "malformed_json"]


def test_mixed_type_ids_stay_as_written(tmp_path):
    (tmp_path / "in").mkdir()
    rows = [
        {"id": "a", "text": "one two"},
        {"id": 7, "text": "three"},
        {"id": None, "text": "four"},
        {"text": "x"},
    ]
    (tmp_path / "in" / "ids.jsonl").write_bytes(b"\n".join(json.dumps(r).encode() for r in rows) + b"\n")
    table, _ = _read(tmp_path / "in")
    assert table.column("id").to_pylist() == ["a", "7", "ids.jsonl:3", "ids.jsonl:4"]
