"""content_filter on Chinese: a lexicon term fires only on jieba word edges (cjk_match: words, the default).

Matched as substrings, one-character terms of public Chinese lists (性, 乳, 奶, 逼 ...) fire inside
ordinary words (重要性, 性能, 牛乳, 逼近) and removed about a third of a news sample. The lexicons
here are made-up lists of ordinary words: the mechanism does not depend on what a list holds.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from operators.safety._lexicon import LexiconMatcher
from operators.safety.content_filter import ContentFilter
from tests.pii_linear import best_cpu

COMPOUNDS = [
    "这项研究的重要性在于它的可能性。",  # 性 inside 重要性, 可能性
    "这款手机性能很好。",  # 性 at the start of 性能
    "豆浆和牛乳都很好喝。",  # 乳 at the end of 牛乳
    "敌军逼近城下，形势紧张。",  # 逼 at the start of 逼近
]


def _filter(tmp_path, terms: list[str], **params) -> ContentFilter:
    lex = tmp_path / "lex.txt"
    lex.write_text("\n".join(terms) + "\n", encoding="utf-8")
    op = ContentFilter(lexicons=[{"path": str(lex), "category": "test"}], **params)
    op.ensure_setup()
    return op


def _hits(op: ContentFilter, texts: list[str], lang: str = "zh") -> list[int]:
    t = pa.table({"id": [str(i) for i in range(len(texts))], "text": texts, "lang": [lang] * len(texts)})
    return op.score(t).column("content_hits").to_pylist()


def test_terms_inside_words_do_not_fire(tmp_path):
    words = _filter(tmp_path, ["性", "乳", "逼"])
    substring = _filter(tmp_path, ["性", "乳", "逼"], cjk_match="substring")
    assert _hits(words, COMPOUNDS) == [0, 0, 0, 0]
    assert _hits(substring, COMPOUNDS) == [2, 1, 1, 1]


def test_whole_words_and_runs_of_words_fire(tmp_path):
    op = _filter(tmp_path, ["牛乳", "形势紧张", "研究的重要"])
    # 牛乳: one word; 形势紧张: 形势 + 紧张; 研究的重要: ends inside 重要性
    assert _hits(op, [COMPOUNDS[2], COMPOUNDS[3], COMPOUNDS[0]]) == [1, 1, 0]


def test_removal_keeps_the_decision_rule(tmp_path):
    op = _filter(tmp_path, ["性", "牛乳"])
    t = pa.table({"id": ["a", "b"], "text": [COMPOUNDS[0], COMPOUNDS[2]], "lang": ["zh", "zh"]})
    d = op.decide(op.score(t))
    assert d.keep.tolist() == [True, False]
    assert list(d.reasons) == [None, "content_test"]


def test_allow_list_and_english_boundaries_unchanged(tmp_path):
    op = _filter(tmp_path, ["牛乳", "ass"], allow_terms=["豆浆和牛乳"])
    assert _hits(op, [COMPOUNDS[2]]) == [0]
    assert _hits(op, ["a class of its own", "kiss my ass"], lang="en") == [0, 1]


def test_matcher_rows_stay_apart():
    m = LexiconMatcher([["性"]], cjk_words=True)
    # the row boundary is a word edge: 性 at the end of one row and the start of the next
    hits = m.hits(["他的性", "性能很好", None, "性"])
    assert sorted(hits.rows.tolist()) == [0, 3]


@pytest.mark.parametrize("unit", ["重要性和可能性。", "性" * 50 + "\n", "性\n", "性能" * 40 + " "])
def test_linear_time(tmp_path, unit):
    op = _filter(tmp_path, ["性", "性能"])

    def cpu(k: int) -> float:
        text = unit * (30_000 // len(unit)) * k
        return best_cpu(lambda: _hits(op, [text]), 2)

    cpu(1)
    assert cpu(4) < 8 * max(cpu(1), 1e-3)
