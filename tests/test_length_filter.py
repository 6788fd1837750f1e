"""length_filter at its thresholds, English and Chinese."""

from __future__ import annotations

import pyarrow as pa
import pytest

from engine import columns as C
from engine import runner
from operators.quality.length import LengthFilter


def _run(op, texts):
    table = pa.table({"id": [str(i) for i in range(len(texts))], "text": texts})
    j = runner.start(op).judge(table)
    return j.scored, j.keep, j.reasons


def test_word_threshold_boundaries_english():
    op = LengthFilter(min_words=3, max_words=5)
    texts = ["one two", "one two three", "one two three four five", "one two three four five six"]
    scored, keep, reasons = _run(op, texts)
    assert scored.column("n_words").to_pylist() == [2, 3, 5, 6]
    assert list(keep) == [False, True, True, False]
    assert reasons == ["too_few_words", None, None, "too_many_words"]


def test_chinese_counts_characters_not_spaces():
    op = LengthFilter(min_words=10)
    texts = ["今天天气很好我们去公园", "今天天气很好我们去"]  # 11 and 9 Han characters, no spaces
    scored, keep, reasons = _run(op, texts)
    assert scored.column("n_words").to_pylist() == [11, 9]
    assert list(keep) == [True, False]


def test_mixed_script_words():
    op = LengthFilter()
    scored, _, _ = _run(op, ["使用 Python 3.11 编程"])
    # 4 Han characters + "Python" + "3.11"
    assert scored.column("n_words").to_pylist() == [6]


def test_char_threshold_boundaries():
    op = LengthFilter(min_chars=4, max_chars=6)
    scored, keep, reasons = _run(op, ["abc", "abcd", "abcdef", "abcdefg", "中文四字"])
    assert list(keep) == [False, True, True, False, True]
    assert reasons[0] == "too_few_chars" and reasons[3] == "too_many_chars"


def test_annotate_mode_keeps_everything():
    op = LengthFilter(min_words=100, mode="annotate")
    table = C.add_engine_columns(pa.table({"id": ["0", "1"], "text": ["short", "text"]}), "t.jsonl", 1)
    out = runner.run_operator(runner.start(op), table, "length_filter")
    assert (
        out.column(C.REMOVED_BY).null_count == 2 and out.column(C.REASON).null_count == 2
    )  # nothing removed
    assert out.column("n_words").to_pylist() == [1, 1]


def test_invalid_bounds_rejected():
    with pytest.raises(ValueError):
        LengthFilter(min_words=10, max_words=5)


def test_empty_and_one_word():
    op = LengthFilter(min_words=1)
    scored, keep, reasons = _run(op, ["word", " "])
    assert list(keep) == [True, False]
