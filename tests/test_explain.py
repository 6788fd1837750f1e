"""`corpusforge explain OUT ID` for kept, removed (in and outside the trace
sample) and quarantined documents."""

from __future__ import annotations

import json

import pyarrow.dataset as pads
import pytest

from engine.cli import main as cli
from engine.explain import explain
from tests._report_run import shared_run


@pytest.fixture(scope="module")
def run(ray_session, tmp_path_factory):
    return shared_run(tmp_path_factory)


def _ids(path) -> list[str]:
    return (
        pads.dataset(sorted(str(p) for p in path.glob("*.parquet")), format="parquet")
        .to_table(columns=["id"])
        .column("id")
        .to_pylist()
    )


def test_kept(run, capsys):
    doc = _ids(run["out"] / "data")[0]
    result = explain(str(run["out"]), doc)
    assert [f["fate"] for f in result["fates"]] == ["kept"]
    assert result["fates"][0]["file"].startswith("data/")
    assert cli(["explain", str(run["out"]), doc]) == 0
    assert f"{doc}: KEPT" in capsys.readouterr().out


def test_removed_in_the_sample_has_text_signals_and_thresholds(run, capsys):
    sampled = set(_ids(run["out"] / "removed"))
    doc = "doc-0011"  # "too short": removed by length_filter
    assert doc in sampled or doc in _ids(run["out"] / "removed" / "index")
    result = explain(str(run["out"]), doc)
    (fate,) = result["fates"]
    assert fate["fate"] == "removed" and fate["step"] == "length_filter" and fate["reason"] == "too_few_words"
    assert fate["source"].endswith("part-0.jsonl") and fate["line"] == 12
    signals = {s["column"]: s for s in fate["signals"]}
    assert signals["n_words"]["value"] == 2 and signals["n_words"]["thresholds"] == {"min_words": 8.0}
    some_sampled = next(i for i in sampled)
    assert explain(str(run["out"]), some_sampled)["fates"][0]["in_sample"] is True
    assert cli(["explain", str(run["out"]), doc, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fates"][0]["reason"] == "too_few_words"


def test_removed_outside_the_sample_is_found_in_the_index(run, capsys):
    outside = sorted(set(_ids(run["out"] / "removed" / "index")) - set(_ids(run["out"] / "removed")))
    assert outside
    result = explain(str(run["out"]), outside[0])
    (fate,) = result["fates"]
    assert fate["fate"] == "removed" and not fate["in_sample"] and fate["text"] is None
    assert cli(["explain", str(run["out"]), outside[0]]) == 0
    assert "not in the trace sample" in capsys.readouterr().out


def test_quarantined_and_unknown(run, capsys):
    (q_id,) = _ids(run["out"] / "quarantine")
    (fate,) = explain(str(run["out"]), q_id)["fates"]
    assert fate["fate"] == "quarantined" and fate["reason"] == "malformed_json" and fate["step"] == "input"
    assert '"unterminated' in fate["text"]
    assert cli(["explain", str(run["out"]), "no-such-id"]) == 1
    assert "not found" in capsys.readouterr().out
