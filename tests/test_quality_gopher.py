"""gopher_quality and gopher_repetition: each rule at its threshold (just
below / at / just above), English and Chinese, empty and one-word documents,
annotate mode."""

from __future__ import annotations

import pyarrow as pa
import pytest
from filter_helpers import annotated, judged, removed_count
from quality_samples import EN_ARTICLE, ZH_AD_SPAM, ZH_NAV_MENU, ZH_NEWS, random_words

from operators.quality.gopher import GopherQuality, GopherRepetition


def run(op, texts, lang=None):
    cols = {"id": [str(i) for i in range(len(texts))], "text": texts}
    if lang is not None:
        cols["lang"] = [lang] * len(texts)
    scored, keep, reasons = judged(op, pa.table(cols))
    return scored, [bool(k) for k in keep], reasons


def col(scored, name):
    return scored.column(name).to_pylist()


# ---------------------------------------------------------------- gopher_quality
BASE = ["the", "and"] + random_words(200, seed=1, length=(3, 8))


def words_doc(n, extra=()):
    return " ".join(list(BASE[:n]) + list(extra))


def test_word_count_boundary():
    op = GopherQuality()
    scored, keep, reasons = run(op, [words_doc(49), words_doc(50)])
    assert col(scored, "gopher_word_count") == [49, 50]
    assert keep == [False, True] and reasons[0] == "gopher_short_doc"


def test_max_words_boundary():
    op = GopherQuality(max_doc_words=60)
    _, keep, reasons = run(op, [words_doc(60), words_doc(61)])
    assert keep == [True, False] and reasons[1] == "gopher_long_doc"


def test_mean_word_length_boundaries():
    op = GopherQuality(min_stop_words=None)
    at_min = " ".join(["abc"] * 50)  # mean exactly 3
    below_min = " ".join(["abc"] * 49 + ["ab"])  # 2.98
    at_max = " ".join(["abcdefghij"] * 50)  # exactly 10
    above_max = " ".join(["abcdefghij"] * 49 + ["abcdefghijk"])  # 10.02
    scored, keep, reasons = run(op, [at_min, below_min, at_max, above_max])
    assert col(scored, "gopher_mean_word_length") == pytest.approx([3.0, 2.98, 10.0, 10.02])
    assert keep == [True, False, True, False]
    assert reasons[1] == "gopher_mean_word_length_low" and reasons[3] == "gopher_mean_word_length_high"


def test_hash_and_ellipsis_ratio_boundaries():
    op = GopherQuality()
    # 90 words + k standalone symbols: ratio = k / (90 + k) tokens
    # (symbols first: a line ending in an ellipsis would trip the ellipsis-lines rule)
    docs = [" ".join([sym] * k + BASE[:90]) for sym, k in (("#", 10), ("#", 11), ("...", 10), ("…", 11))]
    scored, keep, reasons = run(op, docs)
    assert col(scored, "gopher_hash_ratio")[:2] == pytest.approx([0.1, 11 / 101])
    assert col(scored, "gopher_ellipsis_ratio")[2:] == pytest.approx([0.1, 11 / 101])
    assert keep == [True, False, True, False]
    assert reasons[1] == "gopher_hash_ratio" and reasons[3] == "gopher_ellipsis_ratio"


def _lines(n, prefix="", suffix=""):
    return "\n".join(f"{prefix}{' '.join(BASE[i * 8 : i * 8 + 8])}{suffix}" for i in range(n))


def test_bullet_lines_boundary():
    op = GopherQuality()
    nine_of_ten = "\n".join(["- " + line for line in _lines(9).split("\n")] + [" ".join(BASE[100:108])])
    all_ten = _lines(10, prefix="• ")
    scored, keep, reasons = run(op, [nine_of_ten, all_ten])
    assert col(scored, "gopher_bullet_lines_ratio") == pytest.approx([0.9, 1.0])
    assert keep == [True, False] and reasons[1] == "gopher_bullet_lines"


def test_ellipsis_lines_boundary():
    op = GopherQuality(max_symbol_word_ratio=None)
    lines = _lines(10).split("\n")
    three = "\n".join([ln + "..." for ln in lines[:3]] + lines[3:])
    four = "\n".join([ln + "…" for ln in lines[:4]] + lines[4:])
    scored, keep, reasons = run(op, [three, four])
    assert col(scored, "gopher_ellipsis_lines_ratio") == pytest.approx([0.3, 0.4])
    assert keep == [True, False] and reasons[1] == "gopher_ellipsis_lines"


