"""The speed work on the rule filters keeps their results: one tokenization
shared by consecutive filters (reused only for the exact same text, also
after c4_quality rewrites text), the compiled n-gram kernel against a direct
transcription of datatrove's n-gram functions, and the rjieba segmenter
against jieba."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pyarrow as pa
import pytest
from filter_helpers import judged
from quality_samples import EN_ARTICLE, ZH_NEWS, random_words

from operators.quality import common as _quality
from operators.quality._kernels import ngram_fractions_kernel
from operators.quality.c4 import C4Quality
from operators.quality.fineweb import FineWebQuality
from operators.quality.gopher import GopherQuality, GopherRepetition
from operators.text.segment import words_zh, words_zh_jieba


def _table(texts, lang=None):
    cols = {"id": [str(i) for i in range(len(texts))], "text": texts}
    if lang:
        cols["lang"] = [lang] * len(texts)
    return pa.table(cols)


def _signals(op, table):
    scored, keep, reasons = judged(op, table)
    cols = {c: scored.column(c).to_pylist() for c in scored.column_names if c not in ("id", "text", "lang")}
    return cols, [bool(k) for k in keep], reasons


def _fresh(op, table):
    """The operator's result with nothing cached from earlier calls."""
    _quality.SHARED.clear()
    return _signals(op, table)


def _docs():
    words = random_words(300, seed=3, length=(2, 9))
    rng = random.Random(5)
    docs = [EN_ARTICLE, EN_ARTICLE + "\n\n" + EN_ARTICLE]
    for i in range(30):
        lines = [
            " ".join(rng.choice(words) for _ in range(rng.randint(3, 14))) + rng.choice([".", "", "!"])
            for _ in range(rng.randint(1, 12))
        ]
        if i % 4 == 0:
            lines += lines[:3]  # repeated lines
        docs.append("\n".join(lines))
    return docs


def test_consecutive_filters_reuse_tokens_and_match_fresh_results():
    docs = _docs()
    gq, gr = GopherQuality(), GopherRepetition()
    t = _table(docs)
    _quality.SHARED.clear()
    _signals(gq, t)
    sub = t.filter(pa.array([i % 3 != 0 for i in range(len(docs))]))  # the rows a filter kept
    hits0, misses0 = _quality.SHARED.hits, _quality.SHARED.misses
    shared = _signals(gr, sub)
    assert _quality.SHARED.hits - hits0 == sub.num_rows  # every row reused, none re-tokenized
    assert _quality.SHARED.misses == misses0
    assert shared == _fresh(gr, sub)


def test_shared_tokens_are_keyed_to_the_text_c4_rewrites():
    # c4 drops the lines without terminal punctuation: the text fineweb sees differs from gopher's
    keep_line = "This is a complete sentence with enough words in it."
    docs = [
        "\n".join(
            [keep_line] * 6
            + ["menu home about contact"] * 4
            + [f"Line {i} ends well here." for i in range(6)]
        )
    ] * 2
    docs.append(
        "\n".join(f"Sentence number {i} of a clean page is here." for i in range(8))
    )  # c4 keeps it as is
    t = _table(docs)
    _quality.SHARED.clear()
    _signals(GopherQuality(), t)
    scored, keep, _ = judged(C4Quality(), t)
    after = scored.filter(pa.array(keep))
    texts = after.column("text").to_pylist()
    assert texts[0] != docs[0] and texts[2] == docs[2]  # rewritten / unchanged
    misses0, hits0 = _quality.SHARED.misses, _quality.SHARED.hits
    shared = _signals(FineWebQuality(), after)
    assert _quality.SHARED.misses - misses0 == 2  # the two rewritten rows are re-tokenized
    assert _quality.SHARED.hits - hits0 == 1  # the unchanged page is reused
    assert shared == _fresh(FineWebQuality(), after)


def test_same_text_in_another_family_is_not_reused():
    text = "我们在野生动物园玩 hello world 今天天气很好"
    _quality.SHARED.clear()
    en = _quality.tokenize_batch([text], ["default"])
    zh = _quality.tokenize_batch([text], ["zh"])
    assert _quality.SHARED.hits == 0 or np.diff(zh.offsets)[0] != np.diff(en.offsets)[0]
    assert np.diff(zh.offsets)[0] == len(words_zh(text))


def test_vocabulary_reset_invalidates_the_shared_tokens():
    _quality.SHARED.clear()
    _quality.tokenize_batch(["alpha beta gamma"], ["default"])
    _quality.VOCAB.reset()
    hits0 = _quality.SHARED.hits
    tb = _quality.tokenize_batch(["alpha beta gamma"], ["default"])
    assert _quality.SHARED.hits == hits0
    assert tb.length.tolist() == [5, 4, 5]


# ------------------------------------------------------------ n-gram kernel
def _ref_top(words, n):  # datatrove find_top_duplicate over get_n_grams
    grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    if not grams:
        return 0
    g, c = Counter(grams).most_common(1)[0]
    return len(g) * c


