"""Chinese documents segmented as one NUL-joined text per batch
(``common._tokenize_rows`` via ``_zh_parts``) get exactly the words of segmenting each alone
(``segment.words_zh``), also where documents end in ``\\r`` and the next
starts with ``\\n``, are empty, or hold a NUL themselves."""

from __future__ import annotations

import random

from operators.quality import common as C
from operators.text.segment import words_zh

TEXTS = [
    "",
    "我们今天去北京。天气很好！",
    "\r",
    "\n中华人民共和国成立了",
    "\r\n",
    "好\r",
    "\n好",
    "a\x00b中文\x00",
    "\x00",
    "3.5%的增长，GDP达到100亿元。",
    "  前后有空格  ",
    "混合English和中文text123",
    "，。！？",
    "\u3000全角空格\u3000",
    "C++和C#都是语言&符号_下划线-连字符.点",
]


def _words(texts):
    ids, offsets = C._tokenize_rows(texts, ["zh"] * len(texts))
    inv = {v: k for k, v in C.VOCAB.ids.items()}
    return [[inv[i] for i in ids[offsets[k] : offsets[k + 1]].tolist()] for k in range(len(texts))]


def test_joined_segmentation_equals_per_document():
    rng = random.Random(5)
    for _ in range(20):
        texts = [rng.choice(TEXTS) for _ in range(rng.randint(1, 30))]
        assert _words(texts) == [words_zh(t) for t in texts]


def test_groups_of_documents_are_cut_at_their_boundaries(monkeypatch):
    monkeypatch.setattr(C, "_GROUP_CHARS", 16)  # a group every few documents
    texts = TEXTS * 4
    assert _words(texts) == [words_zh(t) for t in texts]


def test_tokenize_batch_chinese_rows_match_words_zh():
    C.VOCAB.reset()
    C.SHARED.clear()
    texts = TEXTS * 3
    tb = C.tokenize_batch(texts, ["zh"] * len(texts), share=False)
    inv = {v: k for k, v in C.VOCAB.ids.items()}
    for k, t in enumerate(texts):
        got = [inv[i] for i in tb.ids[tb.offsets[k] : tb.offsets[k + 1]].tolist()]
        assert got == words_zh(t)
        assert tb.length[tb.offsets[k] : tb.offsets[k + 1]].tolist() == [len(w) for w in got]