def test_alpha_words_boundary():
    op = GopherQuality()
    at = words_doc(40, ["123"] * 10)  # 40 / 50 = 0.8
    below = words_doc(40, ["123"] * 11)  # 40 / 51
    scored, keep, reasons = run(op, [at, below])
    assert col(scored, "gopher_alpha_words_ratio") == pytest.approx([0.8, 40 / 51])
    assert keep == [True, False] and reasons[1] == "gopher_alpha_words"


def test_punctuation_tokens_count_in_alpha_ratio_as_in_datatrove():
    # "word," is two tokens (spaCy convention): 40 words + 10 commas -> 0.8
    text = " ".join(w + "," if i < 10 else w for i, w in enumerate(BASE[:40]))
    scored, keep, _ = run(GopherQuality(), [text])
    assert col(scored, "gopher_word_count") == [40]
    assert col(scored, "gopher_alpha_words_ratio") == pytest.approx([0.8])


def test_stop_words_boundary():
    op = GopherQuality()
    body = random_words(60, seed=7, length=(4, 7))
    two = " ".join(["the", "of"] + body)
    one = " ".join(["the", "the"] + body)
    scored, keep, reasons = run(op, [two, one])
    assert col(scored, "gopher_stop_words") == [2, 1]
    assert keep == [True, False] and reasons[1] == "gopher_stop_words"


def test_empty_and_one_word_documents():
    scored, keep, reasons = run(GopherQuality(), ["", "hello", None])
    assert keep == [False, False, False]
    assert reasons == ["gopher_short_doc"] * 3
    assert col(scored, "gopher_word_count") == [0, 1, 0]


def test_first_failing_rule_is_the_reason():
    # too short AND no stop words: the word-count rule comes first
    _, _, reasons = run(GopherQuality(), [" ".join(random_words(10, seed=3))])
    assert reasons == ["gopher_short_doc"]


def test_english_article_passes():
    _, keep, _ = run(GopherQuality(), [EN_ARTICLE])
    assert keep == [True]


def test_chinese_news_passes_with_lang_column_and_param():
    for op, lang in [(GopherQuality(), "zh"), (GopherQuality(language="zh"), None)]:
        scored, keep, reasons = run(op, [ZH_NEWS], lang=lang)
        assert keep == [True], reasons
        assert 1.0 <= col(scored, "gopher_mean_word_length")[0] <= 4.0
        assert col(scored, "gopher_stop_words")[0] >= 2


def test_chinese_rules_use_segmented_words():
    # whitespace splitting would see ~2 "words" in this news paragraph
    scored, _, _ = run(GopherQuality(language="zh"), [ZH_NEWS])
    assert col(scored, "gopher_word_count")[0] > 100


def test_chinese_menu_and_stop_word_free_text_fail():
    keywords = " ".join(["手机", "电脑", "平板", "耳机", "充电器", "数据线", "键盘", "鼠标"] * 10)
    _, keep, reasons = run(GopherQuality(), [ZH_NAV_MENU, keywords], lang="zh")
    assert keep == [False, False]
    assert reasons == ["gopher_short_doc", "gopher_stop_words"]


def test_chinese_mean_word_length_boundary_override():
    op = GopherQuality(
        language="zh", per_language={"zh": {"min_avg_word_length": 1.0, "max_avg_word_length": 1.5}}
    )
    _, keep, reasons = run(op, [ZH_NEWS])
    assert keep == [False] and reasons == ["gopher_mean_word_length_high"]


def test_language_without_stop_list_skips_rule():
    text = " ".join(random_words(80, seed=11))
    scored, keep, _ = run(GopherQuality(), [text], lang="fi")
    assert col(scored, "gopher_stop_words") == [None]
    assert keep == [True]


def test_annotate_mode_keeps_everything_and_writes_signals():
    op = GopherQuality(mode="annotate")
    scored = annotated(op, pa.table({"id": ["a", "b"], "text": ["", EN_ARTICLE]}))
    assert removed_count(scored) == 0
    assert scored.num_rows == 2 and "gopher_word_count" in scored.column_names


def test_unknown_param_rejected():
    with pytest.raises(Exception):
        GopherQuality(min_doc_word=3)


# ------------------------------------------------------------- gopher_repetition
def unique_lines(n, seed=0, words=10):
    ws = random_words(n * words, seed=seed)
    return [" ".join(ws[i * words : (i + 1) * words]) for i in range(n)]


def test_dup_line_frac_boundary():
    op = GopherRepetition()
    base = unique_lines(6, seed=2)
    at = "\n".join(base + ["short x"] * 4)  # 3 duplicates of 10 lines = 0.3
    above = "\n".join(base + ["short x"] * 5)  # 4 of 11
    scored, keep, reasons = run(op, [at, above])
    assert col(scored, "gopher_dup_line_frac") == pytest.approx([0.3, 4 / 11])
    assert keep == [True, False] and reasons[1] == "gopher_dup_line_frac"


