"""The writer's redaction of the removal trace: one analyzer call per block over
all content columns, each distinct value once, same result as value by value."""

from __future__ import annotations

import pyarrow as pa

from engine.sink_redact import OutputRedactor
from operators.pii import PiiRedactParams

EMAIL = "write to jane.roe@example.com today"
PHONE = "call +1 415 555 0134 now"


def _redactor() -> OutputRedactor:
    return OutputRedactor(PiiRedactParams().model_dump(mode="json"), "redacted", "redacted", "pii_redact")


def test_trace_redacts_every_content_column_in_one_call_each_distinct_value_once(monkeypatch):
    red = _redactor()
    op = red._operator()
    calls: list[list] = []
    original = op.redact_values

    def spy(values):
        calls.append(values.to_pylist())
        return original(values)

    monkeypatch.setattr(op, "redact_values", spy)
    table = pa.table(
        {
            "id": ["a", "b", "c", "d"],
            "text": [EMAIL, EMAIL, "plain words", None],
            "lines": pa.array([[PHONE], None, [PHONE, "x"], []], pa.list_(pa.string())),
            "removed_by": ["f", "f", "f", "f"],
            "score": [1.0, 2.0, 3.0, 4.0],
        }
    )
    out = red.trace(table)
    assert len(calls) == 1  # one call for the block
    seen = [v for v in calls[0] if v is not None]
    assert len(seen) == len(set(seen))  # each distinct value once
    text = out.column("text").to_pylist()
    assert "jane.roe@example.com" not in text[0] and text[0] == text[1]
    assert text[2] == "plain words" and text[3] is None
    lines = out.column("lines").to_pylist()
    assert lines[1] is None and lines[3] == [] and lines[2][1] == "x"
    assert "555 0134" not in lines[0][0] and lines[0] == [lines[2][0]]
    assert out.column("id").to_pylist() == ["a", "b", "c", "d"]  # provenance as it is
    assert out.schema == table.schema


def test_trace_matches_value_by_value_redaction():
    red = _redactor()
    texts = [EMAIL, PHONE, EMAIL, "nothing here", PHONE + " " + EMAIL]
    together = red.trace(pa.table({"text": texts})).column("text").to_pylist()
    one_by_one = [red.trace(pa.table({"text": [t]})).column("text").to_pylist()[0] for t in texts]
    assert together == one_by_one
    assert all("example.com" not in t for t in together)
