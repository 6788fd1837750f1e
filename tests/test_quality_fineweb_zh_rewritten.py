"""Chinese texts that c4_quality rewrites (lines deleted) reach fineweb_quality with their
tokens read off the originals' (``share_rewritten``), not segmented again: the same tokens,
signals and decisions as a fresh segmentation, and a fallback where a line changed."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
from filter_helpers import judged
from quality_samples import ZH_NEWS

from operators.quality import common as _quality
from operators.quality.c4 import C4Quality
from operators.quality.fineweb import FineWebQuality
from operators.quality.gopher import GopherQuality, GopherRepetition

_HAN = sorted({c for c in ZH_NEWS if "\u4e00" <= c <= "\u9fff"})
_JUNK = ["首页", "新闻 体育", "Copyright 2024 xinhua.net", "责任编辑：张三", "点击查看更多>>", "3月5日 10:30"]


def _table(texts):
    return pa.table({"id": [str(i) for i in range(len(texts))], "text": texts, "lang": ["zh"] * len(texts)})


def _signals(op, table):
    scored, keep, reasons = judged(op, table)
    cols = {c: scored.column(c).to_pylist() for c in scored.column_names if c not in ("id", "lang")}
    return cols, [bool(k) for k in keep], reasons


def _sentence(rng):
    words = ["".join(rng.choice(_HAN) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(6, 14))]
    return "的".join(words[:3]) + "，" + "".join(words[3:]) + rng.choice("。！？")


def _articles(n, seed, odd=()):
    """Articles of sentence lines and junk lines (no terminal punctuation: C4 deletes
    them), with the whitespace shapes a line can carry (and ``odd`` pieces inside lines)."""
    rng = random.Random(seed)
    spaces = ["", " ", "\u3000", "\t", "  "]
    docs = []
    for _ in range(n):
        lines = []
        for _ in range(rng.randint(2, 12)):
            if rng.random() < 0.35:
                line = rng.choice(_JUNK)
            else:
                line = "".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
                if rng.random() < 0.3:
                    k = rng.randrange(len(line))
                    line = line[:k] + rng.choice([" ", "\u3000", "ABC ", "2024年", *odd]) + line[k:]
            lines.append(rng.choice(spaces) + line + rng.choice(spaces))
        sep = rng.choice(["\n", "\n", "\r\n", "\n\n"])
        docs.append(sep.join(lines))
    return docs


def _chain_to_fineweb(texts):
    """The batch as fineweb_quality gets it after gopher_quality, gopher_repetition and
    c4_quality (the web_text chain), and the shared-token misses of fineweb's call."""
    t = _table(texts)
    _quality.SHARED.clear()
    for op in (GopherQuality(language="zh"), GopherRepetition(language="zh"), C4Quality(language="zh")):
        scored, keep, _ = judged(op, t)
        t = scored.filter(pa.array(keep, pa.bool_())).select(["id", "text", "lang"])
    return t


def test_rewritten_chinese_texts_reach_fineweb_without_segmenting_again():
    docs = _articles(60, seed=1)
    t = _chain_to_fineweb(docs)
    rewritten = sum(x not in docs for x in t.column("text").to_pylist())
    assert rewritten >= 20  # the case at hand: C4 deleted lines in many of them
    misses = _quality.SHARED.misses
    chained = _signals(FineWebQuality(language="zh"), t)
    assert _quality.SHARED.misses == misses  # every row found, the rewritten ones too
    _quality.SHARED.clear()
    fresh = _signals(FineWebQuality(language="zh"), t)
    assert chained == fresh


def test_derived_tokens_equal_a_fresh_segmentation():
    rng = random.Random(7)
    # odd pieces: line separators str.splitlines knows, control characters, NUL (a text
    # segmented alone), combining marks, a dotted run
    docs = _articles(
        80, seed=2, odd=("\u2028", "\x1c", "\x85", "\x00", "e\u0301\u0302\u0303", "a" + "." * 50)
    )
    kept = []
    for d in docs:  # any subset of lines, in order, stripped (C4's shape of rewrite)
        lines = [x.strip() for x in d.splitlines()]
        kept.append("\n".join(x for x in lines if rng.random() < 0.6).strip())
    pairs = [(d, k) for d, k in zip(docs, kept) if k != d and k]
    _quality.SHARED.clear()
    _quality.tokenize_batch([d for d, _ in pairs], ["zh"] * len(pairs))
    assert _quality.share_rewritten(["zh"] * len(pairs), [d for d, _ in pairs], [k for _, k in pairs]) == len(
        pairs
    )
    misses = _quality.SHARED.misses
    via = _quality.tokenize_batch([k for _, k in pairs], ["zh"] * len(pairs), share=False)
    assert _quality.SHARED.misses == misses
    _quality.SHARED.enabled = False
    try:
        fresh = _quality.tokenize_batch([k for _, k in pairs], ["zh"] * len(pairs))
    finally:
        _quality.SHARED.enabled = True
    assert np.array_equal(via.offsets, fresh.offsets)
    assert np.array_equal(via.ids, fresh.ids)


def test_a_line_changed_inside_is_segmented_again():
    # a citation mark deleted inside a line joins two runs: "中国[1]人民" -> "中国人民"
    orig = "首页\n中国[1]人民站起来了。\n他说：我们的事业是正义的。"
    new = "中国人民站起来了。\n他说：我们的事业是正义的。"
    _quality.SHARED.clear()
    _quality.tokenize_batch([orig], ["zh"])
    assert _quality.share_rewritten(["zh"], [orig], [new]) == 0
    misses = _quality.SHARED.misses
    _quality.tokenize_batch([new], ["zh"])
    assert _quality.SHARED.misses == misses + 1
    # lines kept as they were are read off, whichever of two equal lines is matched
    orig2 = "好。\n导航\n好。\n结束了。"
    assert _quality.share_rewritten(["zh"], [orig2], ["好。\n结束了。"]) == 0  # orig2 not held
    _quality.tokenize_batch([orig2], ["zh"])
    assert _quality.share_rewritten(["zh"], [orig2], ["好。\n结束了。"]) == 1


def test_only_chinese_and_held_originals_are_derived_and_at_most_two_calls_held():
    _quality.SHARED.clear()
    assert _quality.share_rewritten(["zh"], ["甲。\n乙"], ["甲。"]) == 0  # nothing held
    _quality.tokenize_batch(["甲。\n乙", "one.\ntwo"], ["zh", "default"])
    assert _quality.share_rewritten(["default"], ["one.\ntwo"], ["one."]) == 0
    for k in range(4):
        orig = f"第{k}行。\n导航{k}"
        _quality.tokenize_batch([orig], ["zh"])
        assert _quality.share_rewritten(["zh"], [orig], [f"第{k}行。"]) == 1
    assert len(_quality.SHARED.derived) == 2
    held = {key for rows, _, _ in _quality.SHARED.derived for key in rows}
    assert held == {("zh", "第2行。"), ("zh", "第3行。")}
