"""``corpusforge profile`` runs the operators through engine/runner.py (a dry-run
LocalRunner): its would_remove counts are what the same filters remove when they
run for real, a step configured as annotate counts nothing, nothing is removed,
and the default set comes from the operators' ``profile_default`` declarations."""

from __future__ import annotations

import json
from collections import Counter

import pyarrow as pa

from engine import columns as C
from engine.config import load_config
from engine.profile import default_filters, profile
from engine.runner import LocalRunner

TEXTS = [
    "short",
    "a b c",
    "This is a longer document with enough words to pass a minimum of eight words easily.",
    "Another fine document that has quite a few words in it, more than eight for sure.",
    "tiny one",
    "",
]


def _write(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)), "utf-8"
    )
    cfg = tmp_path / "p.yaml"
    cfg.write_text(
        f"""
input: {{paths: ["{inp}"]}}
output: {{path: "{tmp_path / "out"}"}}
pipeline:
  - op: length_filter
    min_words: 8
  - op: length_filter
    min_chars: 50
    mode: annotate
""",
        "utf-8",
    )
    return inp, cfg


def test_would_remove_equals_what_the_filters_remove(tmp_path):
    inp, cfg = _write(tmp_path)
    report = profile([], config=str(cfg))
    ops = {op["name"]: op for op in report["ops"]}
    assert report["input_docs"] == len(TEXTS) and report["removed_docs"] == 0
    assert (
        report["quarantined"] == 1 and report["profiled_docs"] == len(TEXTS) - 1
    )  # the empty text is unreadable
    assert ops["length_filter"]["would_remove"] == {"too_few_words": 3}
    assert ops["length_filter_2"]["would_remove"] == {}  # configured as annotate: counts nothing
    assert ops["length_filter_2"]["docs_in"] == len(TEXTS) - 1  # nothing was removed before it

    # the same steps run for real (in this process, through the same runner)
    steps = load_config(str(cfg)).steps
    readable = [t for t in TEXTS if t]
    table = C.add_engine_columns(
        pa.table({"id": [f"d{i}" for i in range(len(readable))], "text": readable}), str(inp), 1
    )
    with LocalRunner([(s.name, s.build()) for s in steps]) as real:
        out = real.run(table)
    removed = Counter(
        r for r, by in zip(out.column(C.REASON).to_pylist(), out.column(C.REMOVED_BY).to_pylist()) if by
    )
    assert dict(removed) == ops["length_filter"]["would_remove"]


def test_default_set_comes_from_declarations(tmp_path):
    inp, _ = _write(tmp_path)
    report = profile([str(inp)])
    names = [op["name"] for op in report["ops"]]
    assert names == default_filters() and "length_filter" in names and "language_id" in names
