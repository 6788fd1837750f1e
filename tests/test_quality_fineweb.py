"""fineweb_quality: each rule at its threshold, English and Chinese."""

from __future__ import annotations

import pyarrow as pa
import pytest
from filter_helpers import annotated, judged, removed_count
from quality_samples import EN_ARTICLE, ZH_AD_SPAM, ZH_NAV_MENU, ZH_NEWS, ZH_SHORT_LINES, random_words

from operators.quality.fineweb import FineWebQuality


def run(op, texts, lang=None):
    cols = {"id": [str(i) for i in range(len(texts))], "text": texts}
    if lang is not None:
        cols["lang"] = [lang] * len(texts)
    scored, keep, reasons = judged(op, pa.table(cols))
    return scored, [bool(k) for k in keep], reasons


def col(scored, name):
    return scored.column(name).to_pylist()


def long_lines(n, seed=0):
    ws = random_words(n * 8, seed=seed, length=(5, 8))
    return [" ".join(ws[i * 8 : (i + 1) * 8]) for i in range(n)]


def test_line_punct_ratio_boundary():
    lines = long_lines(25, seed=1)
    at = "\n".join([ln + "." for ln in lines[:3]] + lines[3:])  # 3/25 = 0.12
    below = "\n".join([ln + "." for ln in lines[:2]] + lines[2:])  # 0.08
    scored, keep, reasons = run(FineWebQuality(), [at, below])
    assert col(scored, "fineweb_line_punct_ratio") == pytest.approx([0.12, 0.08])
    assert keep == [True, False] and reasons[1] == "fineweb_line_punct_ratio"


def test_line_punct_exclude_zero():
    text = "\n".join(long_lines(5, seed=2))
    _, keep, _ = run(FineWebQuality(line_punct_exclude_zero=True), [text])
    assert keep == [True]


def test_short_line_ratio_boundary():
    longs = [ln + "." for ln in long_lines(33, seed=3)]
    shorts = [f"item {w}." for w in random_words(68, seed=4, length=(4, 6))]
    at = "\n".join(longs + shorts[:67])  # 67/100
    above = "\n".join(longs[:32] + shorts)  # 68/100
    scored, keep, reasons = run(FineWebQuality(new_line_ratio=None), [at, above])
    assert col(scored, "fineweb_short_line_ratio") == pytest.approx([0.67, 0.68])
    assert keep == [True, False] and reasons[1] == "fineweb_short_line_ratio"


def test_short_line_length_boundary():
    line30 = "a" * 29 + "."
    line31 = "a" * 30 + "."
    scored, _, _ = run(FineWebQuality(), [line30, line31])
    assert col(scored, "fineweb_short_line_ratio") == [1.0, 0.0]


def test_char_dup_ratio_boundary():
    lines = [ln + "." for ln in long_lines(20, seed=5)]
    dup = lines[0]
    text = "\n".join(lines + [dup])
    scored, _, _ = run(FineWebQuality(), [text])
    value = col(scored, "fineweb_char_dup_ratio")[0]
    assert value == pytest.approx(len(dup) / (len(text) - text.count("\n")))
    _, keep_at, _ = run(FineWebQuality(char_duplicates_ratio=value), [text])
    _, keep_below, reasons = run(FineWebQuality(char_duplicates_ratio=value - 1e-9), [text])
    assert keep_at == [True] and keep_below == [False] and reasons == ["fineweb_char_dup_ratio"]


def test_list_ratio_boundary():
    # 10 lines of 3 words + final period each: tokens per line = 4
    lines = [" ".join(random_words(3, seed=i)) + "." for i in range(10)]
    text = "\n".join(lines)  # 9 newlines / 40 tokens = 0.225
    scored, _, _ = run(FineWebQuality(short_line_thr=None), [text])
    value = col(scored, "fineweb_newline_ratio")[0]
    assert value == pytest.approx(9 / 40)
    _, keep_at, _ = run(FineWebQuality(short_line_thr=None, new_line_ratio=value), [text])
    _, keep_above, reasons = run(FineWebQuality(short_line_thr=None, new_line_ratio=value - 1e-9), [text])
    assert keep_at == [True] and keep_above == [False] and reasons == ["fineweb_list_ratio"]


def test_empty_and_one_word():
    _, keep, reasons = run(FineWebQuality(), ["", "\n \n", "Hello"])
    assert keep == [False, False, False]
    assert reasons == ["fineweb_empty", "fineweb_empty", "fineweb_line_punct_ratio"]


def test_english_article_passes():
    _, keep, reasons = run(FineWebQuality(), [EN_ARTICLE])
    assert keep == [True], reasons


def test_chinese_news_passes():
    scored, keep, reasons = run(FineWebQuality(), [ZH_NEWS], lang="zh")
    assert keep == [True], reasons
    assert col(scored, "fineweb_line_punct_ratio") == [1.0]


def test_chinese_closing_quote_after_terminal_mark_counts():
    text = "他说：“我们一定会完成今年的任务。”\n大家都认为这个目标是可以实现的。"
    scored, _, _ = run(FineWebQuality(), [text], lang="zh")
    assert col(scored, "fineweb_line_punct_ratio") == [1.0]


def test_chinese_short_line_length_is_15():
    scored, _, _ = run(
        FineWebQuality(), ["一二三四五六七八九十一二三四。", "一二三四五六七八九十一二三四五。"], lang="zh"
    )
    assert col(scored, "fineweb_short_line_ratio") == [1.0, 0.0]


def test_chinese_spam_fails():
    _, keep, reasons = run(FineWebQuality(), [ZH_NAV_MENU, ZH_AD_SPAM, ZH_SHORT_LINES], lang="zh")
    assert keep == [False, False, False]
    assert reasons == ["fineweb_line_punct_ratio", "fineweb_char_dup_ratio", "fineweb_line_punct_ratio"]


def test_annotate_mode():
    scored = annotated(FineWebQuality(mode="annotate"), pa.table({"id": ["a"], "text": [ZH_NAV_MENU]}))
    assert (
        removed_count(scored) == 0
        and scored.num_rows == 1
        and "fineweb_char_dup_ratio" in scored.column_names
    )
