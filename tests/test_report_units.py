"""Report building blocks without Ray: exact merging of per-block profiles,
fixed-bin histograms, the quality score, threshold discovery, the bottom-k
trace sample, and `corpusforge profile` on raw input."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pyarrow as pa
import pytest

from engine import columns as C
from engine import profiling as P
from engine.cli import main as cli
from engine.quality_score import grade, quality_score
from engine.report_summary import StepInfo, schema_agreement, summarize, thresholds_for
from engine.trace import bottom_k, merge_samples


def _table(n: int, seed: int = 0) -> pa.Table:
    rng = np.random.default_rng(seed)
    words = ["alpha", "beta", "gamma", "数据", "质量"]
    texts = [" ".join(rng.choice(words, size=rng.integers(1, 40))) for _ in range(n)]
    texts[3] = texts[4]  # a duplicate
    removed = np.where(rng.random(n) < 0.2, "length_filter", None)
    t = pa.table(
        {
            "id": [f"d{i}" for i in range(n)],
            "text": texts,
            "lang": rng.choice(["en", "zh", "fr"], size=n).tolist(),
            "score": rng.random(n),
            "count": rng.integers(0, 5000, size=n),
            "flag": rng.random(n) < 0.3,
            "pii_counts": pa.array(
                [[("EMAIL", int(i % 3))] if i % 4 == 0 else [] for i in range(n)],
                pa.map_(pa.string(), pa.int32()),
            ),
            "dup_cluster": pa.array([i // 2 if i < 20 else None for i in range(n)], pa.int64()),
            "date": [f"2024-0{1 + i % 9}-1{i % 10}" if i % 7 else None for i in range(n)],
            C.SOURCE: ["f.jsonl"] * n,
            C.LINE: np.arange(1, n + 1),
            C.REMOVED_BY: pa.array(removed.tolist(), pa.string()),
            C.REASON: pa.array([("too_short" if r else None) for r in removed.tolist()], pa.string()),
            C.QUARANTINED: pa.array([False if r else None for r in removed.tolist()], pa.bool_()),
            C.RAW: pa.nulls(n, pa.string()),
            C.GENERATED: pa.array([None] * n, pa.string()),
        }
    )
    return t


def test_profiles_merge_exactly_whatever_the_blocks():
    t = _table(600)
    opts = {"date_field": "date", "required_fields": ["id", "text", "lang"]}
    whole = P.profile_block(t, opts)
    for cuts in ([0, 600], [0, 17, 300, 599, 600], [0, 100, 200, 300, 400, 500, 600]):
        parts = [P.profile_block(t.slice(a, b - a), opts) for a, b in itertools.pairwise(cuts)]
        merged = P.merge_all(parts)
        for key in whole:
            if key in ("shards", "signals"):
                continue
            assert merged[key] == whole[key], key
        for name, s in whole["signals"].items():
            for side in ("all", "kept"):
                a, b = merged["signals"][name][side], s[side]
                assert a["n"] == b["n"] and a["ratio"] == b["ratio"] and a["log"] == b["log"]
                assert a["sum"] == pytest.approx(b["sum"]) and a["min"] == b["min"] and a["max"] == b["max"]
        assert sum(s["rows"] for s in merged["shards"]) == whole["kept"]
    json.dumps(whole)  # JSON-native (resume stores tallies as JSON)
    assert whole["pii"]["all"] == {"EMAIL": sum(i % 3 for i in range(0, 600, 4))}
    assert whole["required"]["text"] == whole["kept"]


def test_histogram_bins():
    edges = np.array([0.0, 1.0, 2.0])
    assert P.histogram(np.array([-1.0, 0.0, 0.5, 1.0, 2.0, 2.5, np.nan]), edges) == [1, 2, 2, 1]
    assert len(P.histogram(np.array([0.3]), P.RATIO_EDGES)) == 52


def test_distinct_estimate_exact_then_close():
    hashes = np.random.default_rng(1).integers(0, 2**64 - 1, size=50_000, dtype=np.uint64, endpoint=True)
    kmv = np.unique(hashes)[: P.KMV_K].tolist()
    assert P.distinct_estimate(kmv[:100], 100) == 100
    assert P.distinct_estimate(kmv, 60_000) == pytest.approx(50_000, rel=0.05)


def test_summary_and_quality_score():
    t = _table(400)
    raw = P.profile_block(t, {"date_field": "date", "required_fields": ["id", "text"]})
    step = StepInfo(
        "length_filter",
        "length_filter",
        "filter",
        {"min_words": 3, "max_words": None, "mode": "filter"},
        {"n_words": "words", "count": "a count"},
    )
    summary = summarize(
        raw,
        [step],
        reference_time=1_735_689_600.0,
        date_field="date",
        target_window_days=365,
        expected_languages=["en", "zh"],
    )
    kept = raw["kept"]
    assert summary["signals"]["score"]["bins"] == "ratio" and summary["signals"]["count"]["bins"] == "log"
    assert summary["signals"]["count"]["written_by"] == "length_filter"
    langs = summary["languages"]["kept"]
    assert summary["language_consistency"]["score"] == round(
        100 * (langs.get("en", 0) + langs.get("zh", 0)) / kept, 2
    )
    assert summary["duplicates"]["cluster_sizes"] == {"2": 10} and summary["duplicates"]["members"] == 20
    ops = [
        {
            "name": "length_filter",
            "kind": "filter",
            "docs_in": 400,
            "docs_out": kept,
            "removed": {"too_short": 400 - kept},
            "params": {"mode": "filter"},
        }
    ]
    q = quality_score(
        summary, ops, {"completeness": 1, "accuracy": 1, "consistency": 1, "timeliness": 1, "uniqueness": 1}
    )
    d = q["dimensions"]
    assert d["completeness"]["score"] == 100.0
    assert d["accuracy"]["components"]["filter_pass_rate"] == round(100 * kept / 400, 2)
    assert d["timeliness"]["score"] == 100.0  # every date (2024-01 .. 2024-09) is within a year of 2025-01-01
    assert summary["dates"]["dated"] + summary["dates"]["undated"] == kept and summary["dates"]["undated"] > 0
    assert d["uniqueness"]["components"]["exact"] == round(100 * summary["distinct_texts"] / kept, 2)
    assert q["total"] == pytest.approx(sum(x["score"] for x in d.values()) / 5, abs=0.01)
    no_time = quality_score(
        {**summary, "dates": None},
        ops,
        {"completeness": 1, "accuracy": 1, "consistency": 1, "timeliness": 5, "uniqueness": 1},
    )
    assert no_time["not_measured"] == ["timeliness"] and "timeliness" not in no_time["dimensions"]
    assert [grade(x) for x in (90, 89.99, 80, 60, 59.9)] == ["A", "B", "B", "C", "D"]


def test_schema_agreement_ignores_missing_columns_and_counts_type_conflicts():
    schemas = [
        {"columns": "id:string; text:string; n:int64", "rows": 70},
        {"columns": "id:string; text:string", "rows": 20},
        {"columns": "id:string; text:string; n:double", "rows": 10},
    ]
    agreement = schema_agreement(schemas)
    assert agreement["documents_agreeing"] == 90 and agreement["columns"]["n"] == "int64"
    assert agreement["conflicts"] == {"n": {"int64": 70, "double": 10}}


def test_thresholds_for_known_generic_and_templated_columns():
    gr = StepInfo(
        "rep", "gopher_repetition", "filter", {"top_n_grams": {"2": 0.2, "3": 0.18}, "dup_line_frac": 0.3}
    )
    assert thresholds_for("gopher_top_2_gram_frac", gr) == [
        {"step": "rep", "param": "top_n_grams[2]", "value": 0.2}
    ]
    assert thresholds_for("gopher_dup_line_frac", gr)[0]["value"] == 0.3
    custom = StepInfo(
        "mine", "my_filter", "filter", {"min_toxicity": 0.1, "max_toxicity": 0.9, "min_other": 1}
    )
    assert [t["param"] for t in thresholds_for("toxicity", custom)] == ["min_toxicity", "max_toxicity"]
    declared = StepInfo("mine", "my_filter", "filter", {"cut": 0.5}, thresholds={"my_score": ["cut"]})
    assert thresholds_for("my_score", declared) == [{"step": "mine", "param": "cut", "value": 0.5}]


def test_bottom_k_sample_does_not_depend_on_blocks():
    n = 500
    trace = pa.table(
        {
            "id": [f"r{i}" for i in range(n)],
            "input_file": ["a.jsonl"] * n,
            "input_line": list(range(n)),
            "removed_by": ["f"] * n,
            "removal_reason": ["x" if i % 3 else "y" for i in range(n)],
        }
    )
    mask, whole = bottom_k(trace, 7, seed=5)
    assert mask.sum() == 14 and {k: len(v) for k, v in whole.items()} == {"f\x1fx": 7, "f\x1fy": 7}
    merged = None
    for a, b in ((0, 123), (123, 124), (124, 400), (400, 500)):
        _m, part = bottom_k(trace.slice(a, b - a), 7, seed=5)
        merged = merge_samples(merged, {"k": 7, "hashes": part})
    assert merged["hashes"] == whole
    _m, other_seed = bottom_k(trace, 7, seed=6)
    assert other_seed != whole


def test_profile_command_on_raw_input(tmp_path, capsys):
    rows = [{"id": f"p{i}", "text": ("word " * (2 + i % 30)).strip()} for i in range(300)]
    inp = tmp_path / "raw.jsonl"
    inp.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(
        f"input: {{paths: [{inp}]}}\noutput: {{path: {tmp_path / 'unused'}}}\n"
        "pipeline:\n  - op: length_filter\n    min_words: 10\n"
    )
    out = tmp_path / "prof"
    assert cli(["profile", "--config", str(cfg), "--sample", "120", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "301 documents read, 1 unreadable, 120 profiled" in printed
    report = json.loads((out / "profile.json").read_text())
    assert report["kind"] == "profile" and report["profile"]["kept"] == 120
    (op,) = report["ops"]
    sampled_short = op["would_remove"].get("too_few_words", 0)
    assert 0 < sampled_short < 120 and op["docs_in"] == 120
    assert report["profile"]["signals"]["n_words"]["all"]["n"] == 120
    assert (out / "profile.html").read_text().count("<svg") >= 3
    assert not (tmp_path / "unused").exists()  # profiling writes nothing else
    # the sample is the same on every run; a full profile sees every document
    assert cli(["profile", "--config", str(cfg), "--sample", "120", "--out", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["ops"][0]["would_remove"] == op["would_remove"]
    assert cli(["profile", str(inp), "--config", str(cfg)]) == 0
    assert "300 profiled" in capsys.readouterr().out
