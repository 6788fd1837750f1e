"""Block boundaries of the JSONL reader: whatever the block size, every line is
read once, with its own line number, and the reader's counts match
(engine/io_read.py _read_jsonl joins the carried partial line with one copy)."""

from __future__ import annotations

import gzip
import json

import pytest

from engine import columns as C
from engine.config import InputConfig, StorageConfig
from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit

LINES = [
    b'{"id": "a", "text": "first line of text"}',
    b"",
    b'{"id": "b", "text": "\xe4\xb8\xad\xe6\x96\x87 words"}',
    b'{"id": "c", "text": "broken',
    b'{"id": "d", "text": "' + b"x" * 300 + b'"}',
    b'{"id": "e", "text": "last"}',
]


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("block", [7, 40, 64, 311, 4096])
@pytest.mark.parametrize("final_newline", [True, False])
def test_every_line_once_at_any_block_size(tmp_path, gz, block, final_newline):
    body = b"\n".join(LINES) + (b"\n" if final_newline else b"")
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / ("a.jsonl.gz" if gz else "a.jsonl")
    path.write_bytes(gzip.compress(body) if gz else body)
    cfg = InputConfig(paths=[str(tmp_path / "in")], block_mb=block / (1024 * 1024))
    files = expand_inputs(cfg, StorageConfig())
    spec = ReadSpec(cfg, StorageConfig())
    counts: dict[str, int] = {}
    tables = [t for fs, span in plan_units(files, cfg) for t in read_unit(spec, fs, span, counts)]
    table = C.concat(tables)
    rows = sorted(zip(table.column(C.LINE).to_pylist(), table.column("id").to_pylist()))
    assert [line for line, _ in rows] == [1, 3, 4, 5, 6]
    by_line = dict(rows)
    assert by_line[1] == "a" and by_line[3] == "b" and by_line[5] == "d" and by_line[6] == "e"
    reasons = dict(zip(table.column(C.LINE).to_pylist(), table.column(C.REASON).to_pylist()))
    assert reasons[4] == "malformed_json" and reasons[5] is None
    texts = dict(zip(table.column(C.LINE).to_pylist(), table.column("text").to_pylist()))
    assert texts[3] == "中文 words" and texts[5] == "x" * 300
    assert counts == {"lines": 6, "blank": 1}


@pytest.mark.parametrize("id_field", ["id", None])
def test_generated_ids_only_where_missing(tmp_path, id_field):
    (tmp_path / "in").mkdir()
    lines = [b'{"id": "given", "text": "one"}', b'{"text": "two"}', b'{"id": null, "text": "three"}']
    (tmp_path / "in" / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    cfg = InputConfig(paths=[str(tmp_path / "in")], id_field=id_field)
    files = expand_inputs(cfg, StorageConfig())
    spec = ReadSpec(cfg, StorageConfig())
    table = C.concat([t for fs, span in plan_units(files, cfg) for t in read_unit(spec, fs, span)])
    expected = ["given", "a.jsonl:2", "a.jsonl:3"] if id_field else ["a.jsonl:1", "a.jsonl:2", "a.jsonl:3"]
    assert table.column("id").to_pylist() == expected
    all_given = tmp_path / "in" / "a.jsonl"
    all_given.write_bytes(b'{"id": "x", "text": "one"}\n{"id": "y", "text": "two"}\n')
    table = C.concat([t for fs, span in plan_units(files, cfg) for t in read_unit(spec, fs, span)])
    assert table.column("id").to_pylist() == (["x", "y"] if id_field else ["a.jsonl:1", "a.jsonl:2"])


def test_blocks_of_a_unit_keep_one_type_and_order_per_column(tmp_path):
    """An all-null column of a block takes the type earlier blocks of its unit gave it, and
    columns keep the order they first came in, so the shards need no rewrite at the end
    (engine/shard_schema.py); columns are never added."""
    lines = []
    for i in range(900):
        group = (i // 150) % 3
        if group == 0:
            rec = {"id": f"d{i}", "text": "words here", "url": f"http://x/{i}", "n": i}
        elif group == 1:
            rec = {"n": i, "url": None, "text": "more words", "id": f"d{i}"}
        else:
            rec = {"id": f"d{i}", "text": "other words", "n": None}
        lines.append(json.dumps(rec).encode())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl.gz").write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    cfg = InputConfig(paths=[str(tmp_path / "in")], block_mb=2000 / (1024 * 1024))
    files = expand_inputs(cfg, StorageConfig())
    spec = ReadSpec(cfg, StorageConfig())
    blocks = [t for fs, span in plan_units(files, cfg) for t in read_unit(spec, fs, span)]
    assert len(blocks) > 6
    user = [[f for f in t.schema if not f.name.startswith("_cf_")] for t in blocks]
    with_url = [fields for fields in user if any(f.name == "url" for f in fields)]
    assert {str(f.type) for fields in with_url for f in fields if f.name == "url"} == {"string"}
    assert {str(f.type) for fields in user for f in fields if f.name == "n"} == {"int64"}
    for fields in user:
        names = [f.name for f in fields]
        assert names == [n for n in ["id", "text", "url", "n"] if n in names]
    assert any("url" not in [f.name for f in fields] for fields in user)  # absent stays absent
    table = C.concat(blocks)
    assert table.num_rows == 900
    assert table.column("url").to_pylist()[:2] == ["http://x/0", "http://x/1"]
