"""The JSONL reader's block parse keeps pyarrow for blocks with a few bad lines
(engine/io_read.py _fast_jsonl): the bad lines are set apart and quarantined with
the same reasons, raw text and line numbers as the per-line parse (_slow_jsonl),
and the rest of the block is parsed by pyarrow."""

from __future__ import annotations

import json
import random

import pyarrow as pa
import pytest

from engine import columns as C
from engine import io_read as R
from engine.config import InputConfig

FILE = R.InputFile("/x/a.jsonl", "/x/a.jsonl", "a.jsonl", 0, None)


def _good(i: int) -> bytes:
    return json.dumps({"id": f"d{i}", "text": f"document {i} text \u4e2d\u6587", "n": i}).encode()


ODD = {
    "malformed": b'{"id": "m", "text": "unterminated',
    "malformed_shapely": b'{"id": "m2", "text": "a" "b"}',
    "invalid_utf8": b'{"id": "u", "text": "caf\xc3\x28 \xff"}',
    "invalid_utf8_other_field": b'{"id": "u2", "text": "fine", "t": "\xed\xa0\x80"}',
    "not_object": b"[1, 2, 3]",
    "null": b"null",
    "number": b"42",
    "text_int": b'{"id": "ti", "text": 42}',
    "text_null": b'{"id": "tn", "text": null}',
    "text_missing": b'{"id": "tm", "title": "x"}',
    "text_empty": b'{"id": "te", "text": "   "}',
    "too_long": b'{"id": "tl", "text": "' + b"y" * 300 + b'"}',
    "surrogate": b'{"id": "sg", "text": "bad \\ud800 escape"}',
    "two_objects": b'{"id": "t1", "text": "one"} {"id": "t2", "text": "two"}',
    "two_objects_tight": b'{"id": "t3", "text": "one"}{"id": "t4", "text": "two"}',
    "blank": b"",
    "spaces": b"   \t ",
    "crlf": b'{"id": "cr", "text": "windows line"}\r',
    "padded": b'  {"id": "pd", "text": "padded line"}  ',
    "nan": b'{"id": "nn", "text": "x", "v": NaN}',
}


def _cfg(**kw) -> InputConfig:
    return InputConfig(paths=["/x"], max_chars=kw.pop("max_chars", 200), **kw)


def _rows(table: pa.Table) -> list[tuple]:
    cols = ["id", "text", C.LINE, C.REMOVED_BY, C.REASON, C.RAW, C.QUARANTINED]
    got = {
        c: table.column(c).to_pylist() if c in table.column_names else [None] * table.num_rows for c in cols
    }
    # a quarantined row's text is never written (quarantine/ takes its raw line): not compared
    got["text"] = [None if by is not None else t for t, by in zip(got["text"], got[C.REMOVED_BY])]
    return sorted(zip(*(got[c] for c in cols)), key=lambda r: r[2])


def _both(chunk: bytes, cfg: InputConfig | None = None, first_line: int = 1):
    cfg = cfg or _cfg()
    counts = {"lines": 0, "blank": 0}
    table, n = R._parse_jsonl_chunk(cfg, FILE, chunk, first_line, counts)
    slow = R._slow_jsonl(cfg, FILE, chunk, first_line)
    slow_blank = sum(1 for raw in chunk.split(b"\n") if not raw.strip()) - (1 if chunk.endswith(b"\n") else 0)
    assert n == counts["lines"] == chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
    assert counts["lines"] == table.num_rows + counts["blank"]
    assert counts["blank"] == slow_blank
    return table, slow


@pytest.mark.parametrize("kind", sorted(ODD))
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_one_odd_line_same_fate_as_the_per_line_parse(kind, where):
    lines = [_good(i) for i in range(50)]
    at = {"first": 0, "middle": 25, "last": 50}[where]
    lines.insert(at, ODD[kind])
    chunk = b"\n".join(lines) + b"\n"
    table, slow = _both(chunk)
    assert _rows(table) == _rows(slow)