def _ref_dup(words, n):  # datatrove find_all_duplicate
    unique, rep, idx = set(), 0, 0
    while idx < len(words) - n + 1:
        g = "".join(words[idx : idx + n])
        if g in unique:
            rep += len(g)
            idx += n
        else:
            unique.add(g)
            idx += 1
    return rep


@pytest.mark.parametrize("seed", range(6))
def test_ngram_kernel_matches_datatrove_functions(seed):
    rng = random.Random(seed)
    alphabet = "abcde"[: 2 + seed % 4]  # single-character tokens: "".join is unambiguous
    docs = []
    for _ in range(40):
        m = rng.choice([0, 1, 2, 5, 11, 40, 200])
        if rng.random() < 0.3:  # periodic runs: overlapping repeats
            period = [rng.choice(alphabet) for _ in range(rng.randint(1, 6))]
            docs.append([period[i % len(period)] for i in range(m)])
        else:
            docs.append([rng.choice(alphabet) for _ in range(m)])
    ids = np.array([ord(w) for d in docs for w in d], np.int64)
    offsets = np.zeros(len(docs) + 1, np.int64)
    np.cumsum([len(d) for d in docs], out=offsets[1:])
    rvals = np.array([(x * 0x9E3779B97F4A7C15 + 12345) % (1 << 64) for x in range(256)], np.uint64)[ids]
    n_chars = np.array([max(len(" ".join(d)), 1) for d in docs], np.int64)
    top_ns, dup_ns = np.array([2, 3, 4]), np.array([5, 6, 7, 8, 9, 10])
    top = np.zeros((3, len(docs)))
    dup = np.zeros((6, len(docs)))
    ngram_fractions_kernel(
        rvals,
        np.ones(len(ids), np.int64),
        offsets,
        np.ones(len(docs), np.int64),
        n_chars,
        top_ns,
        dup_ns,
        10,
        top,
        dup,
    )
    for d, words in enumerate(docs):
        for j, n in enumerate(top_ns):
            assert top[j, d] == pytest.approx(_ref_top(words, n) / n_chars[d]), (d, n)
        for j, n in enumerate(dup_ns):
            assert dup[j, d] == pytest.approx(_ref_dup(words, n) / n_chars[d]), (d, n)


# ------------------------------------------------------------ segmenter
def test_rjieba_segments_like_jieba():
    texts = [
        ZH_NEWS,
        "我们在野生动物园玩，看到了长颈鹿和大熊猫。",
        "今天是2024年1月1日，天气晴朗，气温-3℃～5℃。",
        "这家酒店的服务态度非常好，房间干净整洁，下次还会再来！",
        "iPhone 15 Pro Max 的价格是 9999 元",
    ]
    for t in texts:
        assert words_zh(t) == words_zh_jieba(t)


# ------------------------------------------------------------ FineWeb line kernel
def _fineweb_lines_ref(text, cjk, short_len, stop, closers):
    """The per-line Python implementation the compiled kernel replaced."""
    lines = [ln for ln in text.split("\n") if ln.strip() != ""]
    if not lines:
        return (float("nan"),) * 3
    if cjk:
        ended = sum(1 for ln in lines if ln.rstrip(closers).endswith(stop))
    else:
        ended = sum(1 for ln in lines if ln.endswith(stop))
    short = sum(1 for ln in lines if len(ln) <= short_len)
    seen, dch = set(), 0
    for ln in lines:
        if ln in seen:
            dch += len(ln)
        else:
            seen.add(ln)
    denom = len(text) - text.count("\n")
    return ended / len(lines), short / len(lines), (dch / denom if denom else 0.0)


@pytest.mark.parametrize("seed", range(4))
def test_fineweb_line_kernel_matches_python_lines(seed):
    from operators.quality import fineweb as fw
    from operators.quality._kernels import SPACE_TABLE, char_table, fineweb_lines_kernel, utf8_column
    from operators.text.segment import SENTENCE_FINAL

    rng = random.Random(seed)
    pieces = [
        "word",
        "文字",
        "短",
        "ab cd",
        " ",
        "\t",
        "\u3000",
        "\xa0",
        "\r",
        "\x1c",
        ".",
        "。",
        "！",
        "”",
        "」",
        "'",
        "?",
        "…",
        "😀",
        "é",
        "\u2028",
        ")",
        "x" * 40,
    ]
    texts = ["", "\n", "\n\n  \n", "。”", "”」"]
    for _ in range(120):
        lines = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 9))
        ]
        if rng.random() < 0.4:
            lines += rng.sample(lines, k=min(3, len(lines)))
        texts.append("\n".join(lines))
    n = len(texts)
    cjk = np.array([i % 2 == 1 for i in range(n)])
    short_len = np.array([15.0 if c else 30.0 for c in cjk])
    data, offsets = utf8_column(pa.chunked_array([pa.array(texts[:50]), pa.array(texts[50:])]))
    out = [np.empty(n) for _ in range(3)]
    fineweb_lines_kernel(
        data, offsets, cjk, short_len, SPACE_TABLE, char_table(SENTENCE_FINAL), fw._CLOSER_TABLE, *out
    )
    for i, t in enumerate(texts):
        ref = _fineweb_lines_ref(t, cjk[i], short_len[i], tuple(SENTENCE_FINAL), fw._CLOSERS)
        got = tuple(float(o[i]) for o in out)
        assert got == pytest.approx(ref, nan_ok=True), (i, repr(t))


