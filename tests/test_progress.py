"""The progress line: documents and MB per second of the phase running now,
over that phase's own span (engine/progress.py), not over the whole run."""

from __future__ import annotations

from engine import columns as C
from engine.config import load_config
from engine.progress import format_progress, phase_rates


def _cfg(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    return load_config(
        {
            "name": "p",
            "input": {"paths": [str(tmp_path / "in.jsonl")]},
            "output": {"path": str(tmp_path / "out")},
            "pipeline": [{"op": "normalize_text"}, {"op": "length_filter", "min_words": 1}],
        }
    )


def _snap(now):
    # Ray took 20 s to start; the read then ran 2 s (10 MB), the filter took 1 s more.
    return {
        "started": 1000.0,
        "now": now,
        "elapsed": now - 1000.0,
        "steps": {
            C.INPUT_STEP: {
                "docs_in": 1000,
                "docs_out": 1000,
                "bytes_in": 10_000_000,
                "bytes_out": 10_000_000,
            },
            "normalize_text": {
                "docs_in": 1000,
                "docs_out": 1000,
                "bytes_in": 10_000_000,
                "bytes_out": 10_000_000,
            },
            "length_filter": {
                "docs_in": 1000,
                "docs_out": 900,
                "bytes_in": 10_000_000,
                "bytes_out": 9_000_000,
            },
        },
        "first": {C.INPUT_STEP: 1020.0, "normalize_text": 1020.5, "length_filter": 1021.0},
        "last": {C.INPUT_STEP: 1022.0, "normalize_text": 1022.5, "length_filter": 1023.0},
    }


def test_rates_are_over_each_phase_span_not_the_run():
    rates = phase_rates(_snap(now=1060.0), [C.INPUT_STEP, "normalize_text", "length_filter"])
    # the read's span: from the statistics actor's start to its last block (22 s)
    assert abs(rates[C.INPUT_STEP]["seconds"] - 22.0) < 1e-9
    # the filter's span: from its input's first arrival (normalize_text's first report) to its last (2.5 s)
    assert abs(rates["length_filter"]["seconds"] - 2.5) < 1e-9
    assert abs(rates["length_filter"]["mb_s"] - 4.0) < 1e-9
    assert abs(rates["length_filter"]["docs_s"] - 400.0) < 1e-9


def test_running_phase_counts_to_now(monkeypatch):
    rates = phase_rates(_snap(now=1024.0), [C.INPUT_STEP, "normalize_text", "length_filter"])
    assert abs(rates["length_filter"]["seconds"] - 3.5) < 1e-9  # last report 1 s ago: still running


def test_line_names_the_current_phase_with_its_rate(tmp_path):
    line = format_progress(_snap(now=1060.0), _cfg(tmp_path))
    assert "read 1,000 docs, 10.0 MB" in line
    assert "now length_filter: 1,000 docs, 400 docs/s, 4.0 MB/s" in line
    assert "length_filter 90.0% kept" in line
    # the whole run's elapsed time (60 s) would have said 0.2 MB/s
    assert "0.2 MB/s" not in line


def test_line_before_any_block(tmp_path):
    line = format_progress({"elapsed": 1.5, "steps": {}}, _cfg(tmp_path))
    assert line.startswith("[   1.5s] read 0 docs, 0.0 MB")
    assert "now" not in line


def test_a_global_stage_shows_no_kept_ratio_before_its_output(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    spec = {
        "name": "p",
        "input": {"paths": [str(tmp_path / "in.jsonl")]},
        "output": {"path": str(tmp_path / "o")},
    }
    cfg = load_config({**spec, "pipeline": [{"op": "exact_dedup"}]})
    snap = _snap(now=1060.0)
    # the stage reports its input when it has run; its output only as the stream after it passes
    snap["steps"]["exact_dedup"] = {"docs_in": 1000, "docs_out": 0, "bytes_in": 0, "bytes_out": 0}
    snap["first"]["exact_dedup"] = snap["last"]["exact_dedup"] = 1030.0
    line = format_progress(snap, cfg)
    assert "now exact_dedup: 1,000 docs" in line and "0.0% kept" not in line
    snap["steps"]["exact_dedup"]["docs_out"] = 800
    assert "exact_dedup 80.0% kept" in format_progress(snap, cfg)