def test_clean_lines_with_odd_ones_stay_on_the_block_parse(monkeypatch):
    """Malformed, non-object, invalid UTF-8, blank, CRLF and bad-text lines never send the block
    to the per-line parse."""

    def no_slow(*args, **kwargs):
        raise AssertionError("per-line parse used")

    monkeypatch.setattr(R, "_slow_jsonl", no_slow)
    odd = [k for k in ODD if k not in ("nan", "surrogate", "invalid_utf8_other_field", "two_objects")]
    odd.remove("two_objects_tight")
    lines = [_good(i) for i in range(200)]
    for j, kind in enumerate(odd):
        lines.insert(7 * j + 3, ODD[kind])
    chunk = b"\n".join(lines) + b"\n"
    counts = {"lines": 0, "blank": 0}
    table, _ = R._parse_jsonl_chunk(_cfg(), FILE, chunk, 11, counts)
    reasons = dict(zip(table.column(C.LINE).to_pylist(), table.column(C.REASON).to_pylist()))
    for j, kind in enumerate(odd):
        line = 11 + 7 * j + 3
        if kind in ("blank", "spaces"):
            assert line not in reasons
        elif kind in ("crlf", "padded"):
            assert reasons[line] is None
        else:
            assert reasons[line] is not None, kind
    assert counts["blank"] == 2 and counts["lines"] == len(lines)
    texts = dict(zip(table.column("id").to_pylist(), table.column("text").to_pylist()))
    assert texts["d199"] == "document 199 text \u4e2d\u6587" and texts["cr"] == "windows line"


def test_a_block_starting_with_null_is_not_given_to_pyarrow():
    """pyarrow 26's JSON reader crashes (segmentation fault) on a block whose first line is
    ``null``; mid-block it turns ``null`` into an all-null row."""
    chunk = b"null\n" + _good(1) + b"\nnull\n" + _good(2) + b"\n"
    table, slow = _both(chunk)
    assert _rows(table) == _rows(slow)
    reasons = dict(zip(table.column(C.LINE).to_pylist(), table.column(C.REASON).to_pylist()))
    assert reasons == {1: "not_a_json_object", 2: None, 3: "not_a_json_object", 4: None}


def test_a_blank_line_does_not_hide_two_objects_on_one_line():
    """A blank line and a line with two objects used to cancel out in the row count."""
    chunk = b"\n".join([_good(1), b"", ODD["two_objects"], _good(2)]) + b"\n"
    table, slow = _both(chunk)
    assert _rows(table) == _rows(slow)
    reasons = dict(zip(table.column(C.LINE).to_pylist(), table.column(C.REASON).to_pylist()))
    assert reasons == {1: None, 3: "malformed_json", 4: None}


def test_pass_through_type_conflict_keeps_the_per_line_parse():
    lines = [
        json.dumps({"id": f"d{i}", "text": "t", "label": i if i % 2 else str(i)}).encode() for i in range(9)
    ]
    table, slow = _both(b"\n".join(lines) + b"\n")
    assert _rows(table) == _rows(slow)
    assert table.column("label").type == pa.string()


@pytest.mark.parametrize("seed", range(12))
def test_random_dirty_blocks_match_the_per_line_parse(seed):
    rng = random.Random(seed)
    kinds = sorted(ODD)
    lines = []
    for i in range(rng.randint(1, 400)):
        if rng.random() < rng.choice([0.0, 0.01, 0.05, 0.3]):
            lines.append(ODD[rng.choice(kinds)])
        else:
            lines.append(_good(i))
    chunk = b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b"")
    if not chunk:
        return
    cfg = _cfg(id_field=rng.choice(["id", None]))
    table, slow = _both(chunk, cfg, first_line=rng.randint(1, 10_000))
    assert _rows(table) == _rows(slow)


