"""c4_quality: line rules rewrite text, page rules remove pages; thresholds
at their boundaries; Chinese terminal punctuation and segmentation."""

from __future__ import annotations

import pyarrow as pa
import pytest
from filter_helpers import annotated, judged, removed_count
from quality_samples import EN_ARTICLE, ZH_NAV_MENU, ZH_NEWS, ZH_SHORT_LINES

from operators.quality.c4 import C4Quality

S = "This is a complete sentence."


def run(op, texts, lang=None):
    cols = {"id": [str(i) for i in range(len(texts))], "text": texts}
    if lang is not None:
        cols["lang"] = [lang] * len(texts)
    scored, keep, reasons = judged(op, pa.table(cols))
    return scored, [bool(k) for k in keep], reasons


def col(scored, name):
    return scored.column(name).to_pylist()


def test_min_sentences_boundary():
    five = " ".join([S] * 5)
    four = " ".join([S] * 4)
    scored, keep, reasons = run(C4Quality(), [five, four])
    assert col(scored, "c4_sentences") == [5, 4]
    assert keep == [True, False] and reasons[1] == "c4_too_few_sentences"


def test_abbreviations_do_not_split_sentences():
    text = "Mr. Smith met Dr. Jones in the U.S. capital. " + " ".join([S] * 3)
    scored, _, _ = run(C4Quality(), [text])
    assert col(scored, "c4_sentences") == [4]


def test_line_rules_rewrite_text_and_count_removed_lines():
    body = "\n".join([S] * 5)
    text = "\n".join(
        [
            "Home | About | Contact",  # no terminal punctuation
            "Too short.",  # 2 words
            "Exactly three words.",  # kept (boundary: 3 words)
            "Please enable JavaScript to view this page.",  # javascript
            "This site uses cookies to improve your experience.",  # policy
            "Read more...",  # ellipsis does not count as terminal punctuation
            "He said it was fine [1] and left.",  # citation removed
            body,
        ]
    )
    scored, keep, reasons = run(C4Quality(), [text])
    assert keep == [True]
    out = col(scored, "text")[0].split("\n")
    assert out[:2] == ["Exactly three words.", "He said it was fine  and left."]
    assert col(scored, "c4_lines_removed") == [5]
    assert col(scored, "c4_lines_no_terminal_punct") == [2]
    assert col(scored, "c4_lines_too_few_words") == [1]
    assert col(scored, "c4_lines_javascript") == [1]
    assert col(scored, "c4_lines_policy") == [1]
    assert col(scored, "c4_text_modified") == [True]


def test_min_words_per_line_boundary():
    two = "\n".join(["Two words."] + [S] * 5)
    scored, _, _ = run(C4Quality(min_words_per_line=2), [two])
    assert col(scored, "c4_lines_too_few_words") == [0]
    scored, _, _ = run(C4Quality(min_words_per_line=3), [two])
    assert col(scored, "c4_lines_too_few_words") == [1]


def test_long_word_line_removed():
    text = "\n".join(["A line with " + "x" * 1001 + " inside."] + [S] * 5)
    scored, _, _ = run(C4Quality(), [text])
    assert col(scored, "c4_lines_long_word") == [1]
    ok = "\n".join(["A line with " + "x" * 1000 + " inside."] + [S] * 5)
    scored, _, _ = run(C4Quality(), [ok])
    assert col(scored, "c4_lines_long_word") == [0]


def test_page_rules():
    lorem = "\n".join([S] * 5 + ["Lorem ipsum dolor sit amet, consectetur."])
    curly = "\n".join([S] * 5 + ["The function body is { return x; }."])
    _, keep, reasons = run(C4Quality(), [lorem, curly])
    assert keep == [False, False]
    assert reasons == ["c4_lorem_ipsum", "c4_curly_bracket"]


def test_removed_page_keeps_original_text():
    text = "Short page.\nNo punctuation here"
    scored, keep, _ = run(C4Quality(), [text])
    assert keep == [False] and col(scored, "text") == [text]


