"""The extended report.json agrees with what the run wrote: profile figures,
quality score and the removal-trace sample, recomputed from the output files."""

from __future__ import annotations

import json
import time
from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pytest

from engine import profiling as P
from engine.trace import trace_hashes, trace_keys
from tests._report_run import shared_run


@pytest.fixture(scope="module")
def run(ray_session, tmp_path_factory):
    return shared_run(tmp_path_factory)


def _read(path) -> pa.Table:
    return pads.dataset(str(path), format="parquet").to_table()


def _top_files(directory) -> pa.Table:
    return pads.dataset(sorted(str(p) for p in directory.glob("*.parquet")), format="parquet").to_table()


def test_report_json_is_the_returned_report(run):
    saved = json.loads((run["out"] / "report.json").read_text())
    assert saved["quality"] == run["report"]["quality"]
    assert saved["profile"]["kept"] == run["report"]["output_docs"]
    assert saved["config"] == json.loads(json.dumps(run["cfg"]))


def test_profile_counts_match_outputs(run):
    report, out = run["report"], run["out"]
    prof = report["profile"]
    data = _read(out / "data")
    index = _read(out / "removed" / "index")
    assert report["accounting_ok"] and report["quarantined"] == 1
    assert prof["kept"] == data.num_rows == report["output_docs"]
    assert prof["docs"] == data.num_rows + index.num_rows == report["output_docs"] + report["removed_docs"]
    assert sum(prof["length"]["kept"]) == data.num_rows and sum(prof["length"]["all"]) == prof["docs"]
    # length histogram of the output, recomputed
    lengths = np.asarray(pc.utf8_length(data.column("text")).to_numpy(), dtype=float)
    assert prof["length"]["kept"] == P.histogram(lengths, P.LENGTH_EDGES)
    # languages of the output
    assert prof["languages"]["kept"] == dict(Counter(data.column("lang").to_pylist()))
    assert set(prof["languages"]["kept"]) == {"en", "zh"}
    # signal columns: counts and means over the output; thresholds from the steps
    n_words = prof["signals"]["n_words"]
    assert n_words["written_by"] == "length_filter" and n_words["kept"]["n"] == data.num_rows
    assert n_words["kept"]["mean"] == pytest.approx(np.mean(data.column("n_words").to_numpy()))
    assert {t["param"]: t["value"] for t in n_words["thresholds"]} == {"min_words": 8.0}
    ls = prof["signals"]["lang_score"]
    assert ls["bins"] == "ratio" and ls["written_by"] == "language_id"
    assert [t["value"] for t in ls["thresholds"]] == [0.3]
    assert sum(ls["kept"]["hist"]) == data.num_rows
    # removed bytes per step and reason add up to the writer's per-step figure
    for op in report["ops"]:
        assert sum(op["removed_bytes_by_reason"].values()) == op["removed_bytes"]
        assert set(op["removed_bytes_by_reason"]) == set(op["removed"])
    # PII totals (JSON column), synthetic share, duplicate clusters
    kept_pii: Counter = Counter()
    for s in data.column("pii_counts").to_pylist():
        kept_pii.update(json.loads(s))
    assert prof["pii"]["entities_kept"] == dict(kept_pii)
    assert prof["synthetic"]["kept"] == sum(data.column("synthetic").to_pylist())
    clusters = Counter(
        data.column("dup_cluster").drop_null().to_pylist()
        + index.column("dup_cluster").drop_null().to_pylist()
    )
    assert prof["duplicates"]["clusters"] == len(clusters) == 10
    assert prof["duplicates"]["cluster_sizes"] == {
        str(k): v for k, v in sorted(Counter(clusters.values()).items())
    }
    assert prof["duplicates"]["flagged_kept"] == sum(
        1 for v in data.column("dup_keep").to_pylist() if v is False
    )


def test_quality_score_recomputed_from_the_output(run):
    report, out = run["report"], run["out"]
    q = report["quality"]
    data = _read(out / "data")
    n = data.num_rows
    dims = q["dimensions"]
    assert dims["completeness"]["score"] == 100.0
    texts = data.column("text").to_pylist()
    assert dims["uniqueness"]["components"]["exact"] == round(100 * len(set(texts)) / n, 2) < 100
    flagged = sum(1 for v in data.column("dup_keep").to_pylist() if v is False)
    annotated = sum(1 for v in data.column("dup_keep").to_pylist() if v is not None)
    assert dims["uniqueness"]["components"]["near_duplicate"] == round(100 * (1 - flagged / annotated), 2)
    bad = sum(1 for t in texts if "\ufffd" in t)
    assert bad > 0 and dims["accuracy"]["components"]["encoding"] == round(100 * (1 - bad / n), 2)
    mean_ls = float(np.mean(data.column("lang_score").to_numpy()))
    assert dims["accuracy"]["components"]["language_confidence"] == pytest.approx(100 * mean_ls, abs=0.01)
    rate = 1.0
    for op in report["ops"]:
        if op["kind"] == "filter":
            rate *= op["docs_out"] / op["docs_in"]
    assert dims["accuracy"]["components"]["filter_pass_rate"] == pytest.approx(100 * rate, abs=0.01)
    assert dims["consistency"]["components"] == {"schema": 100.0, "language": 100.0}
    # timeliness: documents dated within 365 days of the run / dated documents
    today = time.time() // 86400
    dates = [d for d in data.column("date").to_pylist() if d != "unknown"]
    ages = [today - np.datetime64(d, "D").astype(int) for d in dates]
    within = sum(1 for a in ages if 0 <= a <= 365)
    assert dims["timeliness"]["score"] == pytest.approx(100 * within / len(dates), abs=0.01)
    assert report["profile"]["dates"]["undated"] == n - len(dates) > 0
    weights = q["weights"]
    total = sum(weights[k] * d["score"] for k, d in dims.items()) / sum(weights[k] for k in dims)
    assert q["total"] == pytest.approx(total, abs=0.01)
    assert q["grade"] == ("A" if total >= 90 else "B" if total >= 80 else "C" if total >= 60 else "D")


def test_trace_sample_is_the_seeded_bottom_k_of_every_reason(run):
    report, out = run["report"], run["out"]
    index = _read(out / "removed" / "index")
    sample = _top_files(out / "removed")
    assert index.num_rows == report["removed_docs"] > 0
    assert "text" in sample.column_names and "text" not in index.column_names
    k, seed = 2, 11
    hashes = trace_hashes(index, seed)
    keys = trace_keys(index).to_pylist()
    expected = set()
    for key in set(keys):
        rows = sorted((h, i) for i, (h, kk) in enumerate(zip(hashes.tolist(), keys)) if kk == key)
        expected |= {index.column("id")[i].as_py() for _h, i in rows[:k]}
    assert set(sample.column("id").to_pylist()) == expected
    assert Counter(trace_keys(sample).to_pylist()) == {key: min(k, n) for key, n in Counter(keys).items()}
    assert report["removed_trace"] == {
        "mode": "sample",
        "sample_per_reason": 2,
        "seed": 11,
        "documents": sample.num_rows,
        "indexed": index.num_rows,
    }
    listed = {f["path"]: f["rows"] for f in report["output_files"] if f["path"].startswith("removed/")}
    assert sum(listed.values()) == sample.num_rows + index.num_rows
