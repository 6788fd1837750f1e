"""The writer does not analyse again text that went through the ``pii_redact`` step
(rows removed after it, not generated after it), counts what it analysed, and
still redacts everything else (engine/sink_redact.py)."""

from __future__ import annotations

import pyarrow as pa

from engine.config import load_config
from engine.sink_redact import OutputRedactor, merge_stats, new_stats, redacted_upstream
from operators.pii import PiiRedactParams

EMAIL = "write to jane.roe@example.com today"


def _cfg(tmp_path, pipeline):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    return load_config(
        {"input": {"paths": [str(inp)]}, "output": {"path": str(tmp_path / "o")}, "pipeline": pipeline}
    )


def test_upstream_steps_follow_pipeline_order(tmp_path):
    cfg = _cfg(
        tmp_path,
        [
            {"op": "normalize_text"},
            {"op": "length_filter", "min_words": 1},
            {"op": "pii_redact"},
            {"op": "exact_dedup"},
            {"op": "length_filter", "name": "late_length", "min_words": 2},
            {"op": "normalize_text", "name": "late_normalize"},  # a mapper: text after it is unchecked
            {"op": "length_filter", "name": "last_length", "min_words": 3},
        ],
    )
    after, before = redacted_upstream(cfg)
    assert after == {"exact_dedup", "late_length"}
    assert before == {"normalize_text", "length_filter"}


def test_no_upstream_without_redact_mode_or_after_pii(tmp_path):
    assert redacted_upstream(_cfg(tmp_path, [{"op": "pii_redact"}, {"op": "exact_dedup"}]))[0] == {
        "exact_dedup"
    }
    annotate = _cfg(tmp_path, [{"op": "pii_redact", "mode": "annotate"}, {"op": "exact_dedup"}])
    assert redacted_upstream(annotate) == (frozenset(), frozenset())
    last = _cfg(tmp_path, [{"op": "length_filter", "min_words": 1}, {"op": "pii_redact"}])
    assert redacted_upstream(last)[0] == frozenset()


def _redactor(after=frozenset({"late"}), before=frozenset({"early_gen"})) -> OutputRedactor:
    params = PiiRedactParams().model_dump(mode="json")
    return OutputRedactor(params, "redacted", "redacted", "pii_redact", (after, before))


def test_already_redacted_text_is_not_analysed_other_columns_are(monkeypatch):
    red = _redactor()
    op = red._operator()
    seen: list = []
    original = op.redact_values

    def spy(values):
        seen.extend(v for v in values.to_pylist() if v is not None)
        return original(values)

    monkeypatch.setattr(op, "redact_values", spy)
    # the "late" rows' text stands for text the step already redacted: written as it is
    table = pa.table(
        {
            "id": ["a", "b", "c", "d"],
            "text": ["late one " + EMAIL, "early " + EMAIL, "late gen " + EMAIL, "late old gen " + EMAIL],
            "title": ["t " + EMAIL, None, None, None],
            "removed_by": ["late", "early", "late", "late"],
            "generated_by": [None, None, "late_gen", "early_gen"],
        }
    )
    stats = new_stats()
    out = red.trace(table, stats)
    text = out.column("text").to_pylist()
    assert text[0] == "late one " + EMAIL and text[3] == "late old gen " + EMAIL  # skipped: as given
    assert "example.com" not in text[1] and "example.com" not in text[2]  # analysed and redacted
    assert "example.com" not in out.column("title")[0].as_py()  # pass-through column: analysed
    assert "late one " + EMAIL not in seen and "late old gen " + EMAIL not in seen
    assert stats["skipped"] == 2 and stats["values"] == 3
    assert stats["bytes"] == sum(len(v.encode()) for v in seen) and stats["cpu_s"] > 0
    assert out.schema == table.schema


def test_without_upstream_every_text_is_analysed():
    red = _redactor(after=frozenset())
    table = pa.table({"id": ["a"], "text": [EMAIL], "removed_by": ["late"], "generated_by": [None]})
    stats = new_stats()
    out = red.trace(table, stats)
    assert "example.com" not in out.column("text")[0].as_py()
    assert stats["skipped"] == 0 and stats["values"] == 1


def test_quarantine_counts_and_merge():
    red = _redactor()
    q = pa.table(
        {
            "id": ["a", "b"],
            "source": ["f", "f"],
            "line": [1, 2],
            "step": ["input", "input"],
            "reason": ["malformed_json", "invalid_utf8"],
            "raw": ["{" + EMAIL, "bad \ufffd bytes"],
        }
    )
    stats = new_stats()
    out = red.quarantine(q, stats)
    raws = out.column("raw").to_pylist()
    assert "example.com" not in raws[0] and raws[1].startswith("<withheld: ")
    assert stats["values"] == 1 and stats["bytes"] == len(("{" + EMAIL).encode())
    merged = merge_stats(merge_stats(None, stats), stats)
    assert merged["values"] == 2 and merged["bytes"] == 2 * stats["bytes"]
    assert merge_stats(stats, None) is stats
