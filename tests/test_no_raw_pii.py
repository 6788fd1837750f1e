"""No raw PII on disk (issue #12 part 3): with pii_redact in the pipeline, documents
removed before it and quarantined records are redacted before they are written.

The end-to-end tests run the real Ray executor and scan every file under
OUT/removed/ and OUT/quarantine/ (Parquet and gzip decoded) for the raw values;
the ``full`` run finds them, so the scan can fail.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.config import ConfigError, load_config
from engine.executor import run_config
from engine.sink_redact import OutputRedactor, withheld

EMAIL = "amy.chen@example.org"
PHONE = "555-123-4567"
CN_ID = "11010519491231002X"
CN_MOBILE = "13912345678"
BAD_JSON_EMAIL = "broken.line@example.com"
BAD_UTF8_MOBILE = "13700001111"
RAW = (EMAIL, PHONE, CN_ID, CN_MOBILE, BAD_JSON_EMAIL, BAD_UTF8_MOBILE)

LONG = "This is an ordinary paragraph about gardening and the weather in spring, nothing personal at all."
DOCS = [
    {"id": "short_en", "text": f"Mail {EMAIL} or call {PHONE}."},
    {"id": "short_zh", "text": f"身份证号{CN_ID}，手机{CN_MOBILE}"},
    {"id": "long_pii", "text": f"{LONG} Write to {EMAIL} for the seed catalogue, or call {PHONE} after six."},
] + [{"id": f"plain{i}", "text": f"{LONG} Note {i}."} for i in range(6)]


def _write_input(path: Path) -> None:
    lines = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in DOCS]
    lines.append(
        ('{"id": "bad", "text": "write to ' + BAD_JSON_EMAIL + '"').encode("utf-8")
    )  # malformed JSON
    lines.append(
        b'{"id": "latin", "text": "\xff\xfe mobile ' + BAD_UTF8_MOBILE.encode() + b'"}'
    )  # invalid UTF-8
    path.write_bytes(b"\n".join(lines) + b"\n")


def _config(tmp_path: Path, **output) -> dict:
    inp = tmp_path / "in.jsonl"
    _write_input(inp)
    return {
        "name": "no-raw-pii",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "jsonl", "overwrite": True, **output},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "length_filter", "min_words": 12},
            {"op": "pii_redact", "resources": {"concurrency": 1, "batch_size": 16}},
        ],
    }


def _decoded_files(root: Path) -> dict[str, str]:
    """Every file under ``root`` as text: Parquet rows as JSON, gzip decompressed."""
    out = {}
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        if f.suffix == ".parquet":
            out[str(f)] = json.dumps(pq.read_table(f).to_pylist(), ensure_ascii=False, default=str)
        elif f.suffix == ".gz":
            out[str(f)] = gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        else:
            out[str(f)] = f.read_bytes().decode("utf-8", "replace")
    return out


def _leaks(out: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for sub in ("removed", "quarantine"):
        for path, text in _decoded_files(out / sub).items():
            hits = [v for v in RAW if v in text]
            if hits:
                found[path] = hits
    return found


def test_default_redacts_removed_and_quarantined(ray_session, tmp_path: Path):
    report = run_config(_config(tmp_path))
    out = tmp_path / "out"
    assert report["accounting_ok"]
    assert report["removed_docs"] == 2 and report["quarantined"] == 2
    assert report["output_text"] == {
        "removed": "redacted",
        "quarantine_raw": "redacted",
        "redaction_step": "pii_redact",
        "pii_columns": "all_strings",
        "pii_unscanned_columns": [],
    }
    assert _leaks(out) == {}
    removed = _decoded_files(out / "removed")
    assert any(
        "<EMAIL_ADDRESS>" in t and "<CN_ID_CARD>" in t and "<CN_MOBILE>" in t for t in removed.values()
    )
    quarantine = pq.read_table(next((out / "quarantine").glob("*.parquet"))).to_pylist()
    raws = {r["reason"]: r["raw"] for r in quarantine}
    assert "<EMAIL_ADDRESS>" in raws["malformed_json"]
    assert raws["invalid_utf8"].startswith("<withheld: ") and "sha256 " in raws["invalid_utf8"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "redacted" in card and "unreadable input;" not in card


def test_full_keeps_raw_text(ray_session, tmp_path: Path):
    """The same run with ``full``: the scan above finds every value (the test can fail)."""
    report = run_config(_config(tmp_path, removed="full", quarantine_raw="full"))
    assert report["output_text"]["removed"] == "full"
    leaked = {v for hits in _leaks(tmp_path / "out").values() for v in hits}
    assert leaked == set(RAW)


# -- config -------------------------------------------------------------------------


def _cfg(tmp_path: Path, pipeline: list, **output) -> dict:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    return {
        "input": {"paths": [str(inp)]},
        "output": {"path": str(tmp_path / "o"), **output},
        "pipeline": pipeline,
    }


def test_config_defaults_follow_pii_redact(tmp_path: Path):
    with_pii = load_config(_cfg(tmp_path, [{"op": "pii_redact"}]))
    assert (with_pii.output.removed, with_pii.output.quarantine_raw) == ("redacted", "redacted")
    without = load_config(_cfg(tmp_path, [{"op": "length_filter"}]))
    assert (without.output.removed, without.output.quarantine_raw) == ("full", "full")
    alias = load_config(_cfg(tmp_path, [{"op": "pii_redact"}], removed="all"))
    assert alias.output.removed == "redacted"


def test_config_mistakes_fail_fast(tmp_path: Path):
    with pytest.raises(
        ConfigError, match=r"output\.removed: 'redacted' needs a pii_redact step.*full, ids, sample, none"
    ):
        load_config(_cfg(tmp_path, [{"op": "length_filter"}], removed="redacted"))
    with pytest.raises(ConfigError, match=r"output\.quarantine_raw: 'redacted' needs a pii_redact step"):
        load_config(_cfg(tmp_path, [], quarantine_raw="redacted"))
    with pytest.raises(
        ConfigError, match=r"output\.removed: .*'redacted'.*'full'.*'ids'.*\(got 'everything'\)"
    ):
        load_config(_cfg(tmp_path, [], removed="everything"))


# -- the writer's redactor, without Ray ------------------------------------------------


def _redactor(tmp_path: Path, **output) -> OutputRedactor:
    return OutputRedactor.from_config(load_config(_cfg(tmp_path, [{"op": "pii_redact"}], **output)))


def test_trace_redacts_text_and_string_signals_not_provenance(tmp_path: Path):
    trace = pa.table(
        {
            "id": ["d1", "d2"],
            "text": [f"mail {EMAIL}", "nothing here"],
            "c4_lines": [[f"call {PHONE}", "ok"], None],
            "note": [f"手机{CN_MOBILE}", None],
            "removed_by": ["length_filter", "length_filter"],
            "input_line": [1, 2],
        }
    )
    out = _redactor(tmp_path).trace(trace).to_pylist()
    assert out[0]["text"] == "mail <EMAIL_ADDRESS>" and out[1]["text"] == "nothing here"
    assert out[0]["c4_lines"] == ["call <PHONE_NUMBER>", "ok"] and out[1]["c4_lines"] is None
    assert out[0]["note"] == "手机<CN_MOBILE>" and out[1]["note"] is None
    assert [r["id"] for r in out] == ["d1", "d2"] and out[0]["removed_by"] == "length_filter"


def test_quarantine_withholds_unreadable_and_none_needs_no_redactor(tmp_path: Path):
    q = pa.table(
        {
            "id": ["a", "b"],
            "step": ["input", "input"],
            "reason": ["invalid_utf8", "malformed_json"],
            "raw": [f"\ufffd{CN_MOBILE}", f'{{"text": "{EMAIL}"'],
        }
    )
    out = _redactor(tmp_path).quarantine(q).column("raw").to_pylist()
    assert out[0] == withheld(f"\ufffd{CN_MOBILE}") and CN_MOBILE not in out[0]
    assert out[1] == '{"text": "<EMAIL_ADDRESS>"'
    assert _redactor(tmp_path, removed="full", quarantine_raw="full") is None


def test_analysis_failure_is_withheld(tmp_path: Path, monkeypatch):
    red = _redactor(tmp_path)
    op = red._operator()

    def boom(text):
        raise RuntimeError(text)

    monkeypatch.setattr(op, "find", boom)
    out = red.redact_array(pa.array([f"mail {EMAIL}", None])).to_pylist()
    assert out[0] == withheld(f"mail {EMAIL}") and out[1] is None


# -- the writer's modes, one block through CorpusSink without Ray ------------------------


def _block() -> pa.Table:
    from engine import columns as C

    table = pa.table(
        {
            "id": ["k", "r1", "r2", "q"],
            "text": [LONG, f"Mail {EMAIL}", f"手机{CN_MOBILE}", None],
            "note": [None, f"call {PHONE}", None, None],
            "n_words": [17, 3, 1, None],
        }
    )
    table = C.add_engine_columns(table, "in.jsonl", 1)
    table = C.mark_removed(
        table, [True, False, False, True], [None, "too_short", "too_short", None], "length_filter"
    )
    table = C.mark_removed(
        table, [True, True, True, False], [None, None, None, "malformed_json"], C.INPUT_STEP, True
    )
    return C.put_column(table, C.RAW, [None, None, None, f'{{"text": "{BAD_JSON_EMAIL}"'])


def _sink_run(tmp_path: Path, **output):
    import pyarrow.fs as pafs

    from engine.io_write import CorpusSink, WriteOptions

    cfg = load_config(_cfg(tmp_path, [{"op": "length_filter"}, {"op": "pii_redact"}], **output))
    out = tmp_path / "out"
    sink = CorpusSink(str(out), pafs.LocalFileSystem(), WriteOptions.from_config(cfg), {"in.jsonl": 0})
    sink.create_directories()
    tally = sink._write_block(_block())
    return out, tally


@pytest.mark.parametrize(
    "output",
    [
        {},
        {"removed": "ids", "quarantine_raw": "none"},
        {"removed": "sample", "removed_sample": 1},
        {"removed": "none"},
    ],
)
def test_writer_modes_never_write_raw_pii(tmp_path: Path, output):
    out, tally = _sink_run(tmp_path, **output)
    assert _leaks(out) == {}
    assert sum(tally["removed"]["length_filter"].values()) == 2  # counted whatever is written
    files = {p.relative_to(out).as_posix() for p in out.rglob("*.parquet")}
    quarantine = pq.read_table(out / "quarantine" / "part-00000-0000000001.parquet")
    if output.get("quarantine_raw") == "none":
        assert "raw" not in quarantine.column_names
    else:
        assert quarantine.column("raw").to_pylist() == ['{"text": "<EMAIL_ADDRESS>"']
    if output.get("removed") == "ids":
        index = pq.read_table(out / "removed" / "index" / "part-00000-0000000001.parquet")
        assert "text" not in index.column_names and index.column("id").to_pylist() == ["r1", "r2"]
        assert index.column("note").to_pylist() == ["call <PHONE_NUMBER>", None]
        assert not any(f.startswith("removed/part-") for f in files)
    if output.get("removed") == "none":
        assert not any(f.startswith("removed/") for f in files)
    if not output:
        trace = pq.read_table(out / "removed" / "part-00000-0000000001.parquet").to_pylist()
        assert [r["text"] for r in trace] == ["Mail <EMAIL_ADDRESS>", "手机<CN_MOBILE>"]


def test_writer_full_mode_writes_raw_text(tmp_path: Path):
    out, _ = _sink_run(tmp_path, removed="full", quarantine_raw="full")
    assert {v for hits in _leaks(out).values() for v in hits} == {EMAIL, PHONE, CN_MOBILE, BAD_JSON_EMAIL}


def test_documents_the_redaction_step_failed_on_are_withheld_not_reanalysed(tmp_path: Path, monkeypatch):
    red = _redactor(tmp_path)
    seen = []
    monkeypatch.setattr(red, "redact_array", lambda values: seen.append(values.to_pylist()) or values)
    q = pa.table(
        {
            "id": ["a", "b"],
            "step": ["pii_redact", "length_filter"],
            "reason": ["operator_error: TimeoutError", "operator_error: ValueError"],
            "raw": [f"mail {EMAIL}", "plain"],
        }
    )
    out = red.quarantine(q).column("raw").to_pylist()
    assert out[0] == withheld(f"mail {EMAIL}") and seen == [[None, "plain"]]