def test_dup_line_char_frac_boundary():
    op = GopherRepetition(dup_line_frac=None, top_n_grams={}, dup_n_grams={})
    base = unique_lines(8, seed=4)
    dup_line = "repeated " * 5
    texts = ["\n".join(base + [dup_line] * k) for k in (2, 8)]
    scored, keep, reasons = run(op, texts)
    fr = col(scored, "gopher_dup_line_char_frac")
    assert fr[0] < 0.2 < fr[1]
    assert keep == [True, False] and reasons[1] == "gopher_dup_line_char_frac"
    # threshold exactly at the value keeps it (rule is "more than")
    _, keep_eq, _ = run(
        GopherRepetition(dup_line_frac=None, dup_line_char_frac=fr[1], top_n_grams={}, dup_n_grams={}),
        texts[1:],
    )
    assert keep_eq == [True]


def test_dup_para_boundaries():
    op = GopherRepetition()
    paras = unique_lines(7, seed=5, words=30)
    rep = "a repeated paragraph"
    at = "\n\n".join(paras[:6] + [rep] * 4)  # 3 of 10 duplicate
    above = "\n\n".join(paras[:5] + [rep] * 5)  # 4 of 10
    scored, keep, reasons = run(op, [at, above])
    assert col(scored, "gopher_dup_para_frac") == pytest.approx([0.3, 0.4])
    assert keep == [True, False] and reasons[1] == "gopher_dup_para_frac"


def test_top_2_gram_fraction_value_and_boundary():
    text = "foo bar x foo bar y foo bar z"
    scored, _, _ = run(GopherRepetition(), [text])
    expected = 3 * len("foo bar") / len(text)
    assert col(scored, "gopher_top_2_gram_frac") == pytest.approx([expected])
    kw = dict(dup_line_frac=None, dup_n_grams={})
    _, keep_at, _ = run(GopherRepetition(top_n_grams={2: expected}, **kw), [text])
    _, keep_below, reasons = run(GopherRepetition(top_n_grams={2: expected - 1e-9}, **kw), [text])
    assert keep_at == [True] and keep_below == [False] and reasons == ["gopher_top_2_gram"]


def test_dup_5_gram_greedy_scan():
    text = "a b c d e a b c d e"  # second occurrence of "abcde" counts 5 characters
    scored, keep, reasons = run(GopherRepetition(top_n_grams={}), [text])
    assert col(scored, "gopher_dup_5_gram_frac") == pytest.approx([5 / len(text)])
    assert keep == [False] and reasons == ["gopher_dup_5_gram"]
    # overlapping repeats are not double counted: "a a a a a a a" has 7 tokens;
    # 5-gram at 0 is new, at 1 is a repeat (5 chars), the scan jumps to 6 (end)
    scored, _, _ = run(GopherRepetition(top_n_grams={}), ["a a a a a a a"])
    assert col(scored, "gopher_dup_5_gram_frac") == pytest.approx([5 / 13])


def test_repetition_empty_and_one_word():
    scored, keep, reasons = run(GopherRepetition(), ["", "hello"])
    assert keep == [False, True] and reasons[0] == "gopher_empty"


def test_repetition_english_and_chinese_news_pass():
    _, keep, _ = run(GopherRepetition(), [EN_ARTICLE])
    assert keep == [True]
    _, keep, reasons = run(GopherRepetition(), [ZH_NEWS], lang="zh")
    assert keep == [True], reasons


def test_repetition_chinese_spam_fails():
    _, keep, reasons = run(GopherRepetition(), [ZH_NAV_MENU, ZH_AD_SPAM], lang="zh")
    assert keep == [False, False]
    assert all(r.startswith("gopher_dup_") for r in reasons)


def test_chinese_ngrams_use_jieba_words_without_spaces():
    text = "我们今天开会。我们今天开会。我们明天休息。"
    scored, _, _ = run(GopherRepetition(), [text], lang="zh")
    # top 2-gram is 我们+今天 (twice), 4 characters each, no separator in Chinese
    assert col(scored, "gopher_top_2_gram_frac")[0] == pytest.approx(2 * 4 / len(text))


def test_repetition_annotate_mode():
    scored = annotated(GopherRepetition(mode="annotate"), pa.table({"id": ["a"], "text": [ZH_AD_SPAM]}))
    assert removed_count(scored) == 0 and scored.column("gopher_dup_line_frac")[0].as_py() > 0.3