def test_many_bad_lines_found_by_pyarrow_fall_back_to_the_per_line_parse(monkeypatch):
    """Lines of an object's shape that pyarrow rejects cost one parse each; past the limit
    the block goes to the per-line parse, with the same result."""
    calls = []
    slow = R._slow_jsonl
    monkeypatch.setattr(R, "_slow_jsonl", lambda *a, **k: calls.append(1) or slow(*a, **k))
    lines = [_good(i) for i in range(100)]
    for j in range(R._MAX_REPARSES + 2):
        lines.insert(3 * j, ODD["malformed_shapely"])
    chunk = b"\n".join(lines) + b"\n"
    table, _ = R._parse_jsonl_chunk(_cfg(), FILE, chunk, 1, {"lines": 0, "blank": 0})
    assert calls == [1]
    assert _rows(table) == _rows(slow(_cfg(), FILE, chunk, 1))
    calls.clear()
    lines.pop(0)  # one under the limit: no per-line parse
    chunk = b"\n".join(lines[: 3 * R._MAX_REPARSES]) + b"\n"
    table, _ = R._parse_jsonl_chunk(_cfg(), FILE, chunk, 1, {"lines": 0, "blank": 0})
    assert calls == [] and _rows(table) == _rows(slow(_cfg(), FILE, chunk, 1))


@pytest.mark.parametrize(
    "lines",
    [
        [b'{"id": "a", "html": "<p>x</p>"}', b'{"id": "b", "html": "<p>y</p>", "n": 1}'],  # no text field
        [b'{"id": "a", "text": null}', b'{"id": "b", "text": null}'],  # a null-typed text column
        [b'{"id": 7, "title": "x"}', b"", b'{"title": "y"}'],
    ],
)
def test_blocks_without_any_text_are_quarantined_on_the_block_parse(lines, monkeypatch):
    chunk = b"\n".join(lines) + b"\n"
    slow = R._slow_jsonl(_cfg(), FILE, chunk, 5)

    def no_slow(*args, **kwargs):
        raise AssertionError("per-line parse used")

    monkeypatch.setattr(R, "_slow_jsonl", no_slow)
    table, _ = R._parse_jsonl_chunk(_cfg(), FILE, chunk, 5, {"lines": 0, "blank": 0})
    assert _rows(table) == _rows(slow)
    assert set(table.column(C.REASON).to_pylist()) == {"text_missing"}


def test_html_field_blocks_match_the_per_line_parse():
    cfg = _cfg(html_field="page", max_chars=10_000)
    lines = [
        b'{"id": "a", "page": "<p>one</p>"}',
        b'{"id": "b"}',
        b'{"id": "c", "page": null}',
        b'{"id": "d", "page": "  "}',
        b'{"id": "e", "page": "<p>two</p>", "html": "old"}',
    ]
    chunk = b"\n".join(lines) + b"\n"
    table, slow = _both(chunk, cfg)
    assert _rows(table) == _rows(slow)
    only_missing = b'{"id": "x"}\n{"id": "y"}\n'
    table, slow = _both(only_missing, cfg)
    assert _rows(table) == _rows(slow)


def test_padded_lines_are_not_parsed_one_by_one(monkeypatch):
    """Lines of an object's shape with spaces or tabs around them go to pyarrow as they are
    (no per-line json.loads); invalid UTF-8 in such a line is still found and quarantined."""
    lines = [b"  " + _good(i) + b" \t" for i in range(300)]
    lines[100] = b'  {"id": "u", "text": "caf\xc3\x28"}  '
    chunk = b"\n".join(lines) + b"\n"
    slow = R._slow_jsonl(_cfg(), FILE, chunk, 1)
    classified = []
    real = R._classify_line
    monkeypatch.setattr(R, "_classify_line", lambda *a: classified.append(a[2]) or real(*a))
    table, _ = R._parse_jsonl_chunk(_cfg(), FILE, chunk, 1, {"lines": 0, "blank": 0})
    assert _rows(table) == _rows(slow)
    assert classified == [101]
    reasons = dict(zip(table.column(C.LINE).to_pylist(), table.column(C.REASON).to_pylist()))
    assert reasons[101] == "invalid_utf8" and reasons[300] is None
