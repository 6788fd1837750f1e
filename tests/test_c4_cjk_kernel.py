"""The compiled C4 line rules for Chinese/Japanese rows (``c4_cjk_lines_kernel``,
words from the batch's shared segmentation) against the per-line Python rules
(``C4Quality._score_cjk_row``, each line segmented on its own): every signal,
the page flag and the rewritten text, on random texts built from the
characters the rules look at."""

from __future__ import annotations

import random
import re

import numpy as np
import pyarrow as pa
import pytest

from operators._text import PY_CJK_CHAR_CLASS
from operators.quality import c4 as c4mod
from operators.quality.c4 import C4Quality
from operators.text.segment import count_sentences_cjk

SIGNALS = [
    "c4_lines",
    "c4_lines_removed",
    "c4_sentences",
    "c4_lines_long_word",
    "c4_lines_no_terminal_punct",
    "c4_lines_too_few_words",
    "c4_lines_javascript",
    "c4_lines_policy",
    "c4_text_modified",
    "c4_page_flag",
    "text",
]

PIECES = [
    "我们今天去北京",
    "天气很好",
    "中华人民共和国",
    "这是一个测试",
    "的",
    "了",
    "。",
    "！",
    "？",
    "!",
    "?",
    "．",
    "…",
    "……",
    "”",
    "’",
    "」",
    "』",
    "）",
    "》",
    '"',
    "'",
    ")",
    "]",
    "[",
    "[1]",
    "[12]",
    "[edit]",
    "[citation needed]",
    "[]",
    " ",
    "\u3000",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u2028",
    "\x1c",
    "abc",
    "ABC",
    "3.5%",
    "2023年",
    "隐私政策",
    "使用条款",
    "使用Cookie",
    "プライバシーポリシー",
    "ひらがな",
    "カタカナ",
    "JavaScript",
    "Lorem Ipsum",
    "{",
    "，",
    "、",
    "x" * 12,
    "\u212a",
    "İ",
]


def _rand_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))


def _python_path(op: C4Quality, table: pa.Table, monkeypatch) -> pa.Table:
    """``score`` with every CJK row sent to the per-line Python rules."""

    def all_rows(self, table, rows, *args, **kwargs):
        return rows

    with monkeypatch.context() as m:
        m.setattr(C4Quality, "_score_cjk_kernel", all_rows)
        return op.score(table)


def _compare(texts, lang, monkeypatch, **params) -> int:
    """Assert both paths agree; return how many rows the kernel left to Python."""
    table = pa.table({"text": texts, "lang": [lang] * len(texts)})
    op = C4Quality(**params)
    left: list[int] = []
    kernel = C4Quality._score_cjk_kernel

    def spy(self, *args, **kwargs):
        rows = kernel(self, *args, **kwargs)
        left.extend(rows.tolist())
        return rows

    with monkeypatch.context() as m:
        m.setattr(C4Quality, "_score_cjk_kernel", spy)
        ours = op.score(table)
    ref = _python_path(op, table, monkeypatch)
    for c in SIGNALS:
        a, b = ours.column(c).to_pylist(), ref.column(c).to_pylist()
        bad = [i for i in range(len(a)) if a[i] != b[i]]
        assert not bad, (c, [(texts[i], a[i], b[i]) for i in bad[:3]])
    return len(left)


@pytest.mark.parametrize("lang", ["zh", "ja"])
@pytest.mark.parametrize("seed", [0, 1])
def test_cjk_kernel_matches_python_rules_on_random_texts(lang, seed, monkeypatch):
    rng = random.Random(seed)
    left = _compare([_rand_text(rng) for _ in range(600)], lang, monkeypatch)
    assert left < 300  # only rows with a citation mark in a counted line go back to Python


@pytest.mark.parametrize(
    "params",
    [
        {"min_words_per_line": 1, "min_num_sentences": 1},
        {"max_word_length": 5},
        {"remove_citations": False},
        {"filter_no_terminal_punct": False, "min_num_sentences": None},
        {"min_words_per_line": None, "filter_policy": False, "filter_javascript": False},
        {"filter_curly_bracket": False, "filter_lorem_ipsum": False},
        {"mode": "annotate"},
        {"remove_lines": False},
    ],
)
def test_cjk_kernel_matches_python_rules_under_parameters(params, monkeypatch):
    rng = random.Random(7)
    _compare([_rand_text(rng) for _ in range(300)], "zh", monkeypatch, **params)


def test_cited_line_is_segmented_again(monkeypatch):
    # a citation mark joins two Han runs: the line's words must come from the line without it
    texts = ["中国[1]人民。\n" * 3 + "我们今天去北京。天气很好！这是一个测试。再来一句。最后一句。"]
    assert _compare(texts, "zh", monkeypatch, min_words_per_line=2, min_num_sentences=1) == 1
    assert _compare([texts[0].replace("[1]", "")], "zh", monkeypatch, min_words_per_line=2) == 0


def test_sentence_count_matches_the_expression():
    rng = random.Random(3)
    alphabet = list("。！？!?．｡”’」』）》\"')] 文\u3000\tx")
    cps_space = c4mod.SPACE_TABLE
    from operators.quality._kernels import _cjk_sentences

    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        cps = np.array([ord(c) for c in s], np.int32)
        got = _cjk_sentences(cps, len(cps), cps_space, c4mod._SENT_TERM_TABLE, c4mod._SENT_CLOSER_TABLE)
        assert got == count_sentences_cjk(s), s


def test_cjk_table_is_the_character_class():
    cls = re.compile(f"[{PY_CJK_CHAR_CLASS}]")
    for cp in (
        list(range(0x3000, 0xA000)) + list(range(0xF800, 0xFB00)) + [0x1FFFF, 0x20000, 0x2FA1F, 0x2FA20]
    ):
        assert bool(c4mod._CJK_TABLE[cp]) == bool(cls.fullmatch(chr(cp))), hex(cp)