def test_utf8_column_handles_slices_and_nulls():
    from operators.quality._kernels import utf8_column

    arr = pa.array(["zero", None, "二二", "three"]).slice(1)
    data, offsets = utf8_column(arr)
    got = [bytes(data[offsets[i] : offsets[i + 1]]).decode() for i in range(len(offsets) - 1)]
    assert got == ["", "二二", "three"]


def test_rate_probe_split_is_shared_too():
    # the engine's first call in a worker runs one document alone, then the rest;
    # the next filter does the same
    docs = _docs()
    t = _table(docs)
    gq, gr = GopherQuality(), GopherRepetition()
    _quality.SHARED.clear()
    _signals(gq, t.slice(0, 1))
    _signals(gq, t.slice(1))
    misses0 = _quality.SHARED.misses
    first = _signals(gr, t.slice(0, 1))
    rest = _signals(gr, t.slice(1))
    assert _quality.SHARED.misses == misses0  # both calls found their rows
    assert first == _fresh(gr, t.slice(0, 1)) and rest == _fresh(gr, t.slice(1))


def test_shared_tokens_hold_at_most_about_one_batch():
    _quality.SHARED.clear()
    big = ["word " * 50 + str(i) for i in range(40)]
    _quality.tokenize_batch(big, ["default"] * 40)
    _quality.tokenize_batch(big[:1], ["default"])  # small: kept beside the big one
    assert len(_quality.SHARED.entries) == 2
    _quality.tokenize_batch(
        [b + " x" for b in big], ["default"] * 40
    )  # another big one: the first big one goes
    sizes = [len(ids) for _, ids, _ in _quality.SHARED.entries]
    assert sum(sizes) <= 1.25 * max(sizes)
    _quality.tokenize_batch([b + " y" for b in big], ["default"] * 40)
    assert len(_quality.SHARED.entries) == 1  # two big batches are never held together


def _py_line_para(text: str) -> tuple[float, float, float, float]:
    """Gopher's duplicate line/paragraph statistics as datatrove computes them (the replaced Python)."""
    import re

    def dups(items):
        seen, n, ch = set(), 0, 0
        for x in items:
            if x in seen:
                n, ch = n + 1, ch + len(x)
            else:
                seen.add(x)
        return n, ch

    if not text:
        return 0.0, 0.0, 0.0, 0.0
    paras = re.split(r"\n{2,}", text.strip())
    d, c = dups(paras)
    lines = re.split(r"\n+", text)
    d2, c2 = dups(lines)
    return d / len(paras), c / len(text), d2 / len(lines), c2 / len(text)


def test_line_paragraph_kernel_equals_python_on_random_texts():
    import random

    import pyarrow as pa

    from operators.quality._kernels import SPACE_TABLE, line_para_dups_kernel, utf8_column

    rng = random.Random(13)
    pieces = ["ab", "ab", "中文", "x y", " ", "\t", "\u3000", "\xa0", "\n", "\n", "\n\n", "\r", "é", "…", ""]
    texts = ["", "\n", "\n\n\n", "  \n \n  ", "a\n\na\n\na", "a\nb\na\n", "\na\n", "中\n\n中\n\n\n中"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    n = len(texts)
    out = [np.zeros(n) for _ in range(4)]
    chars = np.zeros(n, np.int64)
    data, offsets = utf8_column(pa.chunked_array([pa.array(texts)]))
    line_para_dups_kernel(data, offsets, SPACE_TABLE, *out, chars)
    for i, t in enumerate(texts):
        assert chars[i] == len(t)
        assert tuple(o[i] for o in out) == pytest.approx(_py_line_para(t), abs=1e-12), repr(t)


@pytest.mark.parametrize(
    "text,reason",
    [
        (
            "\n".join(["same line here"] * 4 + [f"line {i} differs" for i in range(6)]),
            None,
        ),  # 3/10 = threshold: kept
        ("\n".join(["same line here"] * 5 + [f"line {i} differs" for i in range(5)]), "gopher_dup_line_frac"),
    ],
)
def test_dup_line_fraction_at_the_threshold(text, reason):
    from operators.quality.gopher import GopherRepetition

    op = GopherRepetition(
        dup_line_char_frac=None, dup_para_frac=None, dup_para_char_frac=None, top_n_grams={}, dup_n_grams={}
    )
    _, keep, reasons = judged(op, pa.table({"id": ["a"], "text": [text]}))
    assert reasons[0] == reason