def test_empty_and_one_word():
    _, keep, reasons = run(C4Quality(), ["", "Hello"])
    assert keep == [False, False] and reasons == ["c4_too_few_sentences"] * 2


def test_english_article_passes():
    scored, keep, _ = run(C4Quality(), [EN_ARTICLE])
    assert keep == [True]
    # only the two blank paragraph separators are removed (they have no terminal punctuation)
    assert col(scored, "c4_lines_removed") == [2]
    assert col(scored, "text") == ["\n".join(ln for ln in EN_ARTICLE.split("\n") if ln)]


def test_annotate_mode_does_not_rewrite():
    text = "Menu\n" + "\n".join([S] * 5)
    op = C4Quality(mode="annotate")
    scored = annotated(op, pa.table({"id": ["a"], "text": [text]}))
    assert removed_count(scored) == 0 and scored.column("text").to_pylist() == [text]
    assert scored.column("c4_lines_removed").to_pylist() == [1]


def test_remove_lines_false_keeps_text():
    text = "Menu\n" + "\n".join([S] * 5)
    scored, keep, _ = run(C4Quality(remove_lines=False), [text])
    assert keep == [True] and col(scored, "text") == [text]


# ------------------------------------------------------------------- Chinese
def test_chinese_news_passes_unchanged():
    scored, keep, reasons = run(C4Quality(), [ZH_NEWS], lang="zh")
    assert keep == [True], reasons
    assert col(scored, "c4_lines_removed") == [0]
    assert col(scored, "c4_sentences") == [7]


@pytest.mark.parametrize("ending", ["。", "！", "？", "……", "”", "」"])
def test_chinese_terminal_punctuation(ending):
    line = "今天的会议讨论了明年的工作计划" + ending
    text = "\n".join([line] + ["这是一个完整的句子。"] * 5)
    scored, _, _ = run(C4Quality(language="zh"), [text])
    assert col(scored, "c4_lines_no_terminal_punct") == [0]


def test_chinese_line_without_terminal_punctuation_removed():
    text = "\n".join(["首页 新闻 体育 娱乐"] + ["这是一个完整的句子。"] * 5)
    scored, keep, _ = run(C4Quality(language="zh"), [text])
    assert keep == [True]
    assert col(scored, "c4_lines_no_terminal_punct") == [1]
    assert col(scored, "text")[0] == "\n".join(["这是一个完整的句子。"] * 5)


def test_chinese_sentences_and_words_boundaries():
    five = "他来了。我走了。你好吗？很好！谢谢。"
    four = "他来了。我走了。你好吗？很好！"
    scored, keep, _ = run(C4Quality(min_words_per_line=None), [five, four], lang="zh")
    assert col(scored, "c4_sentences") == [5, 4]
    assert keep == [True, False]
    # jieba words per line: "我们走吧。" -> 我们 / 走 / 吧 (+ 。, punctuation, not a word) = 3
    short = "\n".join(["我们走吧。"] + ["这是一个完整的句子。"] * 5)
    scored, _, _ = run(C4Quality(language="zh", min_words_per_line=4), [short])
    assert col(scored, "c4_lines_too_few_words") == [1]
    scored, _, _ = run(C4Quality(language="zh", min_words_per_line=3), [short])
    assert col(scored, "c4_lines_too_few_words") == [0]


def test_chinese_long_paragraph_is_not_one_long_word():
    para = "这是一个很长的段落。" * 150  # 1500 characters, no spaces
    scored, keep, _ = run(C4Quality(), [para], lang="zh")
    assert keep == [True] and col(scored, "c4_lines_long_word") == [0]


def test_chinese_boilerplate_fails():
    _, keep, reasons = run(C4Quality(), [ZH_NAV_MENU, ZH_SHORT_LINES], lang="zh")
    assert keep == [False, False] and set(reasons) == {"c4_too_few_sentences"}


def test_chinese_policy_line_removed():
    text = "\n".join(["本网站的隐私政策请见页面底部说明。"] + ["这是一个完整的句子。"] * 5)
    scored, _, _ = run(C4Quality(), [text], lang="zh")
    assert col(scored, "c4_lines_policy") == [1]
