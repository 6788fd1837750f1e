"""What the removal trace holds when the pipeline redacts: text, provenance and the
columns steps declare; pass-through input text columns (title, author, url,
source ...) are left out of the ``redacted`` trace and the ``sample`` (never
analysed, never written) and redacted in the ``ids`` index, where an input
column named like a quarantine field (``source``) used to pass unredacted."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from engine import columns as C
from engine.config import load_config
from engine.executor import run_config
from engine.io_write import CorpusSink, WriteOptions
from engine.sink_redact import _template_match, declared_columns

EMAIL = "amy.chen@example.org"
AUTHOR_EMAIL = "j.doe@example.net"
SOURCE_EMAIL = "sender.x@example.com"
RAW = (EMAIL, AUTHOR_EMAIL, SOURCE_EMAIL)


def _config(tmp_path: Path, pipeline: list, **output):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    return load_config(
        {
            "input": {"paths": [str(inp)]},
            "output": {"path": str(tmp_path / "out"), **output},
            "pipeline": pipeline,
        }
    )


PIPELINE = [{"op": "length_filter", "min_words": 5}, {"op": "gopher_repetition"}, {"op": "pii_redact"}]


def test_declared_columns_and_templates(tmp_path: Path):
    names, templates = declared_columns(_config(tmp_path, PIPELINE))
    assert "pii_counts" in names and "gopher_top_{n}_gram_frac" in templates
    assert _template_match("gopher_top_{n}_gram_frac", "gopher_top_12_gram_frac")
    assert not _template_match("gopher_top_{n}_gram_frac", "gopher_top__gram_frac")
    assert not _template_match("gopher_top_{n}_gram_frac", "gopher_top_x_gram_frac")


def _block() -> pa.Table:
    table = pa.table(
        {
            "id": ["k", "r1", "r2"],
            "text": ["a kept document of enough words here", f"mail {EMAIL}", "short"],
            "title": [None, f"by {AUTHOR_EMAIL}", "plain title"],
            "tags": pa.array([None, [AUTHOR_EMAIL], []], pa.list_(pa.string())),
            "source": ["crawl", f"from {SOURCE_EMAIL}", "crawl"],
            "score": [0.5, 0.1, 0.2],  # a pass-through number: no text, kept
        }
    )
    table = C.add_engine_columns(table, "in.jsonl", 1)
    return C.mark_removed(table, [True, False, False], [None, "too_short", "too_short"], "length_filter")


def _write(tmp_path: Path, **output) -> Path:
    cfg = _config(tmp_path, PIPELINE, **output)
    out = tmp_path / "out"
    sink = CorpusSink(str(out), pafs.LocalFileSystem(), WriteOptions.from_config(cfg), {"in.jsonl": 0})
    sink.create_directories()
    sink._write_block(_block())
    return out


def _removed(out: Path, sub: str = "") -> pa.Table:
    return pq.read_table(out / "removed" / sub / "part-00000-0000000001.parquet")


@pytest.mark.parametrize("mode", ["redacted", "sample"])
def test_redacted_and_sample_traces_leave_pass_through_text_out(tmp_path: Path, mode: str):
    out = _write(tmp_path, removed=mode)
    trace = _removed(out)
    assert {"title", "tags", "source"}.isdisjoint(trace.column_names)
    assert "score" in trace.column_names and "input_file" in trace.column_names
    assert trace.column("text").to_pylist() == ["mail <EMAIL_ADDRESS>", "short"]
    if mode == "sample":
        index = _removed(out, "index")
        assert {"title", "source", "text"}.isdisjoint(index.column_names)
        assert index.column("id").to_pylist() == ["r1", "r2"]


def test_ids_index_redacts_pass_through_text_named_like_provenance(tmp_path: Path):
    index = _removed(_write(tmp_path, removed="ids"), "index")
    assert index.column("source").to_pylist() == ["from <EMAIL_ADDRESS>", "crawl"]
    assert index.column("title").to_pylist() == ["by <EMAIL_ADDRESS>", "plain title"]


def test_full_trace_keeps_pass_through_columns(tmp_path: Path):
    trace = _removed(_write(tmp_path, removed="full", quarantine_raw="full"))
    assert trace.column("title").to_pylist() == [f"by {AUTHOR_EMAIL}", "plain title"]
    assert trace.column("source").to_pylist() == [f"from {SOURCE_EMAIL}", "crawl"]


# -- end to end on Ray: no raw value anywhere under removed/ or quarantine/ ---------------


def _scan(root: Path) -> set[str]:
    found = set()
    for f in (p for p in root.rglob("*") if p.is_file()):
        if f.suffix == ".parquet":
            text = json.dumps(pq.read_table(f).to_pylist(), ensure_ascii=False, default=str)
        elif f.suffix == ".gz":
            text = gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        else:
            text = f.read_bytes().decode("utf-8", "replace")
        found |= {v for v in RAW if v in text}
    return found


@pytest.mark.parametrize("mode", ["redacted", "sample", "full"])
def test_pass_through_pii_never_reaches_side_outputs(ray_session, tmp_path: Path, mode: str):
    long = "An ordinary paragraph about gardening and the weather in spring, nothing personal at all."
    docs = [
        {"id": "r", "text": f"mail {EMAIL}", "title": f"by {AUTHOR_EMAIL}", "source": f"from {SOURCE_EMAIL}"},
        {"id": "q", "title": f"by {AUTHOR_EMAIL}"},  # no text: quarantined (text_missing)
    ] + [{"id": f"k{i}", "text": f"{long} Note {i}.", "title": "t", "source": "s"} for i in range(4)]
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    output = {"removed": mode, "quarantine_raw": "full" if mode == "full" else "redacted"}
    report = run_config(
        {
            "input": {"paths": [str(inp)]},
            "output": {"path": str(tmp_path / "out"), "overwrite": True, **output},
            "execution": {"progress": False},
            "pipeline": [
                {"op": "length_filter", "min_words": 8},
                {"op": "pii_redact", "resources": {"concurrency": 1}},
            ],
        }
    )
    assert report["accounting_ok"] and report["removed_docs"] == 1 and report["quarantined"] == 1
    out = tmp_path / "out"
    leaked = _scan(out / "removed") | _scan(out / "quarantine")
    assert leaked == (set(RAW) if mode == "full" else set())
